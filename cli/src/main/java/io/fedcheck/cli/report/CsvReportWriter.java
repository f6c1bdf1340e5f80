package io.fedcheck.cli.report;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Finding;
import java.io.PrintWriter;
import java.util.List;

/**
 * The {@code csv} format (RFC 4180): a header, then one row per finding; a domain without findings
 * still gets one row with empty rule columns, so N domains give at least N rows. Not thread-safe.
 */
public final class CsvReportWriter implements ReportWriter {
  static final List<String> HEADER = List.of("domain", "verdict", "rule", "severity", "subject", "message");
  private static final String CRLF = "\r\n";

  private final PrintWriter out;

  CsvReportWriter(PrintWriter out) {
    this.out = out;
    row(HEADER);
  }

  @Override
  public void write(FederationReport report) {
    String verdict = report.verdict().name();
    if (report.findings().isEmpty()) {
      row(List.of(report.input(), verdict, "", "", "", ""));
    }
    for (Finding f : report.findings()) {
      row(List.of(report.input(), verdict, f.rule().name(), f.severity().name(), f.subject(), f.message()));
    }
    out.flush();
  }

  @Override
  public void finish() {
    out.flush();
  }

  private void row(List<String> fields) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(quote(fields.get(i)));
    }
    out.print(line.append(CRLF));
  }

  /** RFC 4180: quote a field holding a comma, quote, CR or LF, doubling its quotes. */
  public static String quote(String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\r') < 0 && field.indexOf('\n') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }
}
