package io.fedcheck.cli.report;

import io.fedcheck.cli.options.UsageException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options that say how reports are written, shared by every command that writes reports.
 * Option names are a contract: never rename one.
 */
public final class OutputOptions {

  @Option(
      names = "--format",
      paramLabel = "text|json|jsonl|csv",
      converter = ReportFormat.Converter.class,
      description =
          "Output format. Default: text, on a terminal and elsewhere alike"
              + " (choose json, jsonl or csv explicitly for scripts).")
  ReportFormat format = ReportFormat.TEXT;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the reports to FILE (replaced) instead of standard output.")
  Path output;

  @Option(
      names = "--color",
      paramLabel = "auto|always|never",
      converter = ColorMode.Converter.class,
      description = "Colour the text format. auto (default): only on a terminal and when NO_COLOR is not set.")
  ColorMode color = ColorMode.AUTO;

  @Option(
      names = {"-q", "--quiet"},
      description = "Text format: one line per domain (its verdict). Logs: errors only.")
  public boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      description = "Text format: also SRV records, addresses, certificates and timings. Logs: debug.")
  boolean verbose;

  /** Refuses combinations that contradict each other. */
  public void check() {
    if (quiet && verbose) {
      throw new UsageException("--quiet and --verbose contradict each other; give one");
    }
  }
}
