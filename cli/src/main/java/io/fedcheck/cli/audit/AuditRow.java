package io.fedcheck.cli.audit;

import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.DomainObservation;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Finding;
import io.fedcheck.api.Severity;
import io.fedcheck.api.SrvRecord;
import io.fedcheck.api.TargetObservation;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.Verdict;
import io.fedcheck.cli.report.TextReportWriter;
import io.fedcheck.report.CertificateSummary;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The compact form of one audit result that the summary and the HTML report keep: no observation,
 * just what the table, the counts and the row's drill-down need. Immutable.
 *
 * @param line the input line number
 * @param domain the input text, cut to {@link #MAX_DOMAIN} characters
 * @param verdict the verdict
 * @param rules the distinct rule ids of the findings, most severe first
 * @param errorRules the distinct rule ids of the ERROR findings
 * @param warningRules the distinct rule ids of the WARNING findings
 * @param detail the drill-down lines (findings with message, Microsoft diagnostic and fix; SRV
 *     records, targets and leaf certificates), or empty when not known (a resumed result)
 */
record AuditRow(long line, String domain, Verdict verdict, List<String> rules, List<String> errorRules,
    List<String> warningRules, List<DetailLine> detail) {
  /** Longer input texts are cut: they are invalid anyway and would only bloat the report. */
  static final int MAX_DOMAIN = 300;
  /** Longer drill-down texts are cut: a hostile server message must not bloat the report. */
  static final int MAX_DETAIL = 2_000;

  /** What a drill-down line says; the page shows each kind with its own label. */
  enum Kind { FINDING, SUBJECT, MESSAGE, MICROSOFT, FIX, SRV, TARGET, CERTIFICATE }

  /** One line of a row's drill-down. */
  record DetailLine(Kind kind, String text) {
    DetailLine {
      Objects.requireNonNull(kind, "kind");
      text = text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "\u2026" : text;
    }
  }

  AuditRow {
    domain = domain.length() > MAX_DOMAIN ? domain.substring(0, MAX_DOMAIN) + "\u2026" : domain;
    Objects.requireNonNull(verdict, "verdict");
    rules = List.copyOf(rules);
    errorRules = List.copyOf(errorRules);
    warningRules = List.copyOf(warningRules);
    detail = List.copyOf(detail);
  }

  /** A row without warnings or drill-down. */
  AuditRow(long line, String domain, Verdict verdict, List<String> rules, List<String> errorRules) {
    this(line, domain, verdict, rules, errorRules, List.of(), List.of());
  }

  /** This row with {@code lines} as its drill-down. */
  AuditRow withDetail(List<DetailLine> lines) {
    return new AuditRow(line, domain, verdict, rules, errorRules, warningRules, lines);
  }

  /** This row without its drill-down. */
  AuditRow withoutDetail() {
    return detail.isEmpty() ? this : new AuditRow(line, domain, verdict, rules, errorRules, warningRules, List.of());
  }

  /** The row of {@code report}, without drill-down (see {@link #detail}). */
  static AuditRow of(long line, FederationReport report) {
    Set<String> rules = new LinkedHashSet<>();
    Set<String> errors = new LinkedHashSet<>();
    Set<String> warnings = new LinkedHashSet<>();
    for (Finding f : report.findings()) {
      rules.add(f.rule().name());
      if (f.severity() == Severity.ERROR) {
        errors.add(f.rule().name());
      } else if (f.severity() == Severity.WARNING) {
        warnings.add(f.rule().name());
      }
    }
    return new AuditRow(line, report.input(), report.verdict(), List.copyOf(rules), List.copyOf(errors),
        List.copyOf(warnings), List.of());
  }

  /**
   * The drill-down of {@code report}: each finding (most severe first) with what it concerns, its
   * message, the Microsoft diagnostic and the fix; then each SRV record, and per target its
   * addresses, TLS outcome and leaf certificate. No timings: they differ between otherwise equal
   * tenants, and the report dedups equal texts.
   */
  static List<DetailLine> detail(FederationReport report) {
    List<DetailLine> out = new ArrayList<>();
    List<Finding> findings = new ArrayList<>(report.findings());
    findings.sort(Comparator.comparingInt(f -> f.severity().ordinal()));
    for (Finding f : findings) {
      out.add(new DetailLine(Kind.FINDING, f.severity().name() + " " + f.rule().name() + ": " + f.rule().summary()));
      out.add(new DetailLine(Kind.SUBJECT, f.subject()));
      out.add(new DetailLine(Kind.MESSAGE, f.message()));
      f.microsoftDiagnostic().ifPresent(ms -> out.add(new DetailLine(Kind.MICROSOFT, TextReportWriter.microsoft(ms))));
      if (!f.remediation().isBlank()) {
        out.add(new DetailLine(Kind.FIX, f.remediation()));
      }
    }
    DomainObservation o = report.observation();
    if (o == null) {
      return out;
    }
    String lookup = o.srvLookup().query().name() + ": " + o.srvLookup().outcome().name()
        + (o.srvLookup().detail().isEmpty() ? "" : " (" + o.srvLookup().detail() + ")");
    out.add(new DetailLine(Kind.SRV, lookup));
    for (SrvRecord r : o.srvLookup().srvRecords()) {
      out.add(new DetailLine(Kind.SRV, "priority " + r.priority() + ", weight " + r.weight() + ", port "
          + r.port() + ", target " + r.target()));
    }
    for (TargetObservation t : o.targets()) {
      CertificateObservation c = t.certificate();
      String addresses = t.addresses().stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "));
      StringBuilder tls = new StringBuilder(t.fqdn() + ":" + t.srv().port() + "  addresses "
          + (addresses.isEmpty() ? "none (" + t.addressLookup().outcome().name() + ")" : addresses)
          + "  TLS " + c.outcome().name());
      if (c.outcome() != TlsOutcome.NOT_ATTEMPTED && !c.protocol().isEmpty()) {
        tls.append(' ').append(c.protocol());
      }
      if (!c.detail().isEmpty()) {
        tls.append(" - ").append(c.detail());
      }
      out.add(new DetailLine(Kind.TARGET, tls.toString()));
      c.leaf().map(CertificateSummary::of).ifPresent(s -> out.add(new DetailLine(Kind.CERTIFICATE,
          "subject " + s.subject() + "; SANs " + (s.dnsNames().isEmpty() ? "none" : String.join(", ", s.dnsNames()))
              + "; issuer " + s.issuer() + "; not after " + s.notAfter() + "; SHA-256 " + s.sha256())));
    }
    return out;
  }
}
