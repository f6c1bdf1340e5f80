package io.fedcheck.api;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A progress event of a bulk audit: how many reports were delivered, of how many, with which
 * verdicts, and how fast. Immutable.
 *
 * @param done reports delivered so far
 * @param total domains in the input, or -1 when unknown
 * @param inFlight domains being validated right now
 * @param verdicts reports delivered per verdict (every verdict present, zero when none)
 * @param elapsed time since the audit started
 * @param finished whether this is the last event (every report was delivered)
 */
public record AuditProgress(
    long done, long total, int inFlight, Map<Verdict, Long> verdicts, Duration elapsed, boolean finished) {
  /**
   * Checks the counts and copies the verdict counts, adding a zero for each verdict not given.
   *
   * @param done reports delivered so far
   * @param total domains in the input, or -1 when unknown
   * @param inFlight domains being validated right now
   * @param verdicts reports delivered per verdict; missing verdicts count as zero
   * @param elapsed time since the audit started
   * @param finished whether this is the last event
   * @throws IllegalArgumentException when a count is negative or {@code total} is below -1
   */
  public AuditProgress {
    if (done < 0 || total < -1 || inFlight < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
    EnumMap<Verdict, Long> all = new EnumMap<>(Verdict.class);
    for (Verdict v : Verdict.values()) {
      all.put(v, verdicts.getOrDefault(v, 0L));
    }
    verdicts = java.util.Collections.unmodifiableMap(all);
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /**
   * The input size, when known.
   *
   * @return the number of domains in the input, or empty when unknown
   */
  public OptionalLong totalIfKnown() {
    return total < 0 ? OptionalLong.empty() : OptionalLong.of(total);
  }

  /**
   * Reports with this verdict so far.
   *
   * @param verdict the verdict to count
   * @return how many of the reports delivered so far have that verdict
   */
  public long count(Verdict verdict) {
    return verdicts.get(verdict);
  }

  /**
   * Reports delivered per second since the start.
   *
   * @return the average delivery rate, or 0 when no time has passed yet
   */
  public double ratePerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : done / seconds;
  }
}
