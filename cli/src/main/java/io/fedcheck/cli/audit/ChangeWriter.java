package io.fedcheck.cli.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import io.fedcheck.api.RuleId;
import io.fedcheck.cli.report.ReportJson;
import io.fedcheck.core.fleet.ChangeKind;
import io.fedcheck.core.fleet.DomainChange;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Streams the changes of an {@link AuditComparison} in one of {@code diff}'s formats; nothing is
 * kept but what the format needs at the end. {@code fedcheck diff} writes them to its output and
 * {@code audit --baseline} its json section and stderr lines, so both print one comparison alike.
 */
abstract class ChangeWriter {
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

  /** A line per changed domain, then the counts. */
  static final class Text extends ChangeWriter {
    Text(Writer out) {
      super(out);
    }

    @Override
    void change(DomainChange c) throws IOException {
      out.write(line(c) + System.lineSeparator());
    }

    /** Such as {@code breaks.lab  PASS -> FAIL  NEWLY_FAILING+VERDICT_CHANGED  +CERT_NAME_MISMATCH}. */
    static String line(DomainChange c) {
      String more = (rules(c) + " " + certificates(c)).strip();
      return String.format(Locale.ROOT, "%-32s %-7s -> %-7s  %s%s", c.asciiDomain(),
          verdict(c.oldVerdict()), verdict(c.newVerdict()), kinds(c), more.isEmpty() ? "" : "  " + more);
    }

    @Override
    void finish(Map<ChangeKind, Long> counts, long domains) throws IOException {
      out.write(counts(counts, domains) + System.lineSeparator());
    }

    /** Such as {@code 7 domains compared: 1 added, 1 removed, 1 newly failing, ...}. */
    static String counts(Map<ChangeKind, Long> counts, long domains) {
      StringBuilder b = new StringBuilder();
      for (ChangeKind k : ChangeKind.values()) {
        b.append(b.length() == 0 ? "" : ", ").append(counts.getOrDefault(k, 0L)).append(' ')
            .append(k.name().toLowerCase(Locale.ROOT).replace('_', ' '));
      }
      return domains + " domains compared: " + b;
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
