package io.fedcheck.testkit;

import io.fedcheck.api.RuleId;
import io.fedcheck.api.Verdict;
import io.fedcheck.testkit.dns.DnsFault;
import io.fedcheck.testkit.tls.ClientAuth;
import io.fedcheck.testkit.tls.HeldCertificate;
import io.fedcheck.testkit.tls.KeyPurpose;
import io.fedcheck.testkit.tls.KeyType;
import io.fedcheck.testkit.tls.SignatureHash;
import io.fedcheck.testkit.tls.TlsBehaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One SRV target of a {@link DomainSpec}: the SRV record's priority, weight and port, the target's
 * DNS records, and the TLS server behind it.
 *
 * <p>By default the target has an A record {@code 127.0.0.1}, priority 0, weight 0, and a server of
 * its own whose certificate names the target (see {@link ServerSpec} for the healthy defaults).
 * The SRV port is the server's ephemeral loopback port, never 5061 (the lab needs no root), so a
 * validator also reports the INFO {@code SRV_PORT_UNUSUAL}. The certificate and endpoint methods
 * here configure the target's own server; after {@link #server(String)} they are refused, since
 * the shared server is configured once, on the lab builder.
 *
 * <p>Calls chain back to the domain: {@link #srv(String)} adds the domain's next target and {@link
 * #expect(Verdict, RuleId...)} sets the domain's expectation. Not thread-safe.
 */
public final class TargetSpec {
  private final DomainSpec domain;
  private final String host;
  private final ServerSpec ownServer = new ServerSpec();
  private String sharedServer;
  private boolean ownServerTouched;
  private int priority;
  private int weight;
  private Integer port;
  private List<String> addresses = List.of("127.0.0.1");
  private List<String> ipv6Addresses = List.of();
  private String aliasOf;
  private DnsFault fault;

  TargetSpec(DomainSpec domain, String host) {
    this.domain = domain;
    this.host = host;
  }

  /** The target host name (lower-case ASCII, no trailing dot). */
  public String host() {
    return host;
  }

  /** The SRV priority (default 0; lower is tried first). */
  public TargetSpec priority(int priority) {
    this.priority = check16(priority, "priority");
    return this;
  }

  /** The SRV weight (default 0). */
  public TargetSpec weight(int weight) {
    this.weight = check16(weight, "weight");
    return this;
  }

  /**
   * Publishes this port in the SRV record instead of the endpoint's real port (so a client connects
   * to the wrong port), for "SRV points at the wrong port" scenarios.
   */
  public TargetSpec port(int port) {
    this.port = check16(port, "port");
    return this;
  }

  /**
   * The target's IPv4 A records, replacing the default {@code 127.0.0.1}. Any literal is accepted
   * (a private or link-local one for address-guard scenarios): the DNS answer carries it, but the
   * endpoint listens on 127.0.0.1 only, and nothing in the lab ever connects elsewhere.
   */
  public TargetSpec addresses(String... ipv4) {
    this.addresses = List.of(ipv4);
    return this;
  }

  /** AAAA records for the target (default none). */
  public TargetSpec ipv6Addresses(String... ipv6) {
    this.ipv6Addresses = List.of(ipv6);
    return this;
  }

  /** No A record at all (the SRV target does not resolve). */
  public TargetSpec noAddress() {
    this.addresses = List.of();
    return this;
  }

  /**
   * Makes the SRV target name a CNAME alias of {@code canonicalHost}, which carries the A records
   * (RFC 2782 forbids this; some edges refuse it).
   */
  public TargetSpec alias(String canonicalHost) {
    this.aliasOf = FederationLab.normalize(canonicalHost);
    return this;
  }

  /** Applies a DNS fault to every query for the target's name (its A lookups). */
  public TargetSpec fault(DnsFault fault) {
    this.fault = Objects.requireNonNull(fault, "fault");
    return this;
  }

  /** Serves the target from the lab-level server {@code id}, sharing its endpoint and certificate. */
  public TargetSpec server(String id) {
    if (ownServerTouched) {
      throw new IllegalStateException(host + ": certificate/endpoint options were set; they belong on server " + id);
    }
    this.sharedServer = Objects.requireNonNull(id, "id");
    return this;
  }

  /** Configures the target's own server with any {@link ServerSpec} option. */
  public TargetSpec tls(Consumer<ServerSpec> server) {
    server.accept(own());
    return this;
  }

  /** The certificate's SAN dNSNames (CN the first) instead of the target's name. */
  public TargetSpec certificateNames(String... names) {
    own().certificateNames(names);
    return this;
  }

  /** A certificate with only this CN and no SAN extension. */
  public TargetSpec commonNameOnly(String commonName) {
    own().commonNameOnly(commonName);
    return this;
  }

  /** A certificate naming only {@code *.<parent of the target>}. */
  public TargetSpec wildcardCertificate() {
    int dot = host.indexOf('.');
    if (dot < 0) {
      throw new IllegalStateException(host + " has no parent domain for a wildcard");
    }
    own().certificateNames("*" + host.substring(dot));
    return this;
  }

  /** An EKU extension with exactly these purposes. */
  public TargetSpec keyPurposes(KeyPurpose... purposes) {
    own().keyPurposes(purposes);
    return this;
  }

  /** No EKU extension. */
  public TargetSpec withoutExtendedKeyUsage() {
    own().withoutExtendedKeyUsage();
    return this;
  }

  /** An absolute validity window. */
  public TargetSpec validity(Instant notBefore, Instant notAfter) {
    own().validity(notBefore, notAfter);
    return this;
  }

  /** An expired certificate (by the lab's clock). */
  public TargetSpec expired() {
    own().expired();
    return this;
  }

  /** A certificate valid only from tomorrow (by the lab's clock). */
  public TargetSpec notYetValid() {
    own().notYetValid();
    return this;
  }

  /** A certificate expiring this long after the lab's clock. */
  public TargetSpec expiresIn(Duration remaining) {
    own().expiresIn(remaining);
    return this;
  }

  /** The certificate's key type. */
  public TargetSpec keyType(KeyType keyType) {
    own().keyType(keyType);
    return this;
  }

  /** The certificate's signature hash. */
  public TargetSpec signatureHash(SignatureHash hash) {
    own().signatureHash(hash);
    return this;
  }

  /** A self-signed certificate. */
  public TargetSpec selfSigned() {
    own().selfSigned();
    return this;
  }

  /** A certificate from a CA outside the lab's trust anchors. */
  public TargetSpec unknownIssuer() {
    own().unknownIssuer();
    return this;
  }

  /** Presents exactly this certificate. */
  public TargetSpec certificate(HeldCertificate certificate) {
    own().certificate(certificate);
    return this;
  }

  /** What the endpoint does with a connection, such as {@link TlsBehaviour#SILENT}. */
  public TargetSpec behaviour(TlsBehaviour behaviour) {
    own().behaviour(behaviour);
    return this;
  }

  /** Whether the handshake asks for a client certificate. */
  public TargetSpec clientAuth(ClientAuth clientAuth) {
    own().clientAuth(clientAuth);
    return this;
  }

  /** No TLS endpoint: connections to the SRV port are refused. */
  public TargetSpec noEndpoint() {
    own().noEndpoint();
    return this;
  }

  /** Adds the domain's next SRV target (same as {@link DomainSpec#srv(String)}). */
  public TargetSpec srv(String target) {
    return domain.srv(target);
  }

  /** Sets the domain's expectation (same as {@link DomainSpec#expect(Verdict, RuleId...)}). */
  public TargetSpec expect(Verdict verdict, RuleId... rules) {
    domain.expect(verdict, rules);
    return this;
  }

  private ServerSpec own() {
    if (sharedServer != null) {
      throw new IllegalStateException(
          host + " uses the shared server " + sharedServer + ": configure certificate and endpoint there");
    }
    ownServerTouched = true;
    return ownServer;
  }

  private static int check16(int value, String what) {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException(what + " must be 0..65535: " + value);
    }
    return value;
  }

  // Read by FederationLab when it plans the zones and endpoints.

  DomainSpec domain() {
    return domain;
  }

  ServerSpec ownServer() {
    return ownServer;
  }

  String sharedServer() {
    return sharedServer;
  }

  int priorityValue() {
    return priority;
  }

  int weightValue() {
    return weight;
  }

  Integer portOverride() {
    return port;
  }

  List<String> addressList() {
    return addresses;
  }

  List<String> ipv6List() {
    return ipv6Addresses;
  }

  String aliasOf() {
    return aliasOf;
  }

  DnsFault faultValue() {
    return fault;
  }
}
