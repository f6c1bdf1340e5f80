package io.fedcheck.benchmarks.audit;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Finding;
import io.fedcheck.api.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Counts the reports of a bulk audit by verdict and checks each against the synthetic design
 * ({@link DomainKind}), keeping only counts and the first few departures, so that it holds no
 * report after it has been counted. Reports arrive one thread at a time (the bulk API's contract);
 * the counts are read after the audit completes.
 */
final class AuditTally implements Consumer<FederationReport> {
  private static final int KEPT_DEPARTURES = 5;

  private final LongFunction<DomainKind> design;
  private final EnumMap<Verdict, Long> verdicts = new EnumMap<>(Verdict.class);
  private final List<String> departures = new ArrayList<>();
  private long reports;
  private long departuresCount;

  AuditTally(LongFunction<DomainKind> design) {
    this.design = design;
    for (Verdict v : Verdict.values()) {
      verdicts.put(v, 0L);
    }
  }

  @Override
  public synchronized void accept(FederationReport report) {
    reports++;
    verdicts.merge(report.verdict(), 1L, Long::sum);
    long i = SyntheticDomains.indexOf(report.asciiDomain());
    DomainKind kind = i < 0 ? null : design.apply(i);
    if (kind == null || !kind.matches(report)) {
      departuresCount++;
      if (departures.size() < KEPT_DEPARTURES) {
        StringBuilder b = new StringBuilder(report.asciiDomain()).append(" expected ").append(kind)
            .append(" got ").append(report.verdict());
        for (Finding f : report.findings()) {
          b.append(' ').append(f.rule()).append('/').append(f.severity());
        }
        departures.add(b.toString());
      }
    }
  }

  synchronized long reports() {
    return reports;
  }

  synchronized long departures() {
    return departuresCount;
  }

  synchronized List<String> firstDepartures() {
    return List.copyOf(departures);
  }

  synchronized Map<Verdict, Long> verdicts() {
    return new EnumMap<>(verdicts);
  }

  /** The counts the design predicts for the first {@code count} domains. */
  static Map<Verdict, Long> expected(long count, LongFunction<DomainKind> design) {
    EnumMap<Verdict, Long> out = new EnumMap<>(Verdict.class);
    for (Verdict v : Verdict.values()) {
      out.put(v, 0L);
    }
    for (long i = 0; i < count; i++) {
      out.merge(design.apply(i).verdict(), 1L, Long::sum);
    }
    return out;
  }
}
