package io.fedcheck.api;

/**
 * The overall answer for one domain.
 *
 * <p>FAIL if any {@link Severity#ERROR} finding stands; otherwise UNKNOWN when a lookup could not
 * be completed; otherwise WARN when warnings stand; otherwise PASS.
 */
public enum Verdict {
  /** Ready for federation: no error and no warning. */
  PASS,
  /** Works today, but warnings stand (fragile, or refused by some peers). */
  WARN,
  /** At least one error: a Microsoft edge will refuse or time out. */
  FAIL,
  /** No error found, but a lookup could not be completed, so no honest verdict exists. */
  UNKNOWN
}
