package io.fedcheck.core.plan;

import io.fedcheck.api.RuleId;
import java.util.Objects;
import java.util.Optional;

/**
 * One way a certificate or the published DNS differs from an {@link EdgePlan}.
 *
 * @param kind what differs
 * @param name the name concerned: an SRV owner name, a target, or the certificate's subject
 * @param expected what the plan says, such as the SRV record or address; never null
 * @param actual what was found, or empty
 * @param message a plain-language explanation
 * @param rule the rule a live check will report for it, or {@code null} when none
 */
public record PlanDiscrepancy(Kind kind, String name, String expected, String actual, String message, RuleId rule) {

  /** What differs from the plan. */
  public enum Kind {
    /** A planned SRV target is not in the certificate's subjectAltName list. */
    SAN_MISSING,
    /** The certificate has an EKU extension without serverAuth. */
    SERVER_AUTH_EKU_MISSING,
    /** The certificate has an EKU extension without clientAuth. */
    CLIENT_AUTH_EKU_MISSING,
    /** No certificate was given. */
    NO_CERTIFICATE,
    /** The domain publishes no {@code _sipfederationtls._tcp} SRV record. */
    SRV_MISSING,
    /** The domain's SRV records do not include the planned target and port. */
    SRV_DIFFERENT,
    /** The domain publishes an SRV target the plan does not have. */
    SRV_EXTRA,
    /** The target has no A record. */
    A_MISSING,
    /** A planned address is missing from the target's A records. */
    A_ADDRESS_MISSING,
    /** The target has an A record the plan does not have. */
    A_ADDRESS_EXTRA,
    /** The lookup could not be completed (timeout, SERVFAIL...), so nothing can be said. */
    LOOKUP_FAILED
  }

  public PlanDiscrepancy {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(expected, "expected");
    actual = actual == null ? "" : actual;
    Objects.requireNonNull(message, "message");
  }

  /** The rule a live check will report, if any. */
  public Optional<RuleId> ruleIfAny() {
    return Optional.ofNullable(rule);
  }
}
