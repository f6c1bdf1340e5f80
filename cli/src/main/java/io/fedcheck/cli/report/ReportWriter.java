package io.fedcheck.cli.report;

import io.fedcheck.api.FederationReport;

/**
 * Writes reports one at a time as they arrive, so memory does not grow with the number of domains
 * ({@code audit} streams millions through the same writers). Not thread-safe: call from one thread
 * at a time. Each report is flushed when written.
 */
interface ReportWriter {
  /** Writes one report. */
  void write(FederationReport report);

  /** Writes whatever closes the output (a JSON array's bracket, a summary) and flushes. */
  void finish();
}
