package io.fedcheck.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedcheck.api.Verdict;
import io.fedcheck.cli.options.IoMessages;
import io.fedcheck.cli.options.UsageException;
import io.fedcheck.cli.report.ReportJson;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads back the output of an interrupted audit so that {@code --resume} can continue it with every
 * input line exactly once.
 *
 * <ul>
 *   <li>jsonl: every complete line must be a result with a {@code "line"} number. A last line
 *       without its newline, or that does not parse, is torn: it is cut off and checked again. An
 *       unparsable line before the last one means the file is not an audit's output: refused.
 *   <li>csv: the header must be the audit header. The rows of one result are written together, but
 *       a kill can cut them anywhere, so the last result in the file (its rows, complete or not)
 *       is always cut off and checked again; a torn last row goes with it.
 *   <li>A missing or empty file means nothing was done yet.
 * </ul>
 *
 * <p>Memory: one bit per input line number, whatever the file size.
 */
final class AuditResume {
  /**
   * What an existing output holds.
   *
   * @param done the input line numbers already answered
   * @param keep how many bytes of the file are kept (the rest is cut off)
   * @param hasHeader whether the kept part starts with the csv header
   */
  record State(BitSet done, long keep, boolean hasHeader) {
    boolean isDone(long line) {
      return line <= Integer.MAX_VALUE && done.get((int) line);
    }
  }

  private AuditResume() {}

  /**
   * Reads {@code file}, hands each complete result to {@code rows}, and cuts the file back to
   * its complete results.
   *
   * @param detail whether the rows carry their drill-down (jsonl only: a csv line has not the texts)
   * @throws UsageException when the file is not the output of an audit in this format
   */
  static State resume(Path file, AuditFormat format, Consumer<AuditRow> rows, boolean detail) {
    State state;
    try {
      state = read(file, format, rows, detail);
    } catch (NoSuchFileException e) {
      return new State(new BitSet(), 0, false);
    } catch (IOException e) {
      throw new UsageException("cannot resume from " + file + ": " + IoMessages.describe(e), e);
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      if (ch.size() > state.keep()) {
        ch.truncate(state.keep());
      }
    } catch (IOException e) {
      throw new UsageException("cannot resume " + file + ": " + IoMessages.describe(e), e);
    }
    return state;
  }

  private static State read(Path file, AuditFormat format, Consumer<AuditRow> rows, boolean detail)
      throws IOException {
    if (!format.resumable()) {
      throw new UsageException("--resume works with --format jsonl or csv, not " + format.cliName());
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      Lines lines = new Lines(in);
      return format == AuditFormat.JSONL ? jsonl(file, lines, rows, detail) : csv(file, lines, rows);
    }
  }

  private static State jsonl(Path file, Lines lines, Consumer<AuditRow> rows, boolean detail)
      throws IOException {
    BitSet done = new BitSet();
    long keep = 0;
    long physical = 0;
    for (String text = lines.next(); text != null; text = lines.next()) {
      physical++;
      AuditRow row = lines.complete() ? parseJson(text, detail) : null;
      if (row == null) {
        if (lines.atEnd()) {
          break; // torn last line: cut off and checked again
        }
        throw new UsageException("line " + physical + " of " + file + " is not an audit result;"
            + " not resuming (give another --output, or delete the file)");
      }
      mark(done, row.line(), file);
      rows.accept(row);
      keep = lines.offset();
    }
    return new State(done, keep, false);
  }

  private static AuditRow parseJson(String text, boolean detail) {
    try {
      JsonNode n = ReportJson.MAPPER.readTree(text);
      if (n == null || !n.path("line").canConvertToLong() || n.path("line").asLong() < 1
          || !n.path("domain").isTextual()) {
        return null;
      }
      Verdict verdict = Verdict.valueOf(n.path("verdict").asText());
      Set<String> all = new LinkedHashSet<>();
      Set<String> errors = new LinkedHashSet<>();
      Set<String> warnings = new LinkedHashSet<>();
      for (JsonNode f : n.path("findings")) {
        all.add(f.path("rule").asText());
        if ("ERROR".equals(f.path("severity").asText())) {
          errors.add(f.path("rule").asText());
        } else if ("WARNING".equals(f.path("severity").asText())) {
          warnings.add(f.path("rule").asText());
        }
      }
      return new AuditRow(n.path("line").asLong(), n.path("domain").asText(), verdict,
          List.copyOf(all), List.copyOf(errors), List.copyOf(warnings),
          detail ? AuditRow.detail(n) : List.of());
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private static State csv(Path file, Lines lines, Consumer<AuditRow> rows) throws IOException {
    BitSet done = new BitSet();
    String header = lines.next();
    String expected = String.join(",", AuditResultWriter.CSV_HEADER);
    if (header == null || !lines.complete()) {
      return new State(done, 0, false); // empty, or a torn header: start the file again
    }
    if (!stripCr(header).equals(expected)) {
      throw new UsageException(file + " does not start with the audit csv header (" + expected
          + "); not resuming");
    }
    long keep = lines.offset();
    long physical = 1;
    // The result being read: its line number, where it starts, and what its rows say.
    long groupLine = -1;
    long groupStart = keep;
    Group group = null;
    for (String text = lines.next(); text != null; text = lines.next()) {
      physical++;
      List<String> fields = lines.complete() ? fields(stripCr(text)) : null;
      Long line = fields == null || fields.size() != AuditResultWriter.CSV_HEADER.size() ? null
          : parseLine(fields.get(0));
      Verdict verdict = line == null ? null : verdict(fields.get(2));
      if (verdict == null) {
        if (lines.atEnd()) {
          break;
        }
        throw new UsageException("line " + physical + " of " + file + " is not an audit row;"
            + " not resuming (give another --output, or delete the file)");
      }
      if (line != groupLine) {
        if (group != null) {
          mark(done, group.line, file);
          rows.accept(group.row());
        }
        groupLine = line;
        groupStart = lines.start();
        group = new Group(line, fields.get(1), verdict);
      }
      group.add(fields.get(3), fields.get(4));
    }
    // The last result may have lost rows to the kill: cut it off, it is checked again.
    return new State(done, group == null ? keep : groupStart, true);
  }

  private static final class Group {
    final long line;
    final String domain;
    final Verdict verdict;
    final Set<String> rules = new LinkedHashSet<>();
    final Set<String> errors = new LinkedHashSet<>();
    final Set<String> warnings = new LinkedHashSet<>();

    Group(long line, String domain, Verdict verdict) {
      this.line = line;
      this.domain = domain;
      this.verdict = verdict;
    }

    void add(String rule, String severity) {
      if (!rule.isEmpty()) {
        rules.add(rule);
        if ("ERROR".equals(severity)) {
          errors.add(rule);
        } else if ("WARNING".equals(severity)) {
          warnings.add(rule);
        }
      }
    }

    AuditRow row() {
      return new AuditRow(line, domain, verdict, List.copyOf(rules), List.copyOf(errors),
          List.copyOf(warnings), List.of());
    }
  }

  private static Long parseLine(String s) {
    try {
      long n = Long.parseLong(s);
      return n >= 1 ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Verdict verdict(String s) {
    try {
      return Verdict.valueOf(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void mark(BitSet done, long line, Path file) {
    if (line > Integer.MAX_VALUE) {
      throw new UsageException(file + " holds line number " + line + ", more than an audit reads");
    }
    done.set((int) line);
  }

  /** {@code s} without the CR of a CRLF line end. */
  static String stripCr(String s) {
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  /** The fields of one RFC 4180 row that holds no line break; null when the quoting is broken. */
  static List<String> fields(String row) {
    List<String> out = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    int i = 0;
    int n = row.length();
    while (true) {
      f.setLength(0);
      if (i < n && row.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= n) {
            return null; // unterminated quote
          }
          char c = row.charAt(i++);
          if (c == '"') {
            if (i < n && row.charAt(i) == '"') {
              f.append('"');
              i++;
            } else {
              break;
            }
          } else {
            f.append(c);
          }
        }
        if (i < n && row.charAt(i) != ',') {
          return null;
        }
      } else {
        while (i < n && row.charAt(i) != ',') {
          f.append(row.charAt(i++));
        }
      }
      out.add(f.toString());
      if (i >= n) {
        return out;
      }
      i++; // the comma
    }
  }

  /** Physical lines of a byte stream with their byte offsets; LF ends a line. */
  private static final class Lines {
    private final InputStream in;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private long position;
    private long start;
    private boolean complete;
    private int peeked = -2;

    Lines(InputStream in) {
      this.in = in;
    }

    /** The next line without its LF, or null at the end of the file. */
    String next() throws IOException {
      buf.reset();
      start = position;
      complete = false;
      while (true) {
        int b = read();
        if (b < 0) {
          return buf.size() == 0 ? null : text();
        }
        position++;
        if (b == '\n') {
          complete = true;
          return text();
        }
        buf.write(b);
      }
    }

    private int read() throws IOException {
      if (peeked != -2) {
        int b = peeked;
        peeked = -2;
        return b;
      }
      return in.read();
    }

    private String text() {
      return buf.toString(StandardCharsets.UTF_8);
    }

    /** Whether the last line read ended with its LF. */
    boolean complete() {
      return complete;
    }

    /** Where the last line read starts. */
    long start() {
      return start;
    }

    /** Where the next line starts. */
    long offset() {
      return position;
    }

    /** Whether nothing follows the last line read. */
    boolean atEnd() throws IOException {
      if (peeked == -2) {
        peeked = in.read();
      }
      return peeked < 0;
    }
  }
}
