package io.fedcheck.api;

/**
 * The overall answer for one domain.
 *
 * <p>FAIL if any {@link Severity#ERROR} finding stands; otherwise UNKNOWN when a lookup could not
 * be completed; otherwise WARN when warnings stand; otherwise PASS.
 */
public enum Verdict {
  PASS,
  WARN,
  FAIL,
  UNKNOWN
}
