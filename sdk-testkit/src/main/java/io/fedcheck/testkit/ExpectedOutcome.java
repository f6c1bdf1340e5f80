package io.fedcheck.testkit;

import io.fedcheck.api.RuleId;
import io.fedcheck.api.Verdict;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a validator is expected to report for one {@link FederationLab} domain: the verdict and the
 * ERROR and WARNING rules that make it. INFO findings every lab causes ({@link
 * FederationLab#inherentInfoRules()}) are not listed.
 *
 * <p>The expectation holds for the on-premises profile, with private addresses allowed (the lab
 * lives on loopback), the lab's root as an extra trust anchor and the lab's clock. Immutable.
 *
 * @param verdict the expected verdict
 * @param rules the ERROR/WARNING rules expected to be reported (empty for a PASS)
 */
public record ExpectedOutcome(Verdict verdict, Set<RuleId> rules) {
  public ExpectedOutcome {
    Objects.requireNonNull(verdict, "verdict");
    rules = Set.copyOf(Objects.requireNonNull(rules, "rules"));
  }

  /** An expectation with these rules. */
  public static ExpectedOutcome of(Verdict verdict, RuleId... rules) {
    return new ExpectedOutcome(verdict, rules.length == 0 ? Set.of() : EnumSet.copyOf(Set.of(rules)));
  }
}
