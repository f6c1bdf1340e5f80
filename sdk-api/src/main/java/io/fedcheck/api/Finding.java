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

  /** A finding with the rule's default severity and Microsoft diagnostic. */
  public static Finding of(
      RuleId rule, String subject, String message, String remediation, Map<String, String> evidence) {
    return new Finding(
        rule, rule.defaultSeverity(), subject, message, remediation, rule.microsoft().orElse(null),
        evidence);
  }

  /** The same finding with another severity (and the same diagnostic). */
  public Finding withSeverity(Severity newSeverity) {
    return new Finding(rule, newSeverity, subject, message, remediation, microsoft, evidence);
  }

  /** The Microsoft diagnostic, if any. */
  public Optional<MicrosoftDiagnostic> microsoftDiagnostic() {
    return Optional.ofNullable(microsoft);
  }
}
