package io.fedcheck.cli.audit;

import io.fedcheck.cli.options.ExitCodes;
import io.fedcheck.cli.options.IoMessages;
import io.fedcheck.cli.options.UsageException;
import io.fedcheck.cli.options.VersionInfo;
import io.fedcheck.core.fleet.ChangeKind;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fedcheck diff OLD NEW}: what changed between two {@code audit} outputs, domain by domain
 * ({@link io.fedcheck.core.fleet.AuditDiff} in sdk-core decides each domain). Both inputs are
 * sorted on disk and merge-joined by {@link AuditComparison}, so memory stays bounded whatever
 * their size and order; {@link ChangeWriter} prints the changes.
 */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    sortOptions = false,
    headerHeading = "%n",
    header = "Compare two audit outputs: newly failing, fixed, changed, added and removed domains.",
    description = {
      "Reads two outputs of fedcheck audit (jsonl or csv, in any order; a domain given twice in one"
          + " file counts with its last line, as after an --resume) and lists every domain whose"
          + " verdict, rule set (ERROR and WARNING rules) or certificates changed: NEWLY_FAILING,"
          + " FIXED, VERDICT_CHANGED, RULES_CHANGED, CERTIFICATE_RENEWED (same names, later expiry),"
          + " CERTIFICATE_REPLACED, ADDED and REMOVED. Certificates are compared from jsonl only: csv"
          + " has no certificate columns. The files are sorted on disk, so a million lines need little"
          + " memory.",
      "Example:  fedcheck diff last-week.jsonl today.jsonl",
      ""
    },
    footer = {
      "%nExit codes:%n"
          + "  0  nothing newly fails%n"
          + "  1  at least one domain newly fails (NEWLY_FAILING)%n"
          + "  2  usage error (unreadable file, a line that is not an audit result)%n"
          + "  4  internal error%n"
    })
public final class DiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OLD", description = "The earlier audit output (jsonl or csv).")
  Path oldFile;

  @Parameters(index = "1", paramLabel = "NEW", description = "The later audit output (jsonl or csv).")
  Path newFile;

  @Option(names = "--format", paramLabel = "text|json|csv", converter = DiffFormat.Converter.class,
      description = "Output format. Default: text (a line per changed domain: domain, old -> new"
          + " verdict, what changed; then the counts).")
  DiffFormat format = DiffFormat.TEXT;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the comparison to FILE (replaced) instead of standard output.")
  Path output;

  @Option(names = "--tmp-dir", paramLabel = "DIR",
      description = "Where the sort's run files go (deleted at the end). Default: the system's.")
  Path tmpDir;

  @Option(names = "--run-lines", hidden = true, description = "Lines per sorted run (for tests).")
  int runLines = SortedRuns.DEFAULT_RUN_LINES;

  @Override
  public Integer call() throws IOException {
    for (Path f : List.of(oldFile, newFile)) {
      if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
        throw new UsageException(f + " is not a readable file");
      }
    }
    AuditComparison.Totals totals;
    try (SortedRuns oldSort = new SortedRuns(tmpDir, runLines);
        SortedRuns newSort = new SortedRuns(tmpDir, runLines);
        Writer sink = output == null ? notClosing(spec.commandLine().getOut())
            : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      AuditComparison.addAll(oldSort, oldFile);
      AuditComparison.addAll(newSort, newFile);
      ChangeWriter writer = ChangeWriter.of(format, sink);
      totals = AuditComparison.compare(oldSort.sorted(), newSort.sorted(), writer::change);
      writer.finish(totals.counts(), totals.compared());
      sink.flush();
    } catch (UncheckedIOException e) {
      throw new UsageException("cannot read or sort the audit outputs: " + IoMessages.describe(e.getCause()));
    }
    return totals.count(ChangeKind.NEWLY_FAILING) > 0 ? ExitCodes.FAIL : ExitCodes.OK;
  }

  /** Standard output stays open for the command line after the comparison. */
  private static Writer notClosing(Writer w) {
    return new FilterWriter(w) {
      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }
}
