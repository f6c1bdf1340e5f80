package io.fedcheck.core.fleet;

import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.DomainObservation;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Finding;
import io.fedcheck.api.RecordType;
import io.fedcheck.api.Severity;
import io.fedcheck.api.TargetObservation;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a caller that keeps many reports for {@link EdgeGrouping} and {@link CertificateExpiry}
 * needs to keep of each: {@link #essentials} gives a much smaller report that both return exactly
 * the same results for. Pure and thread-safe.
 */
public final class FleetReports {
  /** Stands for the DNS lookups the essentials do not keep (one shared instance). */
  static final DnsResult NOT_KEPT = DnsResult.of(
      new DnsQuery("not.kept", RecordType.A, Duration.ofSeconds(1)), DnsOutcome.ANSWER, "not kept",
      Duration.ZERO);
  /** Stands for the finding messages the essentials do not keep. */
  static final String MESSAGE_NOT_KEPT = "(not kept)";

  private FleetReports() {}

  /**
   * The part of {@code report} the fleet views read: the same input, domain, verdict and
   * checkedAt; its WARNING and ERROR findings with rule, subject, fix and the evidence that ties
   * them to an endpoint, but a placeholder message and no Microsoft diagnostic; per target its SRV
   * record, TLS outcome and leaf certificate. The SRV and address lookups are shared placeholders,
   * and intermediates, SIP exchanges and timings are dropped.
   */
  public static FederationReport essentials(FederationReport report) {
    Objects.requireNonNull(report, "report");
    DomainObservation o = report.observation();
    DomainObservation kept = null;
    if (o != null) {
      List<TargetObservation> targets = new ArrayList<>(o.targets().size());
      for (TargetObservation t : o.targets()) {
        CertificateObservation c = t.certificate();
        List<X509Certificate> leaf = c.leaf().map(List::of).orElse(List.of());
        targets.add(new TargetObservation(t.srv(), NOT_KEPT,
            new CertificateObservation(c.serverName(), c.address(), c.port(), c.outcome(), leaf,
                c.protocol(), "", c.clientCertificateRequested(), "", Duration.ZERO)));
      }
      kept = new DomainObservation(o.asciiDomain(), NOT_KEPT, targets, o.srvRecordCount());
    }
    List<Finding> findings = new ArrayList<>();
    for (Finding f : report.findings()) {
      // The grouping ranks problems only; INFO facts never become an action.
      if (f.severity() != Severity.INFO) {
        findings.add(new Finding(f.rule(), f.severity(), f.subject(), MESSAGE_NOT_KEPT,
            f.remediation(), null, endpointEvidence(f.evidence())));
      }
    }
    return new FederationReport(report.input(), report.asciiDomain(), report.verdict(), findings,
        kept, List.of(), report.checkedAt());
  }

  /** The evidence {@link EdgeGrouping#attaches} and the SAN action read. */
  private static Map<String, String> endpointEvidence(Map<String, String> evidence) {
    Map<String, String> out = new HashMap<>(4);
    for (String key : EdgeGrouping.EVIDENCE_KEYS) {
      String value = evidence.get(key);
      if (value != null) {
        out.put(key, value);
      }
    }
    return out;
  }
}
