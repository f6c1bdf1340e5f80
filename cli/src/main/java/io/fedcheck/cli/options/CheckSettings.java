package io.fedcheck.cli.options;

import io.fedcheck.core.DeadlineBudget;
import io.fedcheck.api.ClientIdentity;
import io.fedcheck.api.InspectorOptions;
import io.fedcheck.api.Policy;
import io.fedcheck.api.Profile;
import io.fedcheck.api.ResolverOptions;
import io.fedcheck.api.SipProbe;
import io.fedcheck.api.ZoneFileLimits;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a validator is built from, after the command line has been parsed and checked. The one
 * input of a {@link ValidatorFactory}. Immutable.
 *
 * @param dnsServers the DNS servers to ask; empty means the system's resolvers
 * @param resolver the DNS backend
 * @param timeout the per-domain deadline
 * @param extraTrustAnchors roots trusted in addition to (or instead of) the JDK's public roots
 * @param publicRoots whether the JDK's public roots stay trusted
 * @param profile the Microsoft edge profile
 * @param requireClientAuth whether a certificate without the clientAuth EKU is an error
 * @param allowPrivateAddresses whether loopback/private targets may be connected to
 * @param zoneFiles master files for the offline resolver; empty for network DNS
 * @param certificateDirectory PEM chains for the offline inspector, or {@code null} for live TLS
 * @param skipTls whether to check DNS only and never connect ({@code audit --skip-tls})
 * @param dnsQueriesPerSecond the DNS query rate limit, 0 for none ({@code audit --qps})
 * @param sipProbe the SIP OPTIONS probe after each handshake, or {@code null} for none ({@code
 *     --no-sip-probe})
 * @param clientIdentity the client certificate and key to present ({@code --client-cert}), or
 *     {@code null}
 * @param zoneFileLimits how the zone files are read ({@code --zone-include}, {@code --zone-max-records})
 * @param tlsBackend the live TLS backend ({@code --tls-backend}), or {@code null} for the one
 *     discovery picks
 */
public record CheckSettings(
    List<InetSocketAddress> dnsServers,
    ResolverBackend resolver,
    Duration timeout,
    List<X509Certificate> extraTrustAnchors,
    boolean publicRoots,
    Profile profile,
    boolean requireClientAuth,
    boolean allowPrivateAddresses,
    List<Path> zoneFiles,
    Path certificateDirectory,
    boolean skipTls,
    int dnsQueriesPerSecond,
    SipProbe sipProbe,
    ClientIdentity clientIdentity,
    ZoneFileLimits zoneFileLimits,
    TlsBackend tlsBackend) {

  /** The per-domain deadline when {@code --timeout} is not given. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public CheckSettings {
    dnsServers = List.copyOf(dnsServers);
    Objects.requireNonNull(resolver, "resolver");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    extraTrustAnchors = List.copyOf(extraTrustAnchors);
    Objects.requireNonNull(profile, "profile");
    zoneFiles = List.copyOf(zoneFiles);
    if (dnsQueriesPerSecond < 0) {
      throw new IllegalArgumentException("dnsQueriesPerSecond must not be negative");
    }
    Objects.requireNonNull(zoneFileLimits, "zoneFileLimits");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether DNS answers come from zone files instead of the network. */
  public boolean offlineDns() {
    return !zoneFiles.isEmpty();
  }

  /** The offline certificate directory, if set. */
  Optional<Path> certificateDirectoryIfSet() {
    return Optional.ofNullable(certificateDirectory);
  }

  /** The policy the rules judge against. */
  public Policy policy() {
    Policy base = profile == Profile.MICROSOFT_365 ? Policy.microsoft365() : Policy.onPremises();
    return base.toBuilder()
        .requireClientAuthEku(requireClientAuth)
        .allowPrivateAddresses(allowPrivateAddresses)
        .extraTrustAnchors(extraTrustAnchors)
        .publicRoots(publicRoots)
        .sipProbe(sipProbe)
        .build();
  }

  /** How a DNS backend is set up: one attempt gets {@link DeadlineBudget#dnsAttempt}'s share. */
  public ResolverOptions resolverOptions() {
    return ResolverOptions.ofDefaults()
        .withServers(dnsServers)
        .withQueryTimeout(DeadlineBudget.dnsAttempt(timeout))
        .withZoneFiles(zoneFiles)
        .withZoneFileLimits(zoneFileLimits);
  }

  /** How a certificate inspector is set up. */
  public InspectorOptions inspectorOptions() {
    return new InspectorOptions(certificateDirectory, InspectorOptions.ofDefaults().maxConcurrentHandshakes(),
        clientIdentity);
  }

  /** Builds settings; starts from the command's defaults. Not thread-safe. */
  public static final class Builder {
    private List<InetSocketAddress> dnsServers = new ArrayList<>();
    private ResolverBackend resolver = ResolverBackend.DNSJAVA;
    private Duration timeout = DEFAULT_TIMEOUT;
    private List<X509Certificate> extraTrustAnchors = new ArrayList<>();
    private boolean publicRoots = true;
    private Profile profile = Profile.ON_PREMISES;
    private boolean requireClientAuth;
    private boolean allowPrivateAddresses;
    private List<Path> zoneFiles = new ArrayList<>();
    private Path certificateDirectory;
    private boolean skipTls;
    private int dnsQueriesPerSecond;
    private SipProbe sipProbe = SipProbe.ofDefaults();
    private ClientIdentity clientIdentity;
    private ZoneFileLimits zoneFileLimits = ZoneFileLimits.ofDefaults();
    private TlsBackend tlsBackend;

    private Builder() {}

    public Builder tlsBackend(TlsBackend value) {
      this.tlsBackend = value;
      return this;
    }

    Builder zoneFileLimits(ZoneFileLimits value) {
      this.zoneFileLimits = value;
      return this;
    }

    Builder sipProbe(SipProbe value) {
      this.sipProbe = value;
      return this;
    }

    Builder clientIdentity(ClientIdentity value) {
      this.clientIdentity = value;
      return this;
    }

    public Builder dnsServers(List<InetSocketAddress> value) {
      this.dnsServers = new ArrayList<>(value);
      return this;
    }

    Builder resolver(ResolverBackend value) {
      this.resolver = value;
      return this;
    }

    Builder timeout(Duration value) {
      this.timeout = value;
      return this;
    }

    public Builder extraTrustAnchors(List<X509Certificate> value) {
      this.extraTrustAnchors = new ArrayList<>(value);
      return this;
    }

    Builder publicRoots(boolean value) {
      this.publicRoots = value;
      return this;
    }

    public Builder profile(Profile value) {
      this.profile = value;
      return this;
    }

    Builder requireClientAuth(boolean value) {
      this.requireClientAuth = value;
      return this;
    }

    public Builder allowPrivateAddresses(boolean value) {
      this.allowPrivateAddresses = value;
      return this;
    }

    Builder zoneFiles(List<Path> value) {
      this.zoneFiles = new ArrayList<>(value);
      return this;
    }

    Builder certificateDirectory(Path value) {
      this.certificateDirectory = value;
      return this;
    }

    Builder skipTls(boolean value) {
      this.skipTls = value;
      return this;
    }

    Builder dnsQueriesPerSecond(int value) {
      this.dnsQueriesPerSecond = value;
      return this;
    }

    public CheckSettings build() {
      return new CheckSettings(
          dnsServers, resolver, timeout, extraTrustAnchors, publicRoots, profile, requireClientAuth,
          allowPrivateAddresses, zoneFiles, certificateDirectory, skipTls, dnsQueriesPerSecond,
          sipProbe, clientIdentity, zoneFileLimits, tlsBackend);
    }
  }
}
