package io.fedcheck.cli.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fedcheck.api.AuditProgress;
import io.fedcheck.api.BulkOptions;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.cli.options.CheckSettings;
import io.fedcheck.cli.options.CliContext;
import io.fedcheck.cli.options.IoMessages;
import io.fedcheck.cli.options.ProgressDisplay;
import io.fedcheck.cli.options.UsageException;
import io.fedcheck.cli.report.ReportJson;
import io.fedcheck.core.fleet.Edge;
import io.fedcheck.report.DomainListReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * One run of {@code fedcheck audit}: reads back a resumed output, streams the input's domains
 * through the validator's bulk audit, writes each result with its input line number as it
 * arrives, shows progress, and ends with the summary, the HTML report and the exit code.
 *
 * <p>Memory is bounded by the domains in flight (plus one bit per input line for resume, and the
 * capped rows of the HTML report), never by the input size.
 */
final class AuditRun {
  /** How often the validator sends progress events; the display throttles further. */
  private static final Duration PROGRESS_EVENTS = Duration.ofMillis(200);

  /**
   * What the command line asked for.
   *
   * @param input the input file, or {@code -} for standard input
   * @param output the output file, or {@code null} for standard output
   * @param format the output format
   * @param concurrency the most domains checked at once
   * @param resume whether to continue the output file
   * @param htmlReport where to write the HTML report, or {@code null}
   * @param quiet whether to show no progress
   * @param byEdge whether to group the results by edge after the audit
   * @param expiringWithin write only the domains with a leaf certificate expiring within this, or
   *     {@code null} for every domain
   * @param verbose whether to show every edge and change (not only the top ones)
   * @param baseline an earlier audit output to compare this run with, or {@code null}
   * @param edgesOutput the file for the fleet views as one JSON document, or {@code null}
   */
  record Options(String input, Path output, AuditFormat format, int concurrency, boolean resume,
      Path htmlReport, boolean quiet, boolean byEdge, Duration expiringWithin, boolean verbose,
      Path baseline, Path edgesOutput) {
    Options(String input, Path output, AuditFormat format, int concurrency, boolean resume,
        Path htmlReport, boolean quiet) {
      this(input, output, format, concurrency, resume, htmlReport, quiet, false, null, false, null, null);
    }

    /** Whether the fleet views need the reports of this run. */
    boolean fleet() {
      return byEdge || expiringWithin != null;
    }
  }

  private final CliContext context;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Options options;

  AuditRun(CliContext context, PrintWriter out, PrintWriter err, Options options) {
    this.context = context;
    this.out = out;
    this.err = err;
    this.options = options;
  }

  int run(CheckSettings settings) {
    checkUsage();
    // Read before the audit: a baseline that is not an audit output fails now, not hours later.
    try (AuditBaseline baseline = options.baseline() == null ? null
        : AuditBaseline.open(options.baseline(), SortedRuns.DEFAULT_RUN_LINES)) {
      return audit(settings, baseline);
    }
  }

  private int audit(CheckSettings settings, AuditBaseline baseline) {
    long started = System.nanoTime();
    // One instant for the whole audit: the expiry filter and the calendar judge every report at it.
    Instant now = Instant.now();
    AuditSummary summary = new AuditSummary();
    HtmlReport html = options.htmlReport() == null ? null : new HtmlReport(HtmlReport.DEFAULT_MAX_ROWS, now);
    // The HTML report's first view is the edges, --by-edge or not; a resumed run has not the
    // earlier reports, and without --by-edge the page's edges stop where its table does.
    boolean edgesForPage = html != null && !options.resume();
    AuditFleet fleet = options.byEdge() ? new AuditFleet()
        : edgesForPage ? new AuditFleet(HtmlReport.DEFAULT_MAX_ROWS)
        : options.fleet() ? new AuditFleet() : null;
    Consumer<AuditRow> keep = row -> {
      summary.addResumed(row);
      if (html != null) {
        html.add(row);
      }
    };
    AuditResume.State state = options.resume()
        ? AuditResume.resume(options.output(), options.format(), keep, html != null)
        : new AuditResume.State(new BitSet(), 0, false);
    // A device or FIFO can be read once only: it is not counted ahead, like standard input.
    long total = stdin() || !Files.isRegularFile(Path.of(options.input())) ? -1 : countRemaining(state);
    if (options.resume() && !options.quiet()) {
      err.println("audit: resuming: " + summary.resumed() + " results kept"
          + (total >= 0 ? ", " + total + " input lines left" : ""));
      err.flush();
    }

    AuditBaseline.Result result = null;
    try (OutputStream file = openOutput();
        InputStream in = openInput();
        FederationValidator validator = context.validators().create(settings)) {
      AuditResultWriter.Chunks chunks = file == null ? AuditResultWriter.Chunks.of(out) : AuditResultWriter.Chunks.of(file);
      AuditBaseline.Result[] compared = {null};
      AuditResultWriter.Trailer trailer = !options.fleet() ? null
          : AuditResultWriter.Trailer.of(() -> fleetJson(fleet, now));
      if (baseline != null) {
        AuditResultWriter.Trailer section = emit -> {
          emit.accept(",\n\"baseline\": ");
          AuditBaseline.copyJson(compared[0], emit);
        };
        trailer = trailer == null ? section : trailer.andThen(section);
      }
      AuditResultWriter writer = AuditResultWriter.of(options.format(), chunks, !state.hasHeader(), trailer);
      PendingLines pending = new PendingLines();
      Iterator<String> domains = new RemainingDomains(new AuditInput(in), state, pending);
      Consumer<FederationReport> results = report -> {
        long line = pending.take(report.input());
        boolean listed = options.expiringWithin() == null
            || AuditFleet.expiresWithin(report, now, options.expiringWithin());
        if (listed) {
          writer.write(line, report);
        }
        if (fleet != null) {
          // --by-edge and the expiry calendar need theirs whatever the cap; the page takes the rest
          // while there is room.
          if (options.byEdge() || (listed && options.expiringWithin() != null)) {
            fleet.add(report);
          } else if (edgesForPage) {
            fleet.addIfRoom(report);
          }
        }
        if (baseline != null) {
          // Every domain of the run, listed or not: the baseline is a whole audit too.
          baseline.add(report);
        }
        AuditRow row = AuditRow.of(line, report);
        summary.addChecked(row);
        if (html != null) {
          html.add(row.withDetail(AuditRow.detail(report)));
          html.certificates(report);
        }
      };
      Consumer<AuditProgress> progress = options.quiet() ? p -> {}
          : new ProgressDisplay(err, context.stderrIsTerminal(), System::nanoTime);
      BulkOptions bulk = new BulkOptions(options.concurrency(), total, PROGRESS_EVENTS);
      try {
        validator.validateAll(domains, results, bulk, progress).toCompletableFuture().join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
      if (baseline != null) {
        compared[0] = baseline.compare(options.format() == AuditFormat.JSON);
      }
      writer.finish();
      result = compared[0];
    } catch (IOException e) {
      throw new UncheckedIOException("audit failed: " + IoMessages.describe(e), e);
    }

    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    summary.print(err, elapsed);
    if (options.byEdge()) {
      AuditFleet.printEdges(err, fleet.edges(), options.verbose());
    }
    if (options.fleet()) {
      AuditFleet.printExpiring(err, fleet.expiring(now, options.expiringWithin()), now,
          options.expiringWithin());
    }
    if (options.edgesOutput() != null) {
      writeEdges(fleetJson(fleet, now));
    }
    if (html != null && edgesForPage) {
      html.edges(fleet.edges(), fleet.size(), fleet.left());
    }
    if (result != null) {
      AuditBaseline.print(err, result, options.verbose());
      if (html != null) {
        html.baseline(result);
      }
    }
    if (html != null) {
      html.write(options.htmlReport(), summary, elapsed, Instant.now());
    }
    return summary.exitCode();
  }

  private ObjectNode fleetJson(AuditFleet fleet, Instant now) {
    ObjectNode n = ReportJson.MAPPER.createObjectNode();
    if (options.byEdge()) {
      n.set("edges", AuditFleet.edgesJson(fleet.edges()));
    }
    n.put("evaluatedAt", now.toString());
    n.set("expiringCertificates", AuditFleet.expiringJson(fleet.expiring(now, options.expiringWithin())));
    return n;
  }

  private void writeEdges(ObjectNode fleetViews) {
    try {
      ReportJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(options.edgesOutput().toFile(), fleetViews);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write --edges-output " + options.edgesOutput() + ": "
          + IoMessages.describe(e), e);
    }
  }

  private void checkUsage() {
    if (options.resume() && options.baseline() != null) {
      throw new UsageException("--baseline compares the results of one whole run with the baseline;"
          + " it cannot be combined with --resume (compare the finished output: fedcheck diff OLD NEW)");
    }
    if (options.resume() && options.fleet()) {
      throw new UsageException("--by-edge and --expiring-within work on the results of one whole run;"
          + " they cannot be combined with --resume");
    }
    if (options.edgesOutput() != null && options.output() != null && sameFile(options.edgesOutput(), options.output())) {
      throw new UsageException("--edges-output and --output name the same file; give each its own");
    }
    if (options.resume() && !options.format().resumable()) {
      throw new UsageException("--resume works with --format jsonl or csv, not "
          + options.format().cliName() + " (a torn JSON array cannot be continued)");
    }
    if (options.resume() && options.output() == null) {
      throw new UsageException("--resume needs --output FILE: the results to continue");
    }
    if (!stdin()) {
      Path in = Path.of(options.input());
      if (Files.isDirectory(in) || !Files.isReadable(in)) {
        throw new UsageException("cannot read --input " + in + ": "
            + (Files.isDirectory(in) ? "it is a directory" : Files.exists(in) ? "not a readable file" : "no such file"));
      }
      for (Path other : new Path[] {options.output(), options.htmlReport(), options.edgesOutput()}) {
        if (other != null && sameFile(in, other)) {
          throw new UsageException("--input " + in + " would be overwritten by an output; give another file");
        }
      }
    }
    if (options.baseline() != null) {
      for (Path other : new Path[] {options.output(), options.htmlReport(), options.edgesOutput()}) {
        if (other != null && sameFile(options.baseline(), other)) {
          throw new UsageException("--baseline " + options.baseline()
              + " would be overwritten by this run's output; give the new run another file");
        }
      }
    }
  }

  /** Whether {@code a} and {@code b} name one file: the same path, or (once it exists) the same file. */
  private static boolean sameFile(Path a, Path b) {
    if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
      return true;
    }
    try {
      return Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  private boolean stdin() {
    return "-".equals(options.input());
  }

  private InputStream openInput() throws IOException {
    if (stdin()) {
      // Not ours to close: wrap so the try-with-resources leaves System.in open.
      return new java.io.FilterInputStream(System.in) {
        @Override
        public void close() {}
      };
    }
    return Files.newInputStream(Path.of(options.input()));
  }

  /** An unbuffered file stream (each result is one write), or null for standard output. */
  private OutputStream openOutput() {
    if (options.output() == null) {
      return null;
    }
    try {
      return options.resume()
          ? Files.newOutputStream(options.output(), StandardOpenOption.CREATE, StandardOpenOption.APPEND)
          : Files.newOutputStream(options.output());
    } catch (IOException e) {
      throw new UsageException("cannot write " + options.output() + ": " + IoMessages.describe(e), e);
    }
  }

  /** How many input entries are still to check: one cheap streaming pass over the file. */
  private long countRemaining(AuditResume.State state) {
    try (InputStream in = openInput()) {
      AuditInput input = new AuditInput(in);
      long n = 0;
      while (input.hasNext()) {
        if (!state.isDone(input.next().line())) {
          n++;
        }
      }
      return n;
    } catch (NoSuchFileException e) {
      throw new UsageException("cannot read --input " + options.input() + ": no such file", e);
    } catch (IOException e) {
      throw new UsageException("cannot read --input " + options.input() + ": " + IoMessages.describe(e), e);
    }
  }

  /**
   * The input lines whose results are on their way, by input text. The validator reports in
   * completion order with the input text as given; the same text gives the same report, so any of
   * its waiting line numbers may take it. Holds only the domains in flight. Thread-safe.
   */
  static final class PendingLines {
    private final Map<String, ArrayDeque<Long>> byInput = new HashMap<>();

    synchronized void put(String input, long line) {
      byInput.computeIfAbsent(input, k -> new ArrayDeque<>(1)).add(line);
    }

    synchronized long take(String input) {
      ArrayDeque<Long> lines = byInput.get(input);
      if (lines == null) {
        throw new IllegalStateException("the validator reported a domain that was not asked for: " + input);
      }
      long line = lines.removeFirst();
      if (lines.isEmpty()) {
        byInput.remove(input);
      }
      return line;
    }

    synchronized int size() {
      return byInput.values().stream().mapToInt(ArrayDeque::size).sum();
    }
  }

  /** The input's domains minus the lines already answered; each one handed out is registered. */
  private static final class RemainingDomains implements Iterator<String> {
    private final AuditInput input;
    private final AuditResume.State state;
    private final PendingLines pending;
    private DomainListReader.Entry next;

    RemainingDomains(AuditInput input, AuditResume.State state, PendingLines pending) {
      this.input = input;
      this.state = state;
      this.pending = pending;
    }

    @Override
    public boolean hasNext() {
      while (next == null && input.hasNext()) {
        DomainListReader.Entry e = input.next();
        if (!state.isDone(e.line())) {
          next = e;
        }
      }
      return next != null;
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      DomainListReader.Entry e = next;
      next = null;
      pending.put(e.domain(), e.line());
      return e.domain();
    }
  }
}
