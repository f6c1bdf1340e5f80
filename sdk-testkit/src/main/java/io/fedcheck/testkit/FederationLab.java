package io.fedcheck.testkit;

import io.fedcheck.api.Policy;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Verdict;
import io.fedcheck.testkit.dns.AuthoritativeDnsServer;
import io.fedcheck.testkit.dns.DnsFault;
import io.fedcheck.testkit.dns.DnsZone;
import io.fedcheck.testkit.tls.HeldCertificate;
import io.fedcheck.testkit.tls.TestCertificateAuthority;
import io.fedcheck.testkit.tls.TlsEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A federation lab on loopback: an {@link AuthoritativeDnsServer} serving the declared domains'
 * {@code _sipfederationtls._tcp} SRV records and the targets' A records, and one {@link
 * TlsEndpoint} per edge server presenting a certificate from the lab's private CA. Declare domains
 * the way the rule catalogue talks about them, start the lab, and point a validator at {@link
 * #dnsServer()} with {@link #trustAnchors()} as extra trust anchors:
 *
 * <pre>{@code
 * try (FederationLab lab = FederationLab.builder()
 *     .server("vcse", s -> s.certificateNames("vcse.steven.lab"))
 *     .domain("steven.lab", d -> d.srv("vcse.steven.lab").server("vcse").expect(Verdict.PASS))
 *     .domain("cms.steven.lab", d -> d.srv("vcse.cms.steven.lab").server("vcse")
 *         .expect(Verdict.FAIL, RuleId.CERT_NAME_MISMATCH))
 *     .domain("gone.lab", d -> d.expect(Verdict.FAIL, RuleId.SRV_MISSING))   // no SRV: NXDOMAIN
 *     .start()) {
 *   ... resolver at lab.dnsServer(), trust lab.trustAnchors(), allow private addresses ...
 * }
 * }</pre>
 *
 * <p><b>Ports.</b> Every endpoint listens on its own ephemeral port on 127.0.0.1 and the SRV record
 * carries that port: the lab needs no root, so it cannot bind 5061. A validator therefore also
 * reports the INFO {@code SRV_PORT_UNUSUAL} for every target; with private addresses allowed the
 * loopback address is the INFO {@code TARGET_ADDRESS_NOT_PUBLIC}, and the lab's root is the INFO
 * {@code CERT_PRIVATE_CA} (on-premises profile). These are {@link #inherentInfoRules()}; they do
 * not change a PASS. Under the Microsoft 365 profile the private CA is an error, so every lab
 * domain fails there.
 *
 * <p><b>Zones.</b> The DNS server is authoritative for every declared domain, and for the parent
 * of each host outside them (so {@code expe.dummy.com} is served from a {@code dummy.com} zone).
 * Records go to the most specific zone; names not declared are NXDOMAIN; TTLs are 60 s.
 *
 * <p><b>Certificates.</b> A root CA and an issuing intermediate are made per lab, valid ten years
 * either side of the lab's clock; keys come from the test kit's key cache, so a lab with a few
 * endpoints starts in well under a second once the JVM is warm. Endpoints present leaf +
 * intermediate.
 *
 * <p>A started lab is thread-safe; {@link #close()} frees every port and stops every thread the lab
 * started, and is idempotent.
 */
public final class FederationLab implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FederationLab.class);
  private static final long TTL_SECONDS = 60;
  private static final Duration CA_VALIDITY = Duration.ofDays(3650);

  private final Clock clock;
  private final TestCertificateAuthority certificateAuthority;
  private final AuthoritativeDnsServer dns;
  private final List<TlsEndpoint> endpoints;
  private final Map<String, TlsEndpoint> endpointByHost;
  private final Map<String, HeldCertificate> certificateByHost;
  private final List<String> domains;
  private final Map<String, ExpectedOutcome> expectations;
  private final Map<String, List<LabTarget>> targets;
  private final AtomicBoolean closed = new AtomicBoolean();

  private FederationLab(
      Clock clock,
      TestCertificateAuthority certificateAuthority,
      AuthoritativeDnsServer dns,
      List<TlsEndpoint> endpoints,
      Map<String, TlsEndpoint> endpointByHost,
      Map<String, HeldCertificate> certificateByHost,
      List<String> domains,
      Map<String, ExpectedOutcome> expectations,
      Map<String, List<LabTarget>> targets) {
    this.clock = clock;
    this.certificateAuthority = certificateAuthority;
    this.dns = dns;
    this.endpoints = List.copyOf(endpoints);
    this.endpointByHost = Map.copyOf(endpointByHost);
    this.certificateByHost = Map.copyOf(certificateByHost);
    this.domains = List.copyOf(domains);
    this.expectations = Map.copyOf(expectations);
    this.targets = Map.copyOf(targets);
  }

  /** A builder for a lab; {@link Builder#start()} starts it. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts the seed document's lab: same as {@link SeedLab#start()}. */
  public static FederationLab seed() {
    return SeedLab.start();
  }

  /**
   * The INFO rules every lab domain with a reachable target reports under the on-premises profile
   * with private addresses allowed: {@code SRV_PORT_UNUSUAL}, {@code TARGET_ADDRESS_NOT_PUBLIC} and
   * {@code CERT_PRIVATE_CA}. They are left out of every {@link ExpectedOutcome}.
   */
  public static Set<RuleId> inherentInfoRules() {
    return Set.copyOf(
        EnumSet.of(RuleId.SRV_PORT_UNUSUAL, RuleId.TARGET_ADDRESS_NOT_PUBLIC, RuleId.CERT_PRIVATE_CA));
  }

  /** The DNS server's address (127.0.0.1 and an ephemeral port, UDP and TCP). */
  public InetSocketAddress dnsServer() {
    return dns.address();
  }

  /** The DNS server itself, to add faults or inspect the queries it received while the lab runs. */
  public AuthoritativeDnsServer authoritativeDnsServer() {
    return dns;
  }

  /** The lab's trust anchors: its root CA certificate alone. */
  public List<X509Certificate> trustAnchors() {
    return List.of(certificateAuthority.rootCertificate());
  }

  /** The CA that issues the lab's certificates (an intermediate under the root). */
  public TestCertificateAuthority certificateAuthority() {
    return certificateAuthority;
  }

  /** {@link #trustAnchors()} as a PEM bundle, as the CLI's {@code --trust-store} reads it. */
  public String trustStorePem() {
    return certificateAuthority.rootPem();
  }

  /** Writes {@link #trustStorePem()} to {@code file} (replacing it) and returns the file. */
  public Path writeTrustStore(Path file) {
    try {
      return Files.writeString(file, trustStorePem(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the lab trust store to " + file, e);
    }
  }

  /** The declared domains, in declaration order (lower-case ASCII, no trailing dot). */
  public List<String> domains() {
    return domains;
  }

  /** What a validator should report for {@code domain}, when the scenario declares it. */
  public Optional<ExpectedOutcome> expectation(String domain) {
    return Optional.ofNullable(expectations.get(normalize(domain)));
  }

  /** The verdict expected for {@code domain}, when the scenario declares one. */
  public Optional<Verdict> expectedVerdict(String domain) {
    return expectation(domain).map(ExpectedOutcome::verdict);
  }

  /** The ERROR/WARNING rules expected for {@code domain}; empty when none (or none declared). */
  public Set<RuleId> expectedRules(String domain) {
    return expectation(domain).map(ExpectedOutcome::rules).orElse(Set.of());
  }

  /** The SRV records published for {@code domain}, in declaration order (empty when none). */
  public List<LabTarget> targets(String domain) {
    return targets.getOrDefault(normalize(domain), List.of());
  }

  /** The TLS endpoint serving {@code host}, unless the host has none (connections are refused). */
  public Optional<TlsEndpoint> endpoint(String host) {
    return Optional.ofNullable(endpointByHost.get(normalize(host)));
  }

  /** The certificate presented for {@code host}, when its endpoint completes handshakes. */
  public Optional<HeldCertificate> certificate(String host) {
    return Optional.ofNullable(certificateByHost.get(normalize(host)));
  }

  /** The clock the lab's certificate validity was computed from; give a validator the same one. */
  public Clock clock() {
    return clock;
  }

  /** Closes every endpoint and the DNS server, freeing their ports and threads. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeAll(endpoints, dns);
    LOG.debug("federation lab on {} closed", dns.address());
  }

  @Override
  public String toString() {
    return "FederationLab[dns=" + dns.address() + ", domains=" + domains + (closed.get() ? ", closed]" : "]");
  }

  /** Lower-case ASCII (punycode) without a trailing dot: the form every lab name is kept in. */
  static String normalize(String name) {
    Objects.requireNonNull(name, "name");
    String ascii;
    try {
      ascii = IDN.toASCII(name.strip(), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad DNS name: " + name, e);
    }
    if (ascii.endsWith(".")) {
      ascii = ascii.substring(0, ascii.length() - 1);
    }
    if (ascii.isEmpty()) {
      throw new IllegalArgumentException("empty DNS name: \"" + name + "\"");
    }
    return ascii;
  }

  private static void closeAll(List<TlsEndpoint> endpoints, AuthoritativeDnsServer dns) {
    for (TlsEndpoint e : endpoints) {
      try {
        e.close();
      } catch (RuntimeException ex) {
        LOG.warn("closing {} failed", e, ex);
      }
    }
    if (dns != null) {
      dns.close();
    }
  }

  /**
   * Declares a {@link FederationLab}: domains with their SRV targets, shared servers, DNS faults and
   * the lab's clock. Not thread-safe.
   */
  public static final class Builder {
    private final Map<String, DomainSpec> domains = new LinkedHashMap<>();
    private final Map<String, ServerSpec> servers = new LinkedHashMap<>();
    private final Map<String, DnsFault> faults = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private TestCertificateAuthority issuer;

    private Builder() {}

    /** Declares a SIP domain (at most once), configured by {@code configure}. */
    public Builder domain(String name, Consumer<DomainSpec> configure) {
      String domain = normalize(name);
      if (domains.containsKey(domain)) {
        throw new IllegalArgumentException("domain declared twice: " + domain);
      }
      DomainSpec spec = new DomainSpec(domain);
      configure.accept(spec);
      domains.put(domain, spec);
      return this;
    }

    /**
     * Declares an edge server that several targets share with {@link TargetSpec#server(String)}:
     * one endpoint, one certificate. Unless {@link ServerSpec#certificateNames} says otherwise, its
     * certificate names every target that uses it, in declaration order. A server no target uses
     * is not started.
     */
    public Builder server(String id, Consumer<ServerSpec> configure) {
      Objects.requireNonNull(id, "id");
      if (servers.containsKey(id)) {
        throw new IllegalArgumentException("server declared twice: " + id);
      }
      ServerSpec spec = new ServerSpec();
      configure.accept(spec);
      servers.put(id, spec);
      return this;
    }

    /** Applies a DNS fault to every query for exactly this name. */
    public Builder fault(String name, DnsFault fault) {
      faults.put(normalize(name), Objects.requireNonNull(fault, "fault"));
      return this;
    }

    /** The clock certificate validity is computed from (default the system UTC clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The CA that issues the lab's certificates (default: a fresh root and intermediate per lab).
     * {@link FederationLab#trustAnchors()} is then its root.
     */
    public Builder certificateAuthority(TestCertificateAuthority issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /** Builds the certificates, binds the endpoints and the DNS server, and returns the running lab. */
    public FederationLab start() {
      long t0 = System.nanoTime();
      Instant now = clock.instant();
      TestCertificateAuthority issuing = issuer != null ? issuer : labAuthority(now);
      Supplier<TestCertificateAuthority> unknown = memoize(() -> unknownAuthority(now));
      LabPlan plan = LabPlan.of(domains.values(), servers);

      List<TlsEndpoint> started = new ArrayList<>();
      AuthoritativeDnsServer dns = null;
      try {
        Map<String, Integer> portByServer = new LinkedHashMap<>();
        Map<String, TlsEndpoint> endpointByServer = new LinkedHashMap<>();
        Map<String, HeldCertificate> certificateByServer = new LinkedHashMap<>();
        for (LabPlan.Server server : plan.servers()) {
          ServerSpec spec = server.spec();
          if (!spec.hasEndpoint()) {
            portByServer.put(server.key(), TlsEndpoint.refusingAddress().getPort());
            continue;
          }
          HeldCertificate certificate =
              spec.handshakes() ? spec.buildCertificate(server.hosts(), now, issuing, unknown) : null;
          TlsEndpoint endpoint = spec.startEndpoint(certificate);
          started.add(endpoint);
          portByServer.put(server.key(), endpoint.port());
          endpointByServer.put(server.key(), endpoint);
          if (certificate != null) {
            certificateByServer.put(server.key(), certificate);
          }
        }

        AuthoritativeDnsServer.Builder dnsBuilder = AuthoritativeDnsServer.builder().clock(clock);
        plan.zones(portByServer, TTL_SECONDS).forEach(dnsBuilder::zone);
        plan.faults().forEach(dnsBuilder::fault);
        faults.forEach(dnsBuilder::fault);
        dns = dnsBuilder.start();

        Map<String, TlsEndpoint> endpointByHost = new LinkedHashMap<>();
        Map<String, HeldCertificate> certificateByHost = new LinkedHashMap<>();
        plan.serverKeyByHost()
            .forEach(
                (host, key) -> {
                  if (endpointByServer.containsKey(key)) {
                    endpointByHost.put(host, endpointByServer.get(key));
                  }
                  if (certificateByServer.containsKey(key)) {
                    certificateByHost.put(host, certificateByServer.get(key));
                  }
                });
        Map<String, ExpectedOutcome> expectations = new LinkedHashMap<>();
        Map<String, List<LabTarget>> targets = new LinkedHashMap<>();
        for (DomainSpec d : domains.values()) {
          if (d.expected() != null) {
            expectations.put(d.name(), d.expected());
          }
          targets.put(d.name(), plan.labTargets(d, portByServer));
        }
        FederationLab lab =
            new FederationLab(
                clock,
                issuing,
                dns,
                started,
                endpointByHost,
                certificateByHost,
                List.copyOf(domains.keySet()),
                expectations,
                targets);
        LOG.debug(
            "federation lab with {} domains and {} endpoints on {} started in {} ms",
            domains.size(),
            started.size(),
            dns.address(),
            (System.nanoTime() - t0) / 1_000_000);
        return lab;
      } catch (RuntimeException e) {
        closeAll(started, dns);
        throw e;
      }
    }

    private static TestCertificateAuthority labAuthority(Instant now) {
      HeldCertificate root =
          HeldCertificate.builder()
              .commonName("fedcheck Lab Root CA")
              .organization("fedcheck lab")
              .certificateAuthority(Integer.MAX_VALUE)
              .validity(now.minus(CA_VALIDITY), now.plus(CA_VALIDITY))
              .build();
      HeldCertificate intermediate =
          HeldCertificate.builder()
              .commonName("fedcheck Lab Issuing CA")
              .organization("fedcheck lab")
              .certificateAuthority(0)
              .validity(now.minus(CA_VALIDITY), now.plus(CA_VALIDITY))
              .signedBy(root)
              .build();
      return TestCertificateAuthority.of(intermediate);
    }

    /** A CA outside the trust anchors, with a fresh key so nothing ties it to the lab root. */
    private static TestCertificateAuthority unknownAuthority(Instant now) {
      return TestCertificateAuthority.of(
          HeldCertificate.builder()
              .commonName("fedcheck Unknown CA")
              .organization("somewhere else")
              .certificateAuthority(Integer.MAX_VALUE)
              .validity(now.minus(CA_VALIDITY), now.plus(CA_VALIDITY))
              .freshKeyPair()
              .build());
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
      return new Supplier<>() {
        private T value;

        @Override
        public T get() {
          if (value == null) {
            value = supplier.get();
          }
          return value;
        }
      };
    }
  }

  /** The SRV owner name of a domain. */
  static String srvName(String domain) {
    return Policy.SRV_PREFIX + domain;
  }
}
