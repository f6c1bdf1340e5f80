package io.fedcheck.core.fleet;

/** What changed for one domain between two audits; see {@link AuditDiff#compare}. */
public enum ChangeKind {
  /** The domain is in the new audit only. */
  ADDED,
  /** The domain is in the old audit only. */
  REMOVED,
  /** The new verdict is FAIL and the old one (present) was not. */
  NEWLY_FAILING,
  /** The old verdict was FAIL and the new one is PASS or WARN (UNKNOWN is no honest fix). */
  FIXED,
  /** The verdicts differ. */
  VERDICT_CHANGED,
  /** The ERROR/WARNING rule sets differ. */
  RULES_CHANGED,
  /** An endpoint presents a new certificate with the same SAN names and a later notAfter. */
  CERTIFICATE_RENEWED,
  /** An endpoint presents a new certificate that is not a renewal: other SAN names, or no later notAfter. */
  CERTIFICATE_REPLACED
}
