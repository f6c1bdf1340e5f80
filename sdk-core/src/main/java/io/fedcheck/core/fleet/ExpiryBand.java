package io.fedcheck.core.fleet;

import java.time.Duration;
import java.util.Objects;

/**
 * How soon a certificate expires, in the bands an auditor plans renewals by. Each band is
 * half-open: a certificate with exactly 7 days left is {@link #UNDER_30_DAYS}, not {@link
 * #UNDER_7_DAYS}.
 */
public enum ExpiryBand {
  /** Past its notAfter. */
  EXPIRED,
  /** From 0 (notAfter is inclusive, so still valid at that instant) to under 7 days left. */
  UNDER_7_DAYS,
  /** From 7 to under 30 days left. */
  UNDER_30_DAYS,
  /** From 30 to under 90 days left. */
  UNDER_90_DAYS,
  /** 90 days or more left. */
  LATER;

  private static final Duration SEVEN = Duration.ofDays(7);
  private static final Duration THIRTY = Duration.ofDays(30);
  private static final Duration NINETY = Duration.ofDays(90);

  /**
   * The band of a certificate with {@code left} until its notAfter (negative once past it). Zero
   * is not expired: X.509 validity includes notAfter itself.
   */
  public static ExpiryBand of(Duration left) {
    Objects.requireNonNull(left, "left");
    if (left.isNegative()) {
      return EXPIRED;
    }
    if (left.compareTo(SEVEN) < 0) {
      return UNDER_7_DAYS;
    }
    if (left.compareTo(THIRTY) < 0) {
      return UNDER_30_DAYS;
    }
    return left.compareTo(NINETY) < 0 ? UNDER_90_DAYS : LATER;
  }
}
