package io.fedcheck.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fedcheck.api.FederationReport;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** The {@code jsonl} format: one report per line (JSON Lines). Not thread-safe. */
final class JsonLinesReportWriter implements ReportWriter {
  private final PrintWriter out;

  JsonLinesReportWriter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void write(FederationReport report) {
    try {
      // Jackson escapes control characters in strings, so a report is always exactly one line.
      out.print(ReportJson.MAPPER.writeValueAsString(ReportJson.toJson(report)));
      out.print('\n');
      out.flush();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void finish() {
    out.flush();
  }
}
