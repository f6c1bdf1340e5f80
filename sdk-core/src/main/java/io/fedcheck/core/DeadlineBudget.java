package io.fedcheck.core;

import io.fedcheck.api.ResolverOptions;
import java.time.Duration;

/**
 * How one domain's deadline is shared among its DNS steps, so that the retries of the SRV and
 * address lookups fit inside it: the same split for {@code fedcheck check}/{@code audit} and the
 * Flink job. Pure functions.
 */
public final class DeadlineBudget {
  /** The longest a whole DNS lookup (with its retries) may take, however long the deadline. */
  private static final Duration MAX_LOOKUP = Duration.ofSeconds(5);

  private DeadlineBudget() {}

  /**
   * One DNS attempt: a quarter of the deadline, at most the resolver's default per-attempt timeout.
   *
   * @param deadline the deadline of one domain's check
   * @return the per-attempt timeout for {@link ResolverOptions#withQueryTimeout(Duration)}
   */
  public static Duration dnsAttempt(Duration deadline) {
    Duration quarter = deadline.dividedBy(4);
    Duration perAttempt = ResolverOptions.ofDefaults().queryTimeout();
    if (quarter.compareTo(perAttempt) < 0) {
      return quarter.isZero() ? Duration.ofMillis(1) : quarter;
    }
    return perAttempt;
  }

  /**
   * One whole DNS lookup, retries included: a third of the deadline, at most 5 s.
   *
   * @param deadline the deadline of one domain's check
   * @return the lookup timeout for {@link FederationValidators.Builder#queryTimeout(Duration)}
   */
  public static Duration dnsLookup(Duration deadline) {
    Duration third = deadline.dividedBy(3);
    return third.compareTo(MAX_LOOKUP) < 0 && !third.isZero() ? third : MAX_LOOKUP;
  }
}
