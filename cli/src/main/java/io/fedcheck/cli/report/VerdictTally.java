package io.fedcheck.cli.report;

import io.fedcheck.api.Verdict;
import io.fedcheck.cli.options.ExitCodes;
import java.util.EnumMap;
import java.util.Map;

/** Counts verdicts over a run and turns them into the exit code. Not thread-safe. */
public final class VerdictTally {
  private final EnumMap<Verdict, Integer> counts = new EnumMap<>(Verdict.class);

  public void add(Verdict verdict) {
    counts.merge(verdict, 1, Integer::sum);
  }

  int count(Verdict verdict) {
    return counts.getOrDefault(verdict, 0);
  }

  public int total() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  Map<Verdict, Integer> counts() {
    return Map.copyOf(counts);
  }

  /** FAIL wins over UNKNOWN, which wins over PASS/WARN. */
  public int exitCode() {
    if (count(Verdict.FAIL) > 0) {
      return ExitCodes.FAIL;
    }
    if (count(Verdict.UNKNOWN) > 0) {
      return ExitCodes.UNKNOWN;
    }
    return ExitCodes.OK;
  }
}
