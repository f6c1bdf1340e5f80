package io.fedcheck.cli.report;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.cli.options.CheckSettings;
import io.fedcheck.cli.options.CliContext;
import io.fedcheck.cli.options.IoMessages;
import io.fedcheck.cli.options.TextStyle;
import io.fedcheck.cli.options.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * One run of a report-writing command: builds the validator from the settings, checks each domain
 * in the order given, streams each report to the chosen writer, and turns the verdicts into the
 * exit code. Shared by {@code check} and {@code demo} (and later {@code audit}).
 */
public final class ReportRun {
  private final CliContext context;
  private final OutputOptions output;
  private final CommandLine commandLine;

  public ReportRun(CliContext context, OutputOptions output, CommandLine commandLine) {
    this.context = context;
    this.output = output;
    this.commandLine = commandLine;
  }

  /** Checks {@code domains} and returns the exit code their verdicts give. */
  public int run(CheckSettings settings, List<String> domains) {
    return run(settings, domains, report -> {});
  }

  /** Like {@link #run(CheckSettings, List)}, also handing each report to {@code observer}. */
  public int run(CheckSettings settings, List<String> domains, Consumer<FederationReport> observer) {
    output.check();
    VerdictTally tally = new VerdictTally();
    try (FederationValidator validator = context.validators().create(settings);
        Sink sink = openSink()) {
      ReportWriter writer = output.format.newWriter(sink.out(), sink.style(), output.verbose, output.quiet);
      try {
        for (String domain : domains) {
          FederationReport report = validator.validateAndWait(domain);
          writer.write(report);
          tally.add(report.verdict());
          observer.accept(report);
          if (!sink.owned() && sink.out().checkError()) {
            // The reader went away (`fedcheck check … | head`): stop quietly, as Unix tools do.
            break;
          }
        }
      } finally {
        writer.finish();
      }
      if (sink.owned() && sink.out().checkError()) {
        throw new UncheckedIOException(new IOException("could not write the reports"));
      }
    }
    return tally.exitCode();
  }

  private Sink openSink() {
    if (output.output == null) {
      boolean colour = output.color.enabled(context.environment(), context.stdoutIsTerminal());
      return new Sink(commandLine.getOut(), new TextStyle(colour), false);
    }
    try {
      PrintWriter file = new PrintWriter(Files.newBufferedWriter(output.output, StandardCharsets.UTF_8));
      // A file is never a terminal: auto means no colour there.
      return new Sink(file, new TextStyle(output.color.enabled(context.environment(), false)), true);
    } catch (IOException e) {
      throw new UsageException("cannot write " + output.output + ": " + IoMessages.describe(e), e);
    }
  }

  /** Where the reports go; closes the writer only when this run opened it (a file). */
  private record Sink(PrintWriter out, TextStyle style, boolean owned) implements AutoCloseable {
    @Override
    public void close() {
      if (owned) {
        out.close();
      } else {
        out.flush();
      }
    }
  }
}
