package io.fedcheck.flink;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.core.IncompleteReports;
import io.fedcheck.report.FederationReportJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * The audit as a Flink async function: one {@link FederationValidator} per task, built in {@link
 * #open} from a serialisable {@link ValidatorSpec} and closed in {@link #close}; each record is
 * one {@code validate()} call whose report completes the result future. It never fails a record:
 * a validator error and Flink's per-record {@link #timeout} both become an UNKNOWN report that says
 * why, so N inputs always give N results. How many records are in flight per task is the async
 * operator's capacity ({@link FederationAuditJob#audit}).
 */
public final class FederationAuditFunction extends RichAsyncFunction<AuditInput, AuditRecord> {
  private static final long serialVersionUID = 1L;

  private final ValidatorSpec spec;
  private final Duration recordTimeout;
  private transient FederationValidator validator;

  /**
   * A function that checks each record with a validator built from {@code spec}.
   *
   * @param spec how each task builds its validator
   * @param recordTimeout the async operator's per-record timeout (named in the UNKNOWN it emits)
   */
  public FederationAuditFunction(ValidatorSpec spec, Duration recordTimeout) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.recordTimeout = Objects.requireNonNull(recordTimeout, "recordTimeout");
  }

  @Override
  public void open(OpenContext openContext) throws Exception {
    validator = spec.newValidator();
  }

  @Override
  public void close() throws Exception {
    if (validator != null) {
      validator.close();
      validator = null;
    }
  }

  @Override
  public void asyncInvoke(AuditInput input, ResultFuture<AuditRecord> result) {
    long start = System.nanoTime();
    try {
      validator.validate(input.domain()).whenComplete((report, error) -> result.complete(List.of(
          record(input, error == null ? report : incomplete(input, IncompleteReports.describe(error), start)))));
    } catch (RuntimeException e) {
      result.complete(List.of(record(input, incomplete(input, IncompleteReports.describe(e), start))));
    }
  }

  @Override
  public void timeout(AuditInput input, ResultFuture<AuditRecord> result) {
    // Flink ignores whichever of this and the late report completes the future second.
    result.complete(List.of(record(input, IncompleteReports.of(input.domain(), input.domain().strip(),
        "no result within the job's per-record timeout of " + recordTimeout.toMillis() + " ms",
        recordTimeout, Instant.now()))));
  }

  private AuditRecord record(AuditInput input, FederationReport report) {
    return new AuditRecord(input.line(), input.domain(), report.verdict().name(),
        FederationReportJson.auditLine(input.line(), input.file(), report));
  }

  private static FederationReport incomplete(AuditInput input, String cause, long startNanos) {
    return IncompleteReports.of(input.domain(), input.domain().strip(), cause,
        Duration.ofNanos(System.nanoTime() - startNanos), Instant.now());
  }
}
