package io.fedcheck.flink;

import io.fedcheck.api.FederationValidator;
import io.fedcheck.api.InspectorOptions;
import io.fedcheck.api.Policy;
import io.fedcheck.api.Profile;
import io.fedcheck.api.ResolverOptions;
import io.fedcheck.api.SipProbe;
import io.fedcheck.core.DeadlineBudget;
import io.fedcheck.core.DnsServerAddress;
import io.fedcheck.core.FederationValidators;
import io.fedcheck.core.ResilienceSettings;
import java.io.ByteArrayInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How each Flink task builds its {@link FederationValidator}: a serialisable description (policy,
 * DNS servers, timeouts, trust anchors as DER bytes, per-task rate limit, SIP probe, backend
 * names) that travels with the job graph to every task manager. It holds values only, never a
 * thread, socket or certificate object; {@link #newValidator()} builds the live validator inside
 * the task. Immutable; build one with {@link #builder()}.
 */
public final class ValidatorSpec implements Serializable {
  @Serial
  private static final long serialVersionUID = 1L;

  private final Profile profile;
  private final boolean requireClientAuthEku;
  private final boolean allowPrivateAddresses;
  private final boolean publicRoots;
  private final ArrayList<byte[]> trustAnchors;
  private final String sipFromDomain;
  private final boolean sipProbe;
  private final ArrayList<String> dnsServers;
  private final String resolverName;
  private final String tlsBackend;
  private final Duration deadline;
  private final int dnsQueriesPerSecond;
  private final int maxConcurrentHandshakes;

  private ValidatorSpec(Builder b) {
    this.profile = b.profile;
    this.requireClientAuthEku = b.requireClientAuthEku;
    this.allowPrivateAddresses = b.allowPrivateAddresses;
    this.publicRoots = b.publicRoots;
    this.trustAnchors = new ArrayList<>();
    b.trustAnchors.forEach(a -> trustAnchors.add(a.clone()));
    this.sipFromDomain = b.sipFromDomain;
    this.sipProbe = b.sipProbe;
    this.dnsServers = new ArrayList<>(b.dnsServers);
    this.resolverName = b.resolverName;
    this.tlsBackend = b.tlsBackend;
    this.deadline = b.deadline;
    this.dnsQueriesPerSecond = b.dnsQueriesPerSecond;
    this.maxConcurrentHandshakes = b.maxConcurrentHandshakes;
  }

  /**
   * A builder with the CLI's defaults: on-premises profile, public roots, system DNS through
   * dnsjava, discovery's TLS backend, SIP probe on, 10 s per domain, no rate limit.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The per-domain deadline; the job's per-record timeout must be longer, so that the validator's
   * own UNKNOWN (which says which step hung) wins over the job's.
   *
   * @return the deadline of one domain's check
   */
  public Duration deadline() {
    return deadline;
  }

  /**
   * The DNS query rate limit of one task (0 for none).
   *
   * @return queries per second per task
   */
  public int dnsQueriesPerSecond() {
    return dnsQueriesPerSecond;
  }

  /**
   * A copy of this spec with another per-task DNS rate; {@link FederationAuditJob} uses it to split
   * a global {@code --qps} across the parallel tasks.
   *
   * @param perTask queries per second for one task, 0 for none
   * @return the new spec
   */
  public ValidatorSpec withDnsQueriesPerSecond(int perTask) {
    return toBuilder().dnsQueriesPerSecond(perTask).build();
  }

  /**
   * A builder initialised from this spec.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder()
        .profile(profile)
        .requireClientAuthEku(requireClientAuthEku)
        .allowPrivateAddresses(allowPrivateAddresses)
        .publicRoots(publicRoots)
        .sipProbe(sipProbe)
        .sipFromDomain(sipFromDomain)
        .dnsServers(dnsServers)
        .resolverName(resolverName)
        .tlsBackend(tlsBackend)
        .deadline(deadline)
        .dnsQueriesPerSecond(dnsQueriesPerSecond)
        .maxConcurrentHandshakes(maxConcurrentHandshakes);
    b.trustAnchors.addAll(trustAnchors);
    return b;
  }

  /**
   * The policy this spec describes, trust anchors decoded.
   *
   * @return a new policy
   */
  public Policy policy() {
    Policy base = profile == Profile.MICROSOFT_365 ? Policy.microsoft365() : Policy.onPremises();
    List<X509Certificate> anchors = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (byte[] der : trustAnchors) {
        anchors.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
      }
    } catch (CertificateException e) {
      // The bytes were encoded from certificates by the builder; they cannot be broken.
      throw new IllegalStateException("a trust anchor of the spec cannot be decoded", e);
    }
    return base.toBuilder()
        .requireClientAuthEku(requireClientAuthEku)
        .allowPrivateAddresses(allowPrivateAddresses)
        .extraTrustAnchors(anchors)
        .publicRoots(publicRoots)
        .sipProbe(sipProbe ? SipProbe.ofDefaults().withFromDomain(sipFromDomain) : null)
        .build();
  }

  /**
   * Builds the live validator this spec describes; the caller closes it. Called once per task, in
   * {@code open()}.
   *
   * @return a new validator, owning its resolver and inspector
   */
  public FederationValidator newValidator() {
    List<InetSocketAddress> servers = dnsServers.stream().map(DnsServerAddress::parse).toList();
    return FederationValidators.builder()
        .resolverName(resolverName)
        .resolverOptions(ResolverOptions.ofDefaults().withServers(servers)
            .withQueryTimeout(DeadlineBudget.dnsAttempt(deadline)))
        .inspectorName(tlsBackend)
        .inspectorOptions(new InspectorOptions(null, maxConcurrentHandshakes))
        .policy(policy())
        .clock(Clock.systemUTC())
        .deadline(deadline)
        .queryTimeout(DeadlineBudget.dnsLookup(deadline))
        .handshakeTimeout(deadline)
        .resilience(ResilienceSettings.ofDefaults().toBuilder()
            .dnsQueriesPerSecond(dnsQueriesPerSecond)
            .maxConcurrentHandshakes(maxConcurrentHandshakes)
            .build())
        .build();
  }

  @Override
  public String toString() {
    return "ValidatorSpec[profile=" + profile + ", dns=" + dnsServers + ", resolver=" + resolverName
        + ", tls=" + (tlsBackend == null ? "discovery" : tlsBackend) + ", deadline=" + deadline
        + ", qpsPerTask=" + dnsQueriesPerSecond + ", sipProbe=" + sipProbe + ", trustAnchors="
        + trustAnchors.size() + ", publicRoots=" + publicRoots + ", allowPrivate=" + allowPrivateAddresses + "]";
  }

  /** Builds a {@link ValidatorSpec}; every value is checked when set. Not thread-safe. */
  public static final class Builder {
    private Profile profile = Profile.ON_PREMISES;
    private boolean requireClientAuthEku;
    private boolean allowPrivateAddresses;
    private boolean publicRoots = true;
    private final List<byte[]> trustAnchors = new ArrayList<>();
    private String sipFromDomain = SipProbe.DEFAULT_FROM_DOMAIN;
    private boolean sipProbe = true;
    private List<String> dnsServers = List.of();
    private String resolverName = "dnsjava";
    private String tlsBackend;
    private Duration deadline = Duration.ofSeconds(10);
    private int dnsQueriesPerSecond;
    private int maxConcurrentHandshakes = InspectorOptions.ofDefaults().maxConcurrentHandshakes();

    private Builder() {}

    /**
     * The edge profile.
     *
     * @param value on-premises or Microsoft 365
     * @return this builder
     */
    public Builder profile(Profile value) {
      this.profile = Objects.requireNonNull(value, "profile");
      return this;
    }

    /**
     * Whether a missing clientAuth EKU fails (as Microsoft 365 requires).
     *
     * @param value true to require it
     * @return this builder
     */
    public Builder requireClientAuthEku(boolean value) {
      this.requireClientAuthEku = value;
      return this;
    }

    /**
     * Whether SRV targets on loopback, private or link-local addresses may be connected to. Off by
     * default (the names come from untrusted DNS); labs and tests turn it on.
     *
     * @param value true to allow them
     * @return this builder
     */
    public Builder allowPrivateAddresses(boolean value) {
      this.allowPrivateAddresses = value;
      return this;
    }

    /**
     * Whether the JDK's public roots stay trusted beside {@link #trustAnchor(X509Certificate)}s.
     *
     * @param value false to trust only the added anchors
     * @return this builder
     */
    public Builder publicRoots(boolean value) {
      this.publicRoots = value;
      return this;
    }

    /**
     * Adds a trust anchor (kept as its DER encoding).
     *
     * @param anchor a root certificate
     * @return this builder
     */
    public Builder trustAnchor(X509Certificate anchor) {
      try {
        trustAnchors.add(anchor.getEncoded());
      } catch (CertificateEncodingException e) {
        throw new IllegalArgumentException("the trust anchor cannot be encoded: " + e.getMessage(), e);
      }
      return this;
    }

    /**
     * Adds trust anchors.
     *
     * @param anchors root certificates
     * @return this builder
     */
    public Builder trustAnchors(List<X509Certificate> anchors) {
      anchors.forEach(this::trustAnchor);
      return this;
    }

    /**
     * Whether each handshake is followed by a SIP OPTIONS probe (default on, as in the CLI).
     *
     * @param value false to stop after the handshake
     * @return this builder
     */
    public Builder sipProbe(boolean value) {
      this.sipProbe = value;
      return this;
    }

    /**
     * The {@code From} domain of the SIP probe.
     *
     * @param value a host name
     * @return this builder
     */
    public Builder sipFromDomain(String value) {
      this.sipFromDomain = SipProbe.ofDefaults().withFromDomain(value).fromDomain();
      return this;
    }

    /**
     * The DNS servers to ask ({@code host:port}, {@code [v6]:port} or a host); empty for the
     * system's.
     *
     * @param value the servers
     * @return this builder
     */
    public Builder dnsServers(List<String> value) {
      value.forEach(DnsServerAddress::parse);
      this.dnsServers = List.copyOf(value);
      return this;
    }

    /**
     * The DNS backend's provider name ({@code dnsjava} or {@code jdk}).
     *
     * @param value the name
     * @return this builder
     */
    public Builder resolverName(String value) {
      this.resolverName = Objects.requireNonNull(value, "resolverName");
      return this;
    }

    /**
     * The TLS backend's provider name ({@code jsse} or {@code netty}), or {@code null} for
     * discovery (netty where BoringSSL loads).
     *
     * @param value the name, or null
     * @return this builder
     */
    public Builder tlsBackend(String value) {
      this.tlsBackend = value;
      return this;
    }

    /**
     * The deadline of one domain's check.
     *
     * @param value a positive duration
     * @return this builder
     */
    public Builder deadline(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("the deadline must be positive: " + value);
      }
      this.deadline = value;
      return this;
    }

    /**
     * DNS queries per second of one task, 0 for no limit.
     *
     * @param value the rate
     * @return this builder
     */
    public Builder dnsQueriesPerSecond(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("the DNS rate must not be negative: " + value);
      }
      this.dnsQueriesPerSecond = value;
      return this;
    }

    /**
     * The most TLS handshakes one task has in flight.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder maxConcurrentHandshakes(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxConcurrentHandshakes must be at least 1: " + value);
      }
      this.maxConcurrentHandshakes = value;
      return this;
    }

    /**
     * The spec.
     *
     * @return a new immutable spec
     */
    public ValidatorSpec build() {
      return new ValidatorSpec(this);
    }
  }
}
