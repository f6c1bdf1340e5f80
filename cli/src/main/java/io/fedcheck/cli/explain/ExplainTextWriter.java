package io.fedcheck.cli.explain;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.RuleId;
import io.fedcheck.cli.options.TextStyle;
import io.fedcheck.cli.report.TextReportWriter;
import io.fedcheck.core.diagnostics.Explanation;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code text} format of {@code explain}: per explanation its rule(s), what happened, the fix,
 * the domain and FQDNs it names, and the SRV name Microsoft looks up; with {@code --check}, whether
 * the problem is still there and then the live reports in {@code check}'s text format. Not
 * thread-safe.
 */
final class ExplainTextWriter {
  private static final String PAD = "    ";

  private final PrintWriter out;

  ExplainTextWriter(PrintWriter out) {
    this.out = out;
  }

  void write(List<Explanation> explanations, Map<Explanation, ExplainCheck> checks, List<FederationReport> reports) {
    for (int i = 0; i < explanations.size(); i++) {
      if (i > 0) {
        out.println();
      }
      explanation(i + 1, explanations.get(i), checks.get(explanations.get(i)));
    }
    if (!reports.isEmpty()) {
      out.println();
      out.println("Live check" + (reports.size() == 1 ? ":" : "s:"));
      TextReportWriter writer = new TextReportWriter(out, new TextStyle(false), false, false);
      reports.forEach(writer::write);
      writer.finish();
    }
    out.flush();
  }

  private void explanation(int n, Explanation e, ExplainCheck check) {
    out.println("[" + n + "] " + clean(title(e)));
    if (!e.recognised()) {
      field("Rule", "unknown: fedcheck does not know this code and does not guess which rule it is");
    } else if (e.rules().isEmpty()) {
      field("Rule", "none of fedcheck's rules applies");
    } else {
      for (RuleId r : e.rules()) {
        field(e.rules().size() == 1 ? "Rule" : "Candidate rule", r.name() + " (" + r.defaultSeverity() + "): " + r.summary());
      }
    }
    field("What happened", e.plainLanguage());
    field("How to fix", e.remediation());
    if (e.sipDomain() != null) {
      field("SIP domain", e.sipDomain());
    }
    if (!e.fqdns().isEmpty()) {
      field("Names", e.fqdns().entrySet().stream().map(x -> x.getKey() + "=" + x.getValue())
          .collect(Collectors.joining(", ")));
    }
    if (e.checkDomain() != null) {
      field("Microsoft looks up", srvName(e.checkDomain()) + " (SRV)");
    }
    field("Read from", e.excerpt());
    if (check != null) {
      field("Now", check.summary());
    }
  }

  private void field(String label, String value) {
    String head = label + ":";
    out.println(PAD + head + " ".repeat(Math.max(1, 20 - head.length())) + clean(value));
  }

  static String srvName(String domain) {
    return "_sipfederationtls._tcp." + domain;
  }

  /** Such as {@code ms-diagnostics 1010, HRESULT 0x80090322 SEC_E_WRONG_PRINCIPAL}. */
  static String title(Explanation e) {
    StringBuilder b = new StringBuilder();
    switch (e.kind()) {
      case MS_DIAGNOSTICS_HEADER -> b.append("ms-diagnostics ").append(e.msDiagnosticsCode());
      case EDGE_RECORD -> {
        b.append("Edge server record");
        if (e.resultCode() != null) {
          b.append(' ').append(e.resultCode());
        }
        if (e.resultName() != null) {
          b.append(' ').append(e.resultName());
        }
      }
      case SIP_504_WITHOUT_DIAGNOSTICS -> b.append("SIP 504 Server time-out without ms-diagnostics");
      case SIP_INVITE -> b.append("SIP INVITE");
    }
    if (e.hresult() != null || e.hresultName() != null) {
      b.append(", HRESULT");
      if (e.hresult() != null) {
        b.append(' ').append(e.hresult());
      }
      if (e.hresultName() != null) {
        b.append(' ').append(e.hresultName());
      }
    }
    return b.toString();
  }

  private static String clean(String s) {
    return TextStyle.clean(s);
  }
}
