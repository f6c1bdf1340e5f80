package io.fedcheck.cli.audit;

import io.fedcheck.api.FederationReport;
import io.fedcheck.cli.options.IoMessages;
import io.fedcheck.cli.options.TextStyle;
import io.fedcheck.cli.options.UsageException;
import io.fedcheck.core.fleet.ChangeKind;
import io.fedcheck.core.fleet.DomainChange;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code audit --baseline OLD}: the comparison {@code fedcheck diff OLD NEW} would print, where NEW
 * is this run. OLD is read and sorted on disk before the audit starts (so a file that is not an
 * audit output is a usage error at once, not after hours of checking); each result of the run adds
 * its snapshot to a second sort as it arrives; {@link #compare} then merge-joins both through
 * {@link AuditComparison}, exactly as {@code diff} does.
 *
 * <p>Memory stays bounded: the sorts spill to disk, the json section is streamed into a temporary
 * file, and only the first {@link #KEEP} changes (newly failing ones first) are held for the stderr
 * lines and the HTML section. Temporary files are deleted on {@link #close}. Not thread-safe (the
 * validator reports one result at a time).
 */
final class AuditBaseline implements AutoCloseable {
  /** Changes held for the HTML table and the stderr lines; the counts cover every change. */
  static final int KEEP = 1_000;
  /** Changed domains listed on stderr unless --verbose. */
  static final int TOP = 20;

  /**
   * The comparison of the baseline with this run.
   *
   * @param file the baseline file, as given
   * @param totals the counts over every domain of either audit
   * @param changed how many domains changed
   * @param shown the first {@link #KEEP} changes, newly failing ones first, each group by domain
   * @param json the comparison as {@code diff --format json} writes it, or {@code null} when not
   *     asked for
   */
  record Result(Path file, AuditComparison.Totals totals, long changed, List<DomainChange> shown,
      Path json) {
    Result {
      shown = List.copyOf(shown);
    }
  }

  private final Path file;
  private final SortedRuns oldSort;
  private final SortedRuns newSort;
  private Iterator<String> oldSorted;
  private long sequence;
  private Path json;

  private AuditBaseline(Path file, SortedRuns oldSort, SortedRuns newSort) {
    this.file = file;
    this.oldSort = oldSort;
    this.newSort = newSort;
  }

  /** Reads and sorts the baseline {@code file}; a file that is not an audit output is a usage error. */
  static AuditBaseline open(Path file, int runLines) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new UsageException("--baseline " + file + " is not a readable file");
    }
    SortedRuns oldSort = null;
    SortedRuns newSort = null;
    try {
      oldSort = new SortedRuns(null, runLines);
      newSort = new SortedRuns(null, runLines);
      AuditBaseline b = new AuditBaseline(file, oldSort, newSort);
      AuditComparison.addAll(oldSort, file);
      b.oldSorted = oldSort.sorted();
      return b;
    } catch (IOException | RuntimeException e) {
      closeQuietly(oldSort);
      closeQuietly(newSort);
      if (e instanceof UsageException u) {
        throw u;
      }
      throw new UsageException("cannot read or sort --baseline " + file + ": "
          + IoMessages.describe(e instanceof UncheckedIOException u ? u.getCause()
              : e instanceof IOException io ? io : new IOException(e)));
    }
  }

  private static void closeQuietly(SortedRuns s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // a temporary directory left behind is no reason to hide the first error
      }
    }
  }

  /** Adds one result of this run. */
  void add(FederationReport report) {
    try {
      newSort.add(AuditSnapshots.encode(AuditComparison.snapshot(report), sequence++));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot sort the results for --baseline: " + IoMessages.describe(e), e);
    }
  }

  /**
   * Compares the baseline with the results added; once, after the last {@link #add}.
   *
   * @param withJson whether to keep the json section (for {@code --format json})
   */
  Result compare(boolean withJson) {
    List<DomainChange> failing = new ArrayList<>();
    List<DomainChange> others = new ArrayList<>();
    long[] changed = {0};
    try {
      Writer jsonOut = null;
      ChangeWriter jsonWriter = null;
      if (withJson) {
        json = Files.createTempFile("fedcheck-baseline-", ".json");
        jsonOut = Files.newBufferedWriter(json, StandardCharsets.UTF_8);
        jsonWriter = ChangeWriter.of(DiffFormat.JSON, jsonOut);
      }
      ChangeWriter writer = jsonWriter;
      AuditComparison.Totals totals = AuditComparison.compare(oldSorted, newSort.sorted(), c -> {
        changed[0]++;
        List<DomainChange> into = c.kinds().contains(ChangeKind.NEWLY_FAILING) ? failing : others;
        if (failing.size() + others.size() < KEEP) {
          into.add(c);
        } else if (into == failing && !others.isEmpty()) {
          // a newly failing domain matters more than any other change: it takes the place of one
          others.remove(others.size() - 1);
          into.add(c);
        }
        if (writer != null) {
          writer.change(c);
        }
      });
      if (writer != null) {
        writer.finish(totals.counts(), totals.compared());
        jsonOut.close();
      }
      List<DomainChange> shown = new ArrayList<>(failing);
      shown.addAll(others);
      return new Result(file, totals, changed[0], shown, json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compare with --baseline " + file + ": " + IoMessages.describe(e), e);
    }
  }

  /**
   * Writes the json section (as {@code diff --format json} prints it, without its final line
   * break) to {@code emit} in chunks, so that a large comparison is never one string.
   */
  static void copyJson(Result r, Consumer<String> emit) {
    try (Reader in = Files.newBufferedReader(r.json(), StandardCharsets.UTF_8)) {
      char[] buf = new char[1 << 15];
      String held = null;
      int n;
      while ((n = in.read(buf)) > 0) {
        if (held != null) {
          emit.accept(held);
        }
        held = new String(buf, 0, n);
      }
      if (held != null) {
        emit.accept(held.stripTrailing());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the baseline section: " + IoMessages.describe(e), e);
    }
  }

  /** The stderr lines: the counts, then up to {@link #TOP} changed domains (newly failing first). */
  static void print(PrintWriter err, Result r, boolean all) {
    StringBuilder b = new StringBuilder();
    b.append("audit: change since baseline ").append(TextStyle.clean(r.file().toString())).append(": ")
        .append(ChangeWriter.Text.counts(r.totals().counts(), r.totals().compared()))
        .append(System.lineSeparator());
    int shown = all ? r.shown().size() : Math.min(TOP, r.shown().size());
    for (DomainChange c : r.shown().subList(0, shown)) {
      b.append("  ").append(TextStyle.clean(ChangeWriter.Text.line(c))).append(System.lineSeparator());
    }
    if (r.changed() > shown) {
      b.append(String.format("  (%d more changed domain%s%s; fedcheck diff %s NEW lists them all)%n",
          r.changed() - shown, r.changed() - shown == 1 ? "" : "s",
          all ? "" : ", --verbose shows up to " + KEEP, TextStyle.clean(r.file().toString())));
    }
    err.print(b);
    err.flush();
  }

  @Override
  public void close() {
    closeQuietly(oldSort);
    closeQuietly(newSort);
    if (json != null) {
      try {
        Files.deleteIfExists(json);
      } catch (IOException ignored) {
        // a temporary file left behind is harmless
      }
    }
  }
}
