package io.fedcheck.core.rules;

import io.fedcheck.api.DomainObservation;
import io.fedcheck.api.Finding;
import io.fedcheck.api.Policy;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Severity;
import io.fedcheck.api.Verdict;
import java.time.Instant;
import java.util.List;

/** The whole rule set: every rule of the catalogue applied to one domain's observations. */
public final class FederationRules {
  private FederationRules() {}

  /**
   * Applies every rule to {@code observation}. Pure: the same arguments always give the same
   * findings; {@code now} is the time at which certificates are judged.
   */
  public static List<Finding> evaluate(
      DomainObservation observation, Policy policy, Instant now, TrustEvaluator trust) {
    return List.of(); // SKELETON: filled in by the rules work
  }

  /**
   * The verdict the findings add up to: FAIL if any ERROR stands; otherwise UNKNOWN when a lookup
   * could not be completed; otherwise WARN if warnings stand; otherwise PASS.
   */
  public static Verdict verdict(List<Finding> findings) {
    boolean warning = false;
    boolean incomplete = false;
    for (Finding f : findings) {
      if (f.severity() == Severity.ERROR) {
        return Verdict.FAIL;
      }
      incomplete |= f.rule() == RuleId.DNS_LOOKUP_FAILED;
      warning |= f.severity() == Severity.WARNING;
    }
    return incomplete ? Verdict.UNKNOWN : warning ? Verdict.WARN : Verdict.PASS;
  }
}
