package io.fedcheck.core.fleet;

import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.DomainObservation;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Finding;
import io.fedcheck.api.Policy;
import io.fedcheck.api.TargetObservation;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.core.rules.CachingTrustEvaluator;
import io.fedcheck.core.rules.FederationRules;
import io.fedcheck.core.rules.Observations;
import io.fedcheck.core.rules.PkixTrustEvaluator;
import io.fedcheck.core.rules.TrustEvaluator;
import io.fedcheck.testkit.tls.HeldCertificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Reports of a fleet built by hand, as the validator would build them, over real certificates from
 * the test kit: the findings come from the real rules, judged at {@link #NOW}.
 */
final class Fleet {
  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  /** The root the fleet's edges chain to, trusted as a public root by {@link #TRUST}. */
  static final HeldCertificate ROOT = HeldCertificate.builder()
      .commonName("fedcheck fleet test root").certificateAuthority(1)
      .validity(NOW.minus(Duration.ofDays(3650)), NOW.plus(Duration.ofDays(3650))).build();

  static final TrustEvaluator TRUST = CachingTrustEvaluator.of(
      PkixTrustEvaluator.withAnchors(List.of(ROOT.certificate()), List.of()));

  /** On-premises policy; the shared hosting edges of the tests count as hosting providers. */
  static final Policy POLICY = Policy.onPremises().toBuilder()
      .hostingProviders(Set.of("edge.hoster.example", "edge2.hoster.example")).build();

  private Fleet() {}

  /** A leaf naming {@code names} (first as CN), valid until {@code notAfter}. */
  static HeldCertificate leaf(Instant notAfter, String... names) {
    return HeldCertificate.builder().signedBy(ROOT).commonName(names[0])
        .subjectAlternativeNames(names).validity(NOW.minus(Duration.ofDays(30)), notAfter).build();
  }

  /** A leaf naming {@code names}, valid for another year. */
  static HeldCertificate leaf(String... names) {
    return leaf(NOW.plus(Duration.ofDays(365)), names);
  }

  /** An A answer with one address (the rules tests' builder). */
  static DnsResult a(String fqdn, String ip) {
    return Observations.addressAnswer(fqdn, ip);
  }

  /** An A answer through a CNAME: SRV_TARGET_IS_ALIAS. */
  static DnsResult alias(String fqdn, String canonical, String ip) {
    return Observations.aliasAnswer(fqdn, canonical, ip);
  }

  /** {@code fqdn:port} with a public address, presenting {@code chain}. */
  static TargetObservation target(String domain, String fqdn, int port,
      List<X509Certificate> chain) {
    return target(domain, fqdn, port, a(fqdn, "192.0.2.10"), chain);
  }

  static TargetObservation target(String domain, String fqdn, int port, DnsResult a,
      List<X509Certificate> chain) {
    String ip = a.addresses().get(0).getHostAddress();
    return new TargetObservation(Observations.srv(domain, fqdn, port), a,
        new CertificateObservation(fqdn, ip, port, TlsOutcome.HANDSHAKE_COMPLETED, chain,
            "TLSv1.3", "TLS_AES_128_GCM_SHA256", false, "", Duration.ZERO));
  }

  /** {@code fqdn:port} with a public address where no TCP connection could be made. */
  static TargetObservation unreachable(String domain, String fqdn, int port) {
    return new TargetObservation(Observations.srv(domain, fqdn, port), a(fqdn, "192.0.2.20"),
        new CertificateObservation(fqdn, "192.0.2.20", port, TlsOutcome.CONNECT_FAILED, List.of(),
            "", "", false, "connection refused", Duration.ZERO));
  }

  /** The report the rules give for {@code domain} with these targets, judged at {@link #NOW}. */
  static FederationReport report(String domain, TargetObservation... targets) {
    return report(Observations.domain(domain, targets));
  }

  static FederationReport report(DomainObservation o) {
    List<Finding> findings = FederationRules.evaluate(o, POLICY, NOW, TRUST);
    return new FederationReport(o.asciiDomain(), o.asciiDomain(), FederationRules.verdict(findings),
        findings, o, List.of(), NOW);
  }

  /** A report of an input that was not a domain: no observation. */
  static FederationReport invalid(String input) {
    return new FederationReport(input, input, io.fedcheck.api.Verdict.FAIL,
        List.of(io.fedcheck.core.rules.DomainNames.normalize(input).problemIfAny().orElseThrow()),
        null, List.of(), NOW);
  }
}
