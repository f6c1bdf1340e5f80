package io.fedcheck.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of validating one domain: the verdict, the findings that led to it, and what was
 * observed. A failed check is a report, never an exception.
 *
 * @param input the domain exactly as given
 * @param asciiDomain the normalized ASCII domain, or the trimmed input when it was invalid
 * @param verdict the overall verdict
 * @param findings every finding, most severe first
 * @param observation what was observed, or {@code null} when the input was not a valid domain
 * @param timings how long each step took
 * @param checkedAt when the rules were evaluated
 */
public record FederationReport(
    String input,
    String asciiDomain,
    Verdict verdict,
    List<Finding> findings,
    DomainObservation observation,
    List<StepTiming> timings,
    Instant checkedAt) {
  /**
   * Checks the report and copies the findings and timings.
   *
   * @param input the domain exactly as given
   * @param asciiDomain the normalized ASCII domain, or the trimmed input when it was invalid
   * @param verdict the overall verdict
   * @param findings every finding, most severe first
   * @param observation what was observed, or {@code null} when the input was not a valid domain
   * @param timings how long each step took
   * @param checkedAt when the rules were evaluated
   */
  public FederationReport {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(asciiDomain, "asciiDomain");
    Objects.requireNonNull(verdict, "verdict");
    findings = List.copyOf(findings);
    timings = List.copyOf(timings);
    Objects.requireNonNull(checkedAt, "checkedAt");
  }

  /**
   * What was observed, absent when the input was not a valid domain.
   *
   * @return the observation, or empty when the input was not a valid domain
   */
  public Optional<DomainObservation> observationIfAny() {
    return Optional.ofNullable(observation);
  }

  /**
   * The SRV records that were found (empty when none).
   *
   * @return the SRV records of the lookup, empty when there were none or the input was invalid
   */
  public List<SrvRecord> srv() {
    return observation == null ? List.of() : observation.srvLookup().srvRecords();
  }

  /**
   * The findings for one rule.
   *
   * @param rule the rule to select
   * @return that rule's findings, in report order (empty when none)
   */
  public List<Finding> findings(RuleId rule) {
    return findings.stream().filter(f -> f.rule() == rule).toList();
  }

  /**
   * Whether any finding of this rule stands.
   *
   * @param rule the rule to look for
   * @return {@code true} when the report holds at least one finding of that rule
   */
  public boolean has(RuleId rule) {
    return findings.stream().anyMatch(f -> f.rule() == rule);
  }
}
