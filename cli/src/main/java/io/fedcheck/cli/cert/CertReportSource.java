package io.fedcheck.cli.cert;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.cli.report.ReportRun;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Hands the report {@code cert} has already judged to {@link ReportRun}, so the offline certificate
 * check is written, coloured, sent to {@code --output} and turned into an exit code exactly as
 * {@code check} does. Holds no resources.
 */
final class CertReportSource implements FederationValidator {
  private final FederationReport report;

  CertReportSource(FederationReport report) {
    this.report = report;
  }

  @Override
  public CompletionStage<FederationReport> validate(String domain) {
    return CompletableFuture.completedFuture(report);
  }

  @Override
  public CompletionStage<Void> validateAll(Iterator<String> domains, Consumer<? super FederationReport> consumer) {
    domains.forEachRemaining(d -> consumer.accept(report));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void close() {
    // Nothing to release.
  }
}
