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
  /**
   * Checks the options.
   *
   * @param concurrency the most domains validated at once; 0 means the validator's default
   * @param expectedTotal how many domains the input holds, or -1 when unknown
   * @param progressInterval the least time between two progress events, not negative
   * @throws IllegalArgumentException when {@code concurrency} is negative, {@code expectedTotal} is
   *     below -1 or {@code progressInterval} is negative
   */
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

  /**
   * The validator's default concurrency, unknown total, one progress event per second.
   *
   * @return the default bulk options
   */
  public static BulkOptions ofDefaults() {
    return new BulkOptions(0, -1, Duration.ofSeconds(1));
  }

  /**
   * A copy with this concurrency (at least 1).
   *
   * @param value the most domains validated at once
   * @return a copy with that concurrency
   * @throws IllegalArgumentException when {@code value} is less than 1
   */
  public BulkOptions withConcurrency(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1: " + value);
    }
    return new BulkOptions(value, expectedTotal, progressInterval);
  }

  /**
   * A copy that announces how many domains the input holds.
   *
   * @param value how many domains the input holds, or -1 when unknown
   * @return a copy with that expected total
   */
  public BulkOptions withExpectedTotal(long value) {
    return new BulkOptions(concurrency, value, progressInterval);
  }

  /**
   * A copy with this progress interval.
   *
   * @param value the least time between two progress events; {@link Duration#ZERO} for one per report
   * @return a copy with that interval
   */
  public BulkOptions withProgressInterval(Duration value) {
    return new BulkOptions(concurrency, expectedTotal, value);
  }

  /**
   * The expected total, when known.
   *
   * @return how many domains the input holds, or empty when unknown
   */
  public OptionalLong expectedTotalIfKnown() {
    return expectedTotal < 0 ? OptionalLong.empty() : OptionalLong.of(expectedTotal);
  }
}
