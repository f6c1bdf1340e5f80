package io.fedcheck.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One problem or fact found about a domain: which rule, how bad, what it concerns, what to do.
 *
 * @param rule the stable rule id
 * @param severity how much it matters (usually {@link RuleId#defaultSeverity()})
 * @param subject the FQDN (or domain) the finding concerns, such as the SRV target
 * @param message a plain-language explanation naming the domain and FQDN involved
 * @param remediation a concrete fix, such as the record to publish or the SAN to add
 * @param microsoft the Microsoft diagnostic this predicts, or {@code null} when there is none
 * @param evidence what was observed, as short key/value pairs (ordered, never null)
 */
public record Finding(
    RuleId rule,
    Severity severity,
    String subject,
    String message,
    String remediation,
    MicrosoftDiagnostic microsoft,
    Map<String, String> evidence) {

  /**
   * Checks the finding and copies the evidence, keeping its order; {@code null} evidence becomes empty.
   *
   * @param rule the stable rule id
   * @param severity how much it matters
   * @param subject the FQDN (or domain) the finding concerns
   * @param message a plain-language explanation, not blank
   * @param remediation a concrete fix
   * @param microsoft the Microsoft diagnostic this predicts, or {@code null} when there is none
   * @param evidence what was observed, as short key/value pairs, or {@code null} for none
   * @throws IllegalArgumentException when {@code message} is blank
   */
  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(remediation, "remediation");
    evidence = evidence == null ? Map.of() : java.util.Collections.unmodifiableMap(
        new java.util.LinkedHashMap<>(evidence));
    if (message.isBlank()) {
      throw new IllegalArgumentException("message must not be blank");
    }
  }

  /**
   * A finding with the rule's default severity and Microsoft diagnostic.
   *
   * @param rule the stable rule id
   * @param subject the FQDN (or domain) the finding concerns
   * @param message a plain-language explanation naming the domain and FQDN involved
   * @param remediation a concrete fix
   * @param evidence what was observed, as short key/value pairs, or {@code null} for none
   * @return the finding
   */
  public static Finding of(
      RuleId rule, String subject, String message, String remediation, Map<String, String> evidence) {
    return new Finding(
        rule, rule.defaultSeverity(), subject, message, remediation, rule.microsoft().orElse(null),
        evidence);
  }

  /**
   * The same finding with another severity (and the same diagnostic).
   *
   * @param newSeverity the severity to report instead
   * @return a copy with that severity
   */
  public Finding withSeverity(Severity newSeverity) {
    return new Finding(rule, newSeverity, subject, message, remediation, microsoft, evidence);
  }

  /**
   * The Microsoft diagnostic, if any.
   *
   * @return the diagnostic this finding predicts, or empty when there is none
   */
  public Optional<MicrosoftDiagnostic> microsoftDiagnostic() {
    return Optional.ofNullable(microsoft);
  }
}
