package io.fedcheck.core;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Finding;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.StepTiming;
import io.fedcheck.api.Verdict;
import io.fedcheck.core.internal.BackendCalls;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report of a check that could not be completed (the pipeline failed, or a caller such as the
 * Flink job gave up waiting): no honest verdict, so {@link Verdict#UNKNOWN}, with one finding that
 * says why, since an UNKNOWN must always say why. A pure function, for the validator and for the
 * integrations that must emit a report for every input.
 */
public final class IncompleteReports {
  private IncompleteReports() {}

  /**
   * One line naming what went wrong: the innermost cause's type and message, white space folded,
   * cut at 300 characters (what the reports of this class carry as their cause).
   *
   * @param t the failure
   * @return the description
   */
  public static String describe(Throwable t) {
    return BackendCalls.describe(t);
  }

  /**
   * An UNKNOWN report for {@code input}.
   *
   * @param input the domain exactly as given
   * @param asciiDomain the normalised domain when known, else the trimmed input
   * @param cause what stopped the check, one line (e.g. {@code timed out after 30s})
   * @param elapsed how long the check ran
   * @param at when it was given up
   * @return the report
   */
  public static FederationReport of(String input, String asciiDomain, String cause, Duration elapsed,
      Instant at) {
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("domain", asciiDomain);
    evidence.put("error", cause);
    Finding finding = Finding.of(RuleId.DNS_LOOKUP_FAILED, asciiDomain,
        "The check of " + asciiDomain + " could not be completed (" + cause + "), so whether it is ready"
            + " for federation is unknown.",
        "Check again; if it keeps failing, report it with this error to the fedcheck maintainers.",
        evidence);
    return new FederationReport(input, asciiDomain, Verdict.UNKNOWN, List.of(finding), null,
        List.of(new StepTiming("total", elapsed)), at);
  }
}
