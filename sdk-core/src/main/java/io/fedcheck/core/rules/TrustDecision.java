package io.fedcheck.core.rules;

import java.util.Objects;

/**
 * Whether a presented chain validates (PKIX) to a trust anchor, judged apart from validity dates,
 * EKU and algorithm strength, which have rules of their own.
 *
 * @param status the outcome
 * @param reason why the chain is untrusted (empty when trusted)
 */
public record TrustDecision(Status status, String reason) {
  /** The outcome of path validation. */
  public enum Status {
    /** Validates to one of the JDK's public roots. */
    TRUSTED_PUBLIC,
    /** Validates only to an anchor the caller added to the policy. */
    TRUSTED_PRIVATE,
    /** Does not validate to any active anchor. */
    UNTRUSTED
  }

  public TrustDecision {
    Objects.requireNonNull(status, "status");
    reason = reason == null ? "" : reason;
  }

  /** A chain that validates to no active anchor, and why. */
  public static TrustDecision untrusted(String reason) {
    return new TrustDecision(Status.UNTRUSTED, reason);
  }

  /** Whether the chain validates to any active anchor, public or private. */
  public boolean isTrusted() {
    return status != Status.UNTRUSTED;
  }
}
