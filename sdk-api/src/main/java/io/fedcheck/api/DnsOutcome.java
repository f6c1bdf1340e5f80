package io.fedcheck.api;

/**
 * How a DNS lookup ended. Every DNS outcome is a value: a {@link DomainResolver} never signals
 * NXDOMAIN or a timeout with an exception.
 */
public enum DnsOutcome {
  /** The name exists and records of the asked type were returned. */
  ANSWER,
  /** The name does not exist (RCODE 3). */
  NXDOMAIN,
  /** The name exists but has no records of the asked type (NODATA). */
  NO_DATA,
  /** The server failed (RCODE 2). */
  SERVFAIL,
  /** The server refused to answer (RCODE 5). */
  REFUSED,
  /** No answer arrived within the deadline, after retries. */
  TIMEOUT,
  /** An answer arrived but could not be used: malformed, mismatched, or another RCODE. */
  MALFORMED;

  /**
   * Whether the lookup was completed, so that its answer (even an empty one) can be trusted.
   *
   * @return {@code true} for {@link #ANSWER}, {@link #NXDOMAIN} and {@link #NO_DATA}; {@code false}
   *     for a failed lookup
   */
  public boolean isConclusive() {
    return this == ANSWER || this == NXDOMAIN || this == NO_DATA;
  }
}
