package io.fedcheck.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.DomainObservation;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Finding;
import io.fedcheck.api.MicrosoftDiagnostic;
import io.fedcheck.api.RuleId;
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
 *     records, targets and leaf certificates), or empty when not known (a result resumed from csv)
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
      finding(out, f.severity().name(), f.rule().name(), f.subject(), f.message(),
          f.microsoftDiagnostic().orElse(null), f.remediation());
    }
    DomainObservation o = report.observation();
    if (o == null) {
      return out;
    }
    srvLookup(out, o.srvLookup().query().name(), o.srvLookup().outcome().name(), o.srvLookup().detail());
    for (SrvRecord r : o.srvLookup().srvRecords()) {
      srv(out, r.priority(), r.weight(), r.port(), r.target());
    }
    for (TargetObservation t : o.targets()) {
      CertificateObservation c = t.certificate();
      target(out, t.fqdn(), t.srv().port(), t.addresses().stream().map(InetAddress::getHostAddress).toList(),
          t.addressLookup().outcome().name(), c.outcome().name(), c.protocol(), c.detail());
      c.leaf().map(CertificateSummary::of).ifPresent(s ->
          certificate(out, s.subject(), s.dnsNames(), s.issuer(), s.notAfter().toString(), s.sha256()));
    }
    return out;
  }

  /**
   * The same drill-down from a result's JSON line, as {@code audit --resume} reads it back: the
   * JSON carries every text the drill-down shows. What a hand-edited line lacks is left out.
   */
  static List<DetailLine> detail(JsonNode result) {
    List<DetailLine> out = new ArrayList<>();
    List<JsonNode> findings = new ArrayList<>();
    result.path("findings").forEach(findings::add);
    findings.sort(Comparator.comparingInt(f -> severityOrder(f.path("severity").asText())));
    for (JsonNode f : findings) {
      finding(out, f.path("severity").asText(), f.path("rule").asText(), f.path("subject").asText(),
          f.path("message").asText(), microsoft(f.path("microsoft")), f.path("remediation").asText());
    }
    JsonNode lookup = result.path("srvLookup");
    if (!lookup.isObject()) {
      return out;
    }
    srvLookup(out, lookup.path("name").asText(), lookup.path("outcome").asText(), lookup.path("detail").asText());
    for (JsonNode r : result.path("srv")) {
      srv(out, r.path("priority").asInt(), r.path("weight").asInt(), r.path("port").asInt(), r.path("target").asText());
    }
    for (JsonNode t : result.path("targets")) {
      List<String> addresses = new ArrayList<>();
      t.path("addresses").forEach(a -> addresses.add(a.asText()));
      JsonNode tls = t.path("tls");
      target(out, t.path("fqdn").asText(), t.path("port").asInt(), addresses,
          t.path("addressLookup").path("outcome").asText(), tls.path("outcome").asText(),
          tls.path("protocol").asText(), tls.path("detail").asText());
      for (JsonNode c : AuditSnapshots.leaves(result)) {
        if (c.path("target").asText().equals(t.path("fqdn").asText())
            && c.path("port").asInt() == tls.path("port").asInt()) {
          List<String> sans = new ArrayList<>();
          c.path("sans").forEach(s -> sans.add(s.asText()));
          certificate(out, c.path("subject").asText(), sans, c.path("issuer").asText(),
              c.path("notAfter").asText(), c.path("sha256").asText());
          break;
        }
      }
    }
    return out;
  }

  private static int severityOrder(String severity) {
    try {
      return Severity.valueOf(severity).ordinal();
    } catch (IllegalArgumentException e) {
      return Severity.values().length;
    }
  }

  /** The diagnostic of a finding's JSON, or null when there is none or it is not well formed. */
  private static MicrosoftDiagnostic microsoft(JsonNode ms) {
    if (!ms.isObject() || !ms.path("text").isTextual()) {
      return null;
    }
    try {
      return new MicrosoftDiagnostic(ms.path("msDiagnostics").isInt() ? ms.path("msDiagnostics").asInt() : null,
          ms.path("resultCode").textValue(), ms.path("hresult").textValue(), ms.path("text").asText());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void finding(List<DetailLine> out, String severity, String rule, String subject,
      String message, MicrosoftDiagnostic ms, String fix) {
    String summary;
    try {
      summary = ": " + RuleId.valueOf(rule).summary();
    } catch (IllegalArgumentException e) {
      summary = ""; // a rule this version does not know (a newer output): its id says enough
    }
    out.add(new DetailLine(Kind.FINDING, severity + " " + rule + summary));
    out.add(new DetailLine(Kind.SUBJECT, subject));
    out.add(new DetailLine(Kind.MESSAGE, message));
    if (ms != null) {
      out.add(new DetailLine(Kind.MICROSOFT, TextReportWriter.microsoft(ms)));
    }
    if (!fix.isBlank()) {
      out.add(new DetailLine(Kind.FIX, fix));
    }
  }

  private static void srvLookup(List<DetailLine> out, String name, String outcome, String detail) {
    out.add(new DetailLine(Kind.SRV, name + ": " + outcome + (detail.isEmpty() ? "" : " (" + detail + ")")));
  }

  private static void srv(List<DetailLine> out, int priority, int weight, int port, String target) {
    out.add(new DetailLine(Kind.SRV, "priority " + priority + ", weight " + weight + ", port " + port
        + ", target " + target));
  }

  private static void target(List<DetailLine> out, String fqdn, int port, List<String> addresses,
      String addressOutcome, String tlsOutcome, String protocol, String detail) {
    StringBuilder tls = new StringBuilder(fqdn + ":" + port + "  addresses "
        + (addresses.isEmpty() ? "none (" + addressOutcome + ")" : String.join(", ", addresses))
        + "  TLS " + tlsOutcome);
    if (!TlsOutcome.NOT_ATTEMPTED.name().equals(tlsOutcome) && !protocol.isEmpty()) {
      tls.append(' ').append(protocol);
    }
    if (!detail.isEmpty()) {
      tls.append(" - ").append(detail);
    }
    out.add(new DetailLine(Kind.TARGET, tls.toString()));
  }

  private static void certificate(List<DetailLine> out, String subject, List<String> sans, String issuer,
      String notAfter, String sha256) {
    out.add(new DetailLine(Kind.CERTIFICATE, "subject " + subject + "; SANs "
        + (sans.isEmpty() ? "none" : String.join(", ", sans)) + "; issuer " + issuer + "; not after "
        + notAfter + "; SHA-256 " + sha256));
  }
}
