package io.fedcheck.flink;

import io.fedcheck.api.Verdict;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * A record's JSON line for the sink, counting verdicts on the way in accumulators ({@code
 * verdict.PASS}, …) for the job's summary; Flink does not allow accumulators in async functions.
 * A record replayed after a restart is counted again, so the counts are a progress figure; the
 * sink's output is the exact one.
 */
final class JsonLineFunction extends RichMapFunction<AuditRecord, String> {
  private static final long serialVersionUID = 1L;

  /** The accumulator name prefix of the verdict counters. */
  static final String VERDICT_ACCUMULATOR = "verdict.";

  private transient Map<Verdict, LongCounter> verdicts;

  @Override
  public void open(OpenContext openContext) {
    verdicts = new EnumMap<>(Verdict.class);
    for (Verdict v : Verdict.values()) {
      LongCounter counter = new LongCounter();
      getRuntimeContext().addAccumulator(VERDICT_ACCUMULATOR + v.name(), counter);
      verdicts.put(v, counter);
    }
  }

  @Override
  public String map(AuditRecord record) {
    verdicts.get(Verdict.valueOf(record.verdict())).add(1);
    return record.json();
  }
}
