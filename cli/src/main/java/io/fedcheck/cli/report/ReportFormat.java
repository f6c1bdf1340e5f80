package io.fedcheck.cli.report;

import io.fedcheck.cli.options.CliChoice;
import io.fedcheck.cli.options.TextStyle;
import java.io.PrintWriter;

/** The output formats of {@code --format}. */
public enum ReportFormat implements CliChoice {
  TEXT("text"),
  JSON("json"),
  JSONL("jsonl"),
  CSV("csv");

  private final String cliName;

  ReportFormat(String cliName) {
    this.cliName = cliName;
  }

  @Override
  public String cliName() {
    return cliName;
  }

  /** A streaming writer of this format onto {@code out}. */
  ReportWriter newWriter(PrintWriter out, TextStyle style, boolean verbose, boolean quiet) {
    return switch (this) {
      case TEXT -> new TextReportWriter(out, style, verbose, quiet);
      case JSON -> new JsonArrayReportWriter(out);
      case JSONL -> new JsonLinesReportWriter(out);
      case CSV -> new CsvReportWriter(out);
    };
  }

  public static final class Converter extends CliChoice.Converter<ReportFormat> {
    public Converter() {
      super(ReportFormat.class);
    }
  }
}
