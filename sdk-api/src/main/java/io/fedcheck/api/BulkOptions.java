package io.fedcheck.api;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How a bulk audit ({@link FederationValidator#validateAll(java.util.Iterator,
 * java.util.function.Consumer, BulkOptions, java.util.function.Consumer)}) runs. Immutable.
 *
 * @param concurrency the most domains validated at once; 0 means the validator's default
 * @param expectedTotal how many domains the input holds, or -1 when unknown (progress shows it)
 * @param progressInterval the least time between two progress events (the first and the last
 *     event are always sent); {@link Duration#ZERO} sends one event per report
 */
public record BulkOptions(int concurrency, long expectedTotal, Duration progressInterval) {
  public BulkOptions {
    if (concurrency < 0) {
      throw new IllegalArgumentException("concurrency must not be negative: " + concurrency);
    }
    if (expectedTotal < -1) {
      throw new IllegalArgumentException("expectedTotal must be -1 (unknown) or more: " + expectedTotal);
    }
    Objects.requireNonNull(progressInterval, "progressInterval");
    if (progressInterval.isNegative()) {
      throw new IllegalArgumentException("progressInterval must not be negative");
    }
  }

  /** The validator's default concurrency, unknown total, one progress event per second. */
  public static BulkOptions ofDefaults() {
    return new BulkOptions(0, -1, Duration.ofSeconds(1));
  }

  /** A copy with this concurrency (at least 1). */
  public BulkOptions withConcurrency(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1: " + value);
    }
    return new BulkOptions(value, expectedTotal, progressInterval);
  }

  /** A copy that announces how many domains the input holds. */
  public BulkOptions withExpectedTotal(long value) {
    return new BulkOptions(concurrency, value, progressInterval);
  }

  /** A copy with this progress interval. */
  public BulkOptions withProgressInterval(Duration value) {
    return new BulkOptions(concurrency, expectedTotal, value);
  }

  /** The expected total, when known. */
  public OptionalLong expectedTotalIfKnown() {
    return expectedTotal < 0 ? OptionalLong.empty() : OptionalLong.of(expectedTotal);
  }
}
