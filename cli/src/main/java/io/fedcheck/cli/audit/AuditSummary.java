package io.fedcheck.cli.audit;

import io.fedcheck.api.Severity;
import io.fedcheck.api.Verdict;
import io.fedcheck.cli.options.ExitCodes;
import io.fedcheck.cli.options.ProgressDisplay;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The numbers of an audit: results per verdict, how many domains each rule failed (ERROR) or
 * flagged at all, how many results came from a resumed file, and how fast this run went. Memory
 * grows with the number of distinct rule ids only. Not thread-safe.
 */
final class AuditSummary {
  private final EnumMap<Verdict, Long> verdicts = new EnumMap<>(Verdict.class);
  private final Map<String, Long> failing = new HashMap<>();
  private final Map<String, Long> warned = new HashMap<>();
  private final Map<String, Long> informed = new HashMap<>();
  private long resumed;
  private long checked;

  /** Counts a result read back from a resumed output. */
  void addResumed(AuditRow row) {
    resumed++;
    count(row);
  }

  /** Counts a result of this run. */
  void addChecked(AuditRow row) {
    checked++;
    count(row);
  }

  private void count(AuditRow row) {
    verdicts.merge(row.verdict(), 1L, Long::sum);
    row.errorRules().forEach(r -> failing.merge(r, 1L, Long::sum));
    row.warningRules().forEach(r -> warned.merge(r, 1L, Long::sum));
    // A rule counts once per domain, under the most severe finding it has there.
    row.rules().stream().filter(r -> !row.errorRules().contains(r) && !row.warningRules().contains(r))
        .forEach(r -> informed.merge(r, 1L, Long::sum));
  }

  long count(Verdict v) {
    return verdicts.getOrDefault(v, 0L);
  }

  long total() {
    return resumed + checked;
  }

  long resumed() {
    return resumed;
  }

  long checked() {
    return checked;
  }

  /** The rules that failed most domains (ERROR findings), most first, ties by name. */
  List<Map.Entry<String, Long>> topFailing(int limit) {
    return top(failing, limit);
  }

  /**
   * The rules of one severity found in most domains, most first, ties by name: each domain counts a
   * rule once, under the most severe finding of that rule it has.
   */
  List<Map.Entry<String, Long>> topBySeverity(Severity severity, int limit) {
    return top(switch (severity) {
      case ERROR -> failing;
      case WARNING -> warned;
      case INFO -> informed;
    }, limit);
  }

  private static List<Map.Entry<String, Long>> top(Map<String, Long> counts, int limit) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()))
        .limit(limit)
        .map(e -> Map.entry(e.getKey(), e.getValue()))
        .toList();
  }

  /** FAIL wins over UNKNOWN, which wins over PASS/WARN; every result counts, resumed ones too. */
  int exitCode() {
    if (count(Verdict.FAIL) > 0) {
      return ExitCodes.FAIL;
    }
    if (count(Verdict.UNKNOWN) > 0) {
      return ExitCodes.UNKNOWN;
    }
    return ExitCodes.OK;
  }

  /** Writes the end-of-run summary (a few lines) to {@code err}. */
  void print(PrintWriter err, Duration elapsed) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "audit: %d results: %d PASS, %d WARN, %d FAIL, %d UNKNOWN%n",
        total(), count(Verdict.PASS), count(Verdict.WARN), count(Verdict.FAIL), count(Verdict.UNKNOWN)));
    if (resumed > 0) {
      b.append(String.format(Locale.ROOT, "audit: %d from the resumed output, %d checked now%n", resumed, checked));
    }
    double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-9);
    b.append(String.format(Locale.ROOT, "audit: %d checked in %s (%.1f domains/s)%n",
        checked, ProgressDisplay.clock(elapsed), checked / seconds));
    List<Map.Entry<String, Long>> top = topFailing(5);
    if (!top.isEmpty()) {
      b.append("audit: top failing rules:");
      for (Map.Entry<String, Long> e : top) {
        b.append(String.format(Locale.ROOT, "%n  %-28s %d", e.getKey(), e.getValue()));
      }
      b.append(String.format("%n"));
    }
    err.print(b);
    err.flush();
  }
}
