package io.fedcheck.cli.audit;

import io.fedcheck.api.FederationReport;
import io.fedcheck.cli.report.ReportJson;
import io.fedcheck.core.fleet.AuditDiff;
import io.fedcheck.core.fleet.ChangeKind;
import io.fedcheck.core.fleet.DomainChange;
import io.fedcheck.core.fleet.DomainSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The comparison of two audits that {@code fedcheck diff OLD NEW} prints and {@code audit
 * --baseline OLD} writes into its report: both sides as encoded {@link DomainSnapshot} lines sorted
 * on disk ({@link SortedRuns}), the last line of each domain kept (as after an {@code --resume}),
 * merge-joined by domain and handed to sdk-core's {@link AuditDiff} one domain at a time. Memory
 * stays bounded by the sort's run size whatever the audits' sizes.
 */
final class AuditComparison {
  private AuditComparison() {}

  /** Receives each changed domain, in domain order. */
  @FunctionalInterface
  interface Sink {
    void change(DomainChange change) throws IOException;
  }

  /**
   * What the comparison counted.
   *
   * @param counts the changed domains per kind (a domain counts once under each of its kinds)
   * @param compared the domains in either audit
   */
  record Totals(Map<ChangeKind, Long> counts, long compared) {
    Totals {
      EnumMap<ChangeKind, Long> copy = new EnumMap<>(ChangeKind.class);
      copy.putAll(counts);
      counts = Collections.unmodifiableMap(copy);
    }

    long count(ChangeKind kind) {
      return counts.getOrDefault(kind, 0L);
    }
  }

  /**
   * The snapshot of one result as {@code diff} reads it back from a jsonl output: through the same
   * JSON form, so that an audit's own comparison and {@code fedcheck diff} of its output agree.
   */
  static DomainSnapshot snapshot(FederationReport report) {
    return AuditSnapshots.fromJson(ReportJson.toJson(report));
  }

  /** Adds every result of an audit output (jsonl or csv) to {@code sort}, in file order. */
  static void addAll(SortedRuns sort, Path auditOutput) throws IOException {
    Iterator<DomainSnapshot> snapshots = AuditSnapshots.read(auditOutput);
    long sequence = 0;
    while (snapshots.hasNext()) {
      sort.add(AuditSnapshots.encode(snapshots.next(), sequence++));
    }
  }

  /**
   * Merge-joins the sorted encoded snapshots of the old and the new audit (each from {@link
   * SortedRuns#sorted()}), hands every changed domain to {@code sink} and returns the counts.
   */
  static Totals compare(Iterator<String> oldSorted, Iterator<String> newSorted, Sink sink)
      throws IOException {
    Map<ChangeKind, Long> counts = new EnumMap<>(ChangeKind.class);
    long compared = 0;
    Iterator<String> olds = lastPerDomain(oldSorted);
    Iterator<String> news = lastPerDomain(newSorted);
    String o = next(olds);
    String n = next(news);
    while (o != null || n != null) {
      int cmp = o == null ? 1 : n == null ? -1
          : AuditSnapshots.domainOf(o).compareTo(AuditSnapshots.domainOf(n));
      DomainChange change = AuditDiff.compare(cmp <= 0 ? AuditSnapshots.decode(o) : null,
          cmp >= 0 ? AuditSnapshots.decode(n) : null);
      compared++;
      if (!change.unchanged()) {
        change.kinds().forEach(k -> counts.merge(k, 1L, Long::sum));
        sink.change(change);
      }
      if (cmp <= 0) {
        o = next(olds);
      }
      if (cmp >= 0) {
        n = next(news);
      }
    }
    return new Totals(counts, compared);
  }

  private static String next(Iterator<String> it) {
    return it.hasNext() ? it.next() : null;
  }

  /** Of sorted lines, the last of each domain (the sequence number sorts a file's lines in order). */
  private static Iterator<String> lastPerDomain(Iterator<String> sorted) {
    return new Iterator<>() {
      String held = sorted.hasNext() ? sorted.next() : null;

      @Override
      public boolean hasNext() {
        return held != null;
      }

      @Override
      public String next() {
        if (held == null) {
          throw new NoSuchElementException();
        }
        String last = held;
        held = null;
        while (sorted.hasNext()) {
          String s = sorted.next();
          if (AuditSnapshots.domainOf(s).equals(AuditSnapshots.domainOf(last))) {
            last = s;
          } else {
            held = s;
            break;
          }
        }
        return last;
      }
    };
  }
}
