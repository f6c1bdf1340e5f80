package io.fedcheck.cli;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Finding;
import io.fedcheck.api.Severity;
import io.fedcheck.api.Verdict;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The compact form of one audit result that the summary and the HTML report keep: no observation,
 * no messages, just what the table and the counts need. Immutable.
 *
 * @param line the input line number
 * @param domain the input text, cut to {@link #MAX_DOMAIN} characters
 * @param verdict the verdict
 * @param rules the distinct rule ids of the findings, most severe first
 * @param errorRules the distinct rule ids of the ERROR findings
 */
record AuditRow(long line, String domain, Verdict verdict, List<String> rules, List<String> errorRules) {
  /** Longer input texts are cut: they are invalid anyway and would only bloat the report. */
  static final int MAX_DOMAIN = 300;

  AuditRow {
    domain = domain.length() > MAX_DOMAIN ? domain.substring(0, MAX_DOMAIN) + "\u2026" : domain;
    Objects.requireNonNull(verdict, "verdict");
    rules = List.copyOf(rules);
    errorRules = List.copyOf(errorRules);
  }

  static AuditRow of(long line, FederationReport report) {
    Set<String> rules = new LinkedHashSet<>();
    Set<String> errors = new LinkedHashSet<>();
    for (Finding f : report.findings()) {
      rules.add(f.rule().name());
      if (f.severity() == Severity.ERROR) {
        errors.add(f.rule().name());
      }
    }
    return new AuditRow(line, report.input(), report.verdict(), List.copyOf(rules), List.copyOf(errors));
  }
}
