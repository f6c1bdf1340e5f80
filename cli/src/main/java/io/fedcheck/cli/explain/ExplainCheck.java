package io.fedcheck.cli.explain;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Finding;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Verdict;
import io.fedcheck.core.diagnostics.Explanation;
import java.util.List;
import java.util.Objects;

/**
 * What a live check says about one explained problem: whether the rules the diagnostic points at
 * are found again on the domain it names.
 *
 * @param domain the domain that was checked
 * @param status the answer
 * @param foundAgain the findings of the explained rules in the live report (empty unless
 *     {@link Status#STILL_PRESENT})
 * @param report the live report
 */
record ExplainCheck(String domain, Status status, List<Finding> foundAgain, FederationReport report) {

  /** Whether the explained problem is still there. */
  enum Status {
    /** At least one of the explained rules is reported again. */
    STILL_PRESENT,
    /** None of the explained rules is reported and every lookup completed. */
    NOT_FOUND,
    /** None of the explained rules is reported, but a lookup did not complete (verdict UNKNOWN). */
    UNDETERMINED,
    /** The diagnostic names no rule (unknown code, 1027, 1034, a bare 504): only the verdict is told. */
    NO_RULE
  }

  ExplainCheck {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(status, "status");
    foundAgain = List.copyOf(foundAgain);
    Objects.requireNonNull(report, "report");
  }

  /** Compares an explanation with the live report of its check domain. */
  static ExplainCheck of(Explanation e, FederationReport report) {
    String domain = e.checkDomain();
    List<RuleId> rules = e.rules();
    if (rules.isEmpty()) {
      return new ExplainCheck(domain, Status.NO_RULE, List.of(), report);
    }
    List<Finding> again = report.findings().stream().filter(f -> rules.contains(f.rule())).toList();
    if (!again.isEmpty()) {
      return new ExplainCheck(domain, Status.STILL_PRESENT, again, report);
    }
    Status s = report.verdict() == Verdict.UNKNOWN ? Status.UNDETERMINED : Status.NOT_FOUND;
    return new ExplainCheck(domain, s, List.of(), report);
  }

  /** One line, such as {@code still present: SRV_TARGET_DOMAIN_MISMATCH found again}. */
  String summary() {
    String verdict = domain + " is " + report.verdict().name();
    return switch (status) {
      case STILL_PRESENT -> "still present: " + String.join(", ",
          foundAgain.stream().map(f -> f.rule().name()).distinct().toList()) + " found again (" + verdict + ")";
      case NOT_FOUND -> "not found any more (" + verdict + ")";
      case UNDETERMINED -> "not confirmed either way: a lookup could not be completed (" + verdict + ")";
      case NO_RULE -> "this diagnostic names no rule to look for; the live check says " + verdict
          + (report.findings().isEmpty() ? "" : " with " + String.join(", ",
              report.findings().stream().map(f -> f.rule().name()).distinct().toList()));
    };
  }
}
