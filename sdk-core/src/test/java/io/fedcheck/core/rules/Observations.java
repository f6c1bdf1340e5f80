package io.fedcheck.core.rules;

import io.fedcheck.api.AddressRecord;
import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.CnameRecord;
import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.DnsRecord;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.DomainObservation;
import io.fedcheck.api.Finding;
import io.fedcheck.api.Policy;
import io.fedcheck.api.RecordType;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.SrvRecord;
import io.fedcheck.api.TargetObservation;
import io.fedcheck.api.TlsOutcome;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds observation values directly, as the validator would, with no network. */
public final class Observations {
  static final Duration T = Duration.ofSeconds(2);
  static final Duration ELAPSED = Duration.ofMillis(5);

  /** Trusts the test root as a public root, so certificates from it raise no trust finding. */
  static final TrustEvaluator PUBLIC_TEST_ROOT = CachingTrustEvaluator.of(
      PkixTrustEvaluator.withAnchors(List.of(TestPki.ROOT.certificate()), List.of()));

  /** Trusts the test root as a private (caller-added) root. */
  static final TrustEvaluator PRIVATE_TEST_ROOT = CachingTrustEvaluator.of(
      PkixTrustEvaluator.withAnchors(List.of(), List.of(TestPki.ROOT.certificate())));

  private Observations() {}

  public static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal); // literals only: no lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public static SrvRecord srv(String domain, String target, int port) {
    return new SrvRecord(DomainObservation.srvName(domain), 0, 0, port, target, 300);
  }

  public static DnsResult addressAnswer(String fqdn, String... ips) {
    List<DnsRecord> records = new ArrayList<>();
    for (String ip : ips) {
      records.add(new AddressRecord(fqdn, ip(ip), 300));
    }
    DnsQuery q = new DnsQuery(fqdn, RecordType.A, T);
    return records.isEmpty() ? DnsResult.of(q, DnsOutcome.NO_DATA, "", ELAPSED)
        : DnsResult.answer(q, records, ELAPSED);
  }

  public static DnsResult aliasAnswer(String fqdn, String canonical, String ip) {
    return DnsResult.answer(new DnsQuery(fqdn, RecordType.A, T),
        List.of(new CnameRecord(fqdn, canonical, 300), new AddressRecord(canonical, ip(ip), 300)),
        ELAPSED);
  }

  static DnsResult failedLookup(String fqdn, RecordType type, DnsOutcome outcome) {
    return DnsResult.of(new DnsQuery(fqdn, type, T), outcome, "test", ELAPSED);
  }

  static CertificateObservation handshake(String fqdn, String ip, int port,
      List<X509Certificate> chain) {
    return new CertificateObservation(fqdn, ip, port, TlsOutcome.HANDSHAKE_COMPLETED, chain,
        "TLSv1.3", "TLS_AES_128_GCM_SHA256", true, "", ELAPSED);
  }

  static CertificateObservation tls(String fqdn, String ip, int port, TlsOutcome outcome) {
    return new CertificateObservation(fqdn, ip, port, outcome, List.of(), "", "", false,
        outcome.name().toLowerCase(), ELAPSED);
  }

  /** A target with a public address that presented {@code chain}. */
  static TargetObservation target(String domain, String fqdn, int port,
      List<X509Certificate> chain) {
    return new TargetObservation(srv(domain, fqdn, port), addressAnswer(fqdn, "192.0.2.10"),
        handshake(fqdn, "192.0.2.10", port, chain));
  }

  /** A target with a public address whose certificate names it exactly. */
  static TargetObservation goodTarget(String domain, String fqdn) {
    return target(domain, fqdn, 5061, TestPki.leaf(fqdn).chain());
  }

  /** A target whose address lookup and TLS outcome are given. */
  static TargetObservation target(String domain, String fqdn, DnsResult a,
      CertificateObservation c) {
    return new TargetObservation(srv(domain, fqdn, c.port() == 0 ? 5061 : c.port()), a, c);
  }

  /** A domain whose SRV answer holds exactly the records of its targets. */
  public static DomainObservation domain(String domain, TargetObservation... targets) {
    List<SrvRecord> records = new ArrayList<>();
    for (TargetObservation t : targets) {
      records.add(t.srv());
    }
    DnsQuery q = new DnsQuery(DomainObservation.srvName(domain), RecordType.SRV, T);
    DnsResult srv = records.isEmpty() ? DnsResult.of(q, DnsOutcome.NXDOMAIN, "", ELAPSED)
        : DnsResult.answer(q, records, ELAPSED);
    return new DomainObservation(domain, srv, List.of(targets), records.size());
  }

  static DomainObservation srvOutcome(String domain, DnsOutcome outcome) {
    DnsQuery q = new DnsQuery(DomainObservation.srvName(domain), RecordType.SRV, T);
    return new DomainObservation(domain, DnsResult.of(q, outcome, "test", ELAPSED), List.of(), 0);
  }

  static List<Finding> evaluate(DomainObservation o) {
    return FederationRules.evaluate(o, Policy.onPremises(), TestPki.NOW, PUBLIC_TEST_ROOT);
  }

  static List<Finding> evaluate(DomainObservation o, Policy policy) {
    return FederationRules.evaluate(o, policy, TestPki.NOW, PUBLIC_TEST_ROOT);
  }

  static List<RuleId> rules(List<Finding> findings) {
    return findings.stream().map(Finding::rule).toList();
  }
}
