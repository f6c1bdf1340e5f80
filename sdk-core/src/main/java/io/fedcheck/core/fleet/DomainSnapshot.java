package io.fedcheck.core.fleet;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Finding;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Severity;
import io.fedcheck.api.TargetObservation;
import io.fedcheck.api.Verdict;
import io.fedcheck.core.rules.CertificateFacts;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one audit said about one domain, reduced to what matters between two audits: verdict, the
 * rules that stand against it, and the certificates its edges presented. Small enough to keep for
 * thousands of domains; {@link AuditDiff#compare} compares two of them.
 *
 * @param asciiDomain the normalized domain
 * @param verdict the audit's verdict
 * @param rules the rules of its ERROR and WARNING findings (INFO facts are not problems; sorted)
 * @param certificates the leaf of every target that presented one, sorted by FQDN then port (a
 *     target without a chain has no entry: its TLS failure shows in {@code rules})
 */
public record DomainSnapshot(
    String asciiDomain, Verdict verdict, SortedSet<RuleId> rules,
    List<EdgeCertificate> certificates) {
  private static final Comparator<EdgeCertificate> BY_ENDPOINT =
      Comparator.comparing(EdgeCertificate::fqdn).thenComparingInt(EdgeCertificate::port)
          .thenComparing(EdgeCertificate::leafSha256);

  public DomainSnapshot {
    Objects.requireNonNull(asciiDomain, "asciiDomain");
    Objects.requireNonNull(verdict, "verdict");
    rules = Collections.unmodifiableSortedSet(new TreeSet<>(rules));
    certificates = certificates.stream().sorted(BY_ENDPOINT).toList();
    for (int i = 1; i < certificates.size(); i++) {
      if (certificates.get(i - 1).endpoint().equals(certificates.get(i).endpoint())) {
        throw new IllegalArgumentException(
            "two certificates for " + certificates.get(i).endpoint());
      }
    }
  }

  /**
   * The snapshot of {@code report}. A report without an observation (invalid input) has no
   * certificates; an endpoint named by two SRV records appears once.
   */
  public static DomainSnapshot of(FederationReport report) {
    Objects.requireNonNull(report, "report");
    TreeSet<RuleId> rules = new TreeSet<>();
    for (Finding f : report.findings()) {
      if (f.severity() != Severity.INFO) {
        rules.add(f.rule());
      }
    }
    TreeMap<String, EdgeCertificate> byEndpoint = new TreeMap<>();
    if (report.observation() != null) {
      for (TargetObservation t : report.observation().targets()) {
        X509Certificate leaf = t.certificate().leaf().orElse(null);
        if (leaf == null) {
          continue;
        }
        CertificateFacts facts = CertificateFacts.of(leaf);
        EdgeCertificate c = new EdgeCertificate(t.fqdn(), t.srv().port(),
            CertificateFingerprint.sha256(leaf), facts.dnsNames(), facts.notAfter());
        byEndpoint.putIfAbsent(c.endpoint(), c);
      }
    }
    return new DomainSnapshot(report.asciiDomain(), report.verdict(), rules,
        List.copyOf(byEndpoint.values()));
  }
}
