package io.fedcheck.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.fedcheck.api.RuleId;
import io.fedcheck.core.fleet.AuditDiff;
import io.fedcheck.core.fleet.ChangeKind;
import io.fedcheck.core.fleet.DomainChange;
import io.fedcheck.core.fleet.DomainSnapshot;
import java.io.IOException;
import java.io.FilterWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fedcheck diff OLD NEW}: what changed between two {@code audit} outputs, domain by domain
 * ({@link AuditDiff} in sdk-core decides each domain). Both inputs are sorted on disk ({@link
 * SortedRuns}) and merge-joined, so memory stays bounded whatever their size and order.
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
final class DiffCommand implements Callable<Integer> {
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
    Map<ChangeKind, Long> counts = new EnumMap<>(ChangeKind.class);
    long compared = 0;
    try (SortedRuns oldSort = new SortedRuns(tmpDir, runLines);
        SortedRuns newSort = new SortedRuns(tmpDir, runLines);
        Writer sink = output == null ? notClosing(spec.commandLine().getOut())
            : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      Iterator<String> olds = lastPerDomain(oldSort.sort(encoded(oldFile)));
      Iterator<String> news = lastPerDomain(newSort.sort(encoded(newFile)));
      ChangeWriter writer = ChangeWriter.of(format, sink);
      String o = next(olds);
      String n = next(news);
      while (o != null || n != null) {
        int cmp = o == null ? 1 : n == null ? -1 : AuditSnapshots.domainOf(o).compareTo(AuditSnapshots.domainOf(n));
        DomainChange change = AuditDiff.compare(cmp <= 0 ? AuditSnapshots.decode(o) : null,
            cmp >= 0 ? AuditSnapshots.decode(n) : null);
        compared++;
        if (!change.unchanged()) {
          change.kinds().forEach(k -> counts.merge(k, 1L, Long::sum));
          writer.change(change);
        }
        if (cmp <= 0) {
          o = next(olds);
        }
        if (cmp >= 0) {
          n = next(news);
        }
      }
      writer.finish(counts, compared);
      sink.flush();
    } catch (UncheckedIOException e) {
      throw new UsageException("cannot read or sort the audit outputs: " + IoMessages.describe(e.getCause()));
    }
    return counts.getOrDefault(ChangeKind.NEWLY_FAILING, 0L) > 0 ? ExitCodes.FAIL : ExitCodes.OK;
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

  private static String next(Iterator<String> it) {
    return it.hasNext() ? it.next() : null;
  }

  private static Iterator<String> encoded(Path file) throws IOException {
    Iterator<DomainSnapshot> snapshots = AuditSnapshots.read(file);
    return new Iterator<>() {
      long sequence;

      @Override
      public boolean hasNext() {
        return snapshots.hasNext();
      }

      @Override
      public String next() {
        return AuditSnapshots.encode(snapshots.next(), sequence++);
      }
    };
  }

  /** Of sorted lines, the last of each domain (the sequence number sorts a file's lines in order). */
  private static Iterator<String> lastPerDomain(Iterator<String> sorted) {
    return new Iterator<>() {
      String held = sorted.hasNext() ? sorted.next() : null;

      @Override
      public boolean hasNext() {
        return held != null;
      }

      @Override
      public String next() {
        if (held == null) {
          throw new NoSuchElementException();
        }
        String last = held;
        held = null;
        while (sorted.hasNext()) {
          String s = sorted.next();
          if (AuditSnapshots.domainOf(s).equals(AuditSnapshots.domainOf(last))) {
            last = s;
          } else {
            held = s;
            break;
          }
        }
        return last;
      }
    };
  }

  /** Streams the changes in one format; nothing is kept but the counts. */
  abstract static class ChangeWriter {
    final Writer out;

    ChangeWriter(Writer out) {
      this.out = out;
    }

    static ChangeWriter of(DiffFormat format, Writer out) throws IOException {
      return switch (format) {
        case JSON -> new Json(out);
        case CSV -> new Csv(out);
        case TEXT -> new Text(out);
      };
    }

    abstract void change(DomainChange c) throws IOException;

    abstract void finish(Map<ChangeKind, Long> counts, long domains) throws IOException;

    static String kinds(DomainChange c) {
      return c.kinds().stream().map(Enum::name).collect(Collectors.joining("+"));
    }

    static String rules(DomainChange c) {
      StringBuilder b = new StringBuilder();
      for (RuleId r : c.addedRules()) {
        b.append(b.length() == 0 ? "" : " ").append('+').append(r.name());
      }
      for (RuleId r : c.removedRules()) {
        b.append(b.length() == 0 ? "" : " ").append('-').append(r.name());
      }
      return b.toString();
    }

    static String verdict(Object v) {
      return v == null ? "-" : v.toString();
    }

    static String certificates(DomainChange c) {
      StringBuilder b = new StringBuilder();
      c.renewedEndpoints().forEach(e -> b.append(b.length() == 0 ? "" : " ").append("renewed:").append(e));
      c.replacedEndpoints().forEach(e -> b.append(b.length() == 0 ? "" : " ").append("replaced:").append(e));
      return b.toString();
    }
  }

  /** A line per changed domain, then the counts. */
  static final class Text extends ChangeWriter {
    Text(Writer out) {
      super(out);
    }

    @Override
    void change(DomainChange c) throws IOException {
      String more = (rules(c) + " " + certificates(c)).strip();
      out.write(String.format(Locale.ROOT, "%-32s %-7s -> %-7s  %s%s%n", c.asciiDomain(),
          verdict(c.oldVerdict()), verdict(c.newVerdict()), kinds(c), more.isEmpty() ? "" : "  " + more));
    }

    @Override
    void finish(Map<ChangeKind, Long> counts, long domains) throws IOException {
      StringBuilder b = new StringBuilder();
      for (ChangeKind k : ChangeKind.values()) {
        b.append(b.length() == 0 ? "" : ", ").append(counts.getOrDefault(k, 0L)).append(' ')
            .append(k.name().toLowerCase(Locale.ROOT).replace('_', ' '));
      }
      out.write(domains + " domains compared: " + b + System.lineSeparator());
    }
  }

  /** One JSON object: the changes as they stream, then the summary. */
  static final class Json extends ChangeWriter {
    private final JsonGenerator g;

    Json(Writer out) throws IOException {
      super(out);
      g = ReportJson.MAPPER.getFactory().createGenerator(out);
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeArrayFieldStart("changes");
    }

    @Override
    void change(DomainChange c) throws IOException {
      g.writeStartObject();
      g.writeStringField("domain", c.asciiDomain());
      g.writeArrayFieldStart("kinds");
      for (ChangeKind k : c.kinds()) {
        g.writeString(k.name());
      }
      g.writeEndArray();
      g.writeStringField("oldVerdict", c.oldVerdict() == null ? null : c.oldVerdict().name());
      g.writeStringField("newVerdict", c.newVerdict() == null ? null : c.newVerdict().name());
      strings("addedRules", c.addedRules().stream().map(Enum::name).toList());
      strings("removedRules", c.removedRules().stream().map(Enum::name).toList());
      strings("renewedEndpoints", c.renewedEndpoints());
      strings("replacedEndpoints", c.replacedEndpoints());
      g.writeEndObject();
    }

    private void strings(String name, List<String> values) throws IOException {
      g.writeArrayFieldStart(name);
      for (String v : values) {
        g.writeString(v);
      }
      g.writeEndArray();
    }

    @Override
    void finish(Map<ChangeKind, Long> counts, long domains) throws IOException {
      g.writeEndArray();
      g.writeObjectFieldStart("summary");
      g.writeNumberField("domains", domains);
      for (ChangeKind k : ChangeKind.values()) {
        g.writeNumberField(k.name(), counts.getOrDefault(k, 0L));
      }
      g.writeEndObject();
      g.writeEndObject();
      g.flush();
      out.write(System.lineSeparator());
    }
  }

  /** A header, then a row per changed domain (RFC 4180). */
  static final class Csv extends ChangeWriter {
    static final List<String> HEADER =
        List.of("domain", "kinds", "old_verdict", "new_verdict", "rules", "certificates");

    Csv(Writer out) throws IOException {
      super(out);
      out.write(AuditResultWriter.Csv.row(HEADER));
    }

    @Override
    void change(DomainChange c) throws IOException {
      out.write(AuditResultWriter.Csv.row(List.of(c.asciiDomain(), kinds(c), verdict(c.oldVerdict()),
          verdict(c.newVerdict()), rules(c), certificates(c))));
    }

    @Override
    void finish(Map<ChangeKind, Long> counts, long domains) {
      // csv carries the rows only; the counts are in the text and json formats
    }
  }
}
