package io.fedcheck.cli.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Finding;
import io.fedcheck.cli.options.IoMessages;
import io.fedcheck.cli.report.CsvReportWriter;
import io.fedcheck.report.FederationReportJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Writes audit results as they arrive, each one in a single write that is flushed at once, so that
 * a killed audit leaves at most its last result torn (which {@link AuditResume} cuts off). Every
 * result carries the input line number it answers. Not thread-safe: one thread at a time.
 */
abstract class AuditResultWriter {
  /** The CSV header: the {@code check} columns with the input line number in front. */
  static final List<String> CSV_HEADER =
      List.of("line", "domain", "verdict", "rule", "severity", "subject", "message");

  private final Chunks out;

  private AuditResultWriter(Chunks out) {
    this.out = out;
  }

  /**
   * A writer of {@code format}.
   *
   * @param fresh whether the output starts empty (a header or an opening bracket is written);
   *     false when appending to a resumed file that already has them
   */
  static AuditResultWriter of(AuditFormat format, Chunks out, boolean fresh) {
    return of(format, out, fresh, null);
  }

  /**
   * Like {@link #of(AuditFormat, Chunks, boolean)}; with a {@code trailer} (json only) the output
   * is one object instead of an array: {@code {"results": [...]}} followed by the trailer's fields,
   * written once every result is (the {@code edges} of {@code --by-edge}, the {@code baseline} of
   * {@code --baseline}).
   */
  static AuditResultWriter of(AuditFormat format, Chunks out, boolean fresh, Trailer trailer) {
    return switch (format) {
      case JSONL -> new JsonLines(out);
      case CSV -> new Csv(out, fresh);
      case JSON -> new JsonArray(out, trailer);
    };
  }

  /** Writes the result of input line {@code line}. */
  abstract void write(long line, FederationReport report);

  /** Writes whatever closes the output and flushes. */
  void finish() {
    out.flush();
  }

  final void emit(String text) {
    out.write(text);
  }

  /** The JSON object of one result: {@code "line"} first, then the report as {@code check} writes it. */
  static ObjectNode json(long line, FederationReport report) {
    return FederationReportJson.auditResult(line, report);
  }

  /** jsonl: one result per line. */
  private static final class JsonLines extends AuditResultWriter {
    JsonLines(Chunks out) {
      super(out);
    }

    @Override
    void write(long line, FederationReport report) {
      emit(FederationReportJson.auditLine(line, report) + "\n");
    }
  }

  /** json: one array, an element per result. */
  private static final class JsonArray extends AuditResultWriter {
    private boolean first = true;
    private final Trailer trailer;

    JsonArray(Chunks out, Trailer trailer) {
      super(out);
      this.trailer = trailer;
      emit(trailer == null ? "[" : "{\"results\": [");
    }

    @Override
    void write(long line, FederationReport report) {
      emit((first ? "\n" : ",\n") + FederationReportJson.auditLine(line, report));
      first = false;
    }

    @Override
    void finish() {
      if (trailer == null) {
        emit(first ? "]\n" : "\n]\n");
      } else {
        emit(first ? "]" : "\n]");
        trailer.write(this::emit);
        emit("\n}\n");
      }
      super.finish();
    }
  }

  /**
   * csv: one row per finding (a result without findings still gets one row), the rows of one
   * result written together. Line breaks and other control characters inside fields become a space
   * or U+FFFD, so every physical line is exactly one row.
   */
  static final class Csv extends AuditResultWriter {
    Csv(Chunks out, boolean fresh) {
      super(out);
      if (fresh) {
        emit(row(CSV_HEADER));
      }
    }

    @Override
    void write(long line, FederationReport report) {
      String n = Long.toString(line);
      String verdict = report.verdict().name();
      StringBuilder rows = new StringBuilder();
      if (report.findings().isEmpty()) {
        rows.append(row(List.of(n, report.input(), verdict, "", "", "", "")));
      }
      for (Finding f : report.findings()) {
        rows.append(row(List.of(n, report.input(), verdict, f.rule().name(), f.severity().name(),
            f.subject(), f.message())));
      }
      emit(rows.toString());
    }

    static String row(List<String> fields) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < fields.size(); i++) {
        if (i > 0) {
          line.append(',');
        }
        line.append(CsvReportWriter.quote(oneLine(fields.get(i))));
      }
      return line.append("\r\n").toString();
    }

    static String oneLine(String field) {
      StringBuilder b = null;
      for (int i = 0; i < field.length(); i++) {
        char c = field.charAt(i);
        if (Character.isISOControl(c)) {
          if (b == null) {
            b = new StringBuilder(field.substring(0, i));
          }
          b.append(c == '\t' || c == '\r' || c == '\n' ? ' ' : '\uFFFD');
        } else if (b != null) {
          b.append(c);
        }
      }
      return b == null ? field : b.toString();
    }
  }

  /** The fields that follow the results in the json output's object. */
  @FunctionalInterface
  interface Trailer {
    /** Writes each field as {@code ,\n"name": value} through {@code emit}, in chunks as it likes. */
    void write(Consumer<String> emit);

    /** The fields of the object {@code node} gives, computed when the trailer is written. */
    static Trailer of(Supplier<ObjectNode> node) {
      return emit -> node.get().properties().forEach(e ->
          emit.accept(",\n\"" + e.getKey() + "\": " + FederationReportJson.write(e.getValue())));
    }

    /** This trailer's fields, then {@code next}'s ({@code next} may be null). */
    default Trailer andThen(Trailer next) {
      return next == null ? this : emit -> {
        write(emit);
        next.write(emit);
      };
    }
  }

  /** Where the text goes: each {@link #write} is handed on at once (no buffering). */
  interface Chunks {
    void write(String text);

    void flush();

    /** An unbuffered stream: each text is one {@code write} call. */
    static Chunks of(OutputStream out) {
      return new Chunks() {
        @Override
        public void write(String text) {
          try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
          } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results: " + IoMessages.describe(e), e);
          }
        }

        @Override
        public void flush() {
          try {
            out.flush();
          } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results: " + IoMessages.describe(e), e);
          }
        }
      };
    }

    /** A writer (standard output), flushed after each text. */
    static Chunks of(PrintWriter out) {
      return new Chunks() {
        @Override
        public void write(String text) {
          out.print(text);
          out.flush();
          if (out.checkError()) {
            throw new UncheckedIOException(new IOException("cannot write the results"));
          }
        }

        @Override
        public void flush() {
          out.flush();
        }
      };
    }
  }
}
