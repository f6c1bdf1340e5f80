package io.fedcheck.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Verdict;
import io.fedcheck.cli.options.IoMessages;
import io.fedcheck.cli.options.UsageException;
import io.fedcheck.cli.report.ReportJson;
import io.fedcheck.core.fleet.CertificateFingerprint;
import io.fedcheck.core.fleet.DomainSnapshot;
import io.fedcheck.core.fleet.EdgeCertificate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeSet;

/**
 * Reads an {@code audit} output (jsonl or csv) as {@link DomainSnapshot}s, one per result, and
 * writes a snapshot as one sortable text line and back, for {@code fedcheck diff}'s sort on disk.
 *
 * <p>jsonl gives verdicts, rules and the leaf certificate of each target; csv (one row per finding)
 * gives verdicts and rules only. The files are the user's input: a line over {@link #MAX_LINE_CHARS}
 * or one that is not an audit result ends the read with a {@link UsageException} naming the file
 * and line.
 */
final class AuditSnapshots {
  /** The longest line read: a result with thousands of findings is far below this. */
  static final int MAX_LINE_CHARS = 8 << 20;

  private AuditSnapshots() {}

  /** The snapshots of {@code file}, in file order; jsonl or csv by the first line. */
  static Iterator<DomainSnapshot> read(Path file) throws IOException {
    InputStream raw = Files.newInputStream(file);
    BufferedReader in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8), 1 << 16);
    Lines lines = new Lines(file, in);
    String first = lines.peek();
    if (first != null && first.strip().equals(String.join(",", AuditResultWriter.CSV_HEADER))) {
      lines.next();
      return new CsvSnapshots(lines);
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return lines.peek() != null;
      }

      @Override
      public DomainSnapshot next() {
        String text = lines.next();
        try {
          return fromJson(ReportJson.MAPPER.readTree(text));
        } catch (IOException | RuntimeException e) {
          throw lines.notAResult("not an audit result (jsonl): " + describe(e));
        }
      }
    };
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }

  /** The leaf entries ({@code chainIndex} 0) of a result line's {@code certificates}. */
  static List<JsonNode> leaves(JsonNode result) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode c : result.path("certificates")) {
      if (c.path("chainIndex").asInt(-1) == 0) {
        out.add(c);
      }
    }
    return out;
  }

  static DomainSnapshot fromJson(JsonNode n) {
    String domain = n.path("asciiDomain").isTextual() ? n.path("asciiDomain").asText() : n.path("domain").asText(null);
    if (domain == null || domain.isEmpty()) {
      throw new IllegalArgumentException("no domain");
    }
    Verdict verdict = Verdict.valueOf(n.path("verdict").asText());
    TreeSet<RuleId> rules = new TreeSet<>();
    for (JsonNode f : n.path("findings")) {
      String severity = f.path("severity").asText();
      if (severity.equals("ERROR") || severity.equals("WARNING")) {
        rules.add(RuleId.valueOf(f.path("rule").asText()));
      }
    }
    Map<String, EdgeCertificate> leaves = new LinkedHashMap<>();
    for (JsonNode c : leaves(n)) {
      if (!CertificateFingerprint.isFingerprint(c.path("sha256").asText())) {
        continue;
      }
      List<String> names = new ArrayList<>();
      c.path("sans").forEach(x -> names.add(x.asText()));
      EdgeCertificate leaf = new EdgeCertificate(c.path("target").asText(), c.path("port").asInt(),
          c.path("sha256").asText(), names, Instant.parse(c.path("notAfter").asText()));
      leaves.putIfAbsent(leaf.endpoint(), leaf);
    }
    return new DomainSnapshot(domain.toLowerCase(Locale.ROOT), verdict, rules, List.copyOf(leaves.values()));
  }

  /** csv: consecutive rows of one result ({@code line} column) make one snapshot. */
  private static final class CsvSnapshots implements Iterator<DomainSnapshot> {
    private final Lines lines;
    private List<String> pending;

    CsvSnapshots(Lines lines) {
      this.lines = lines;
    }

    @Override
    public boolean hasNext() {
      return pending != null || lines.peek() != null;
    }

    @Override
    public DomainSnapshot next() {
      List<String> row = pending != null ? pending : row(lines.next());
      pending = null;
      String line = row.get(0);
      String domain = row.get(1).strip().toLowerCase(Locale.ROOT);
      Verdict verdict = verdict(row.get(2));
      TreeSet<RuleId> rules = new TreeSet<>();
      while (true) {
        addRule(rules, row);
        if (lines.peek() == null) {
          break;
        }
        List<String> next = row(lines.next());
        if (!next.get(0).equals(line)) {
          pending = next;
          break;
        }
        row = next;
      }
      return new DomainSnapshot(domain, verdict, rules, List.of());
    }

    private void addRule(TreeSet<RuleId> rules, List<String> row) {
      if (row.get(3).isEmpty() || !(row.get(4).equals("ERROR") || row.get(4).equals("WARNING"))) {
        return;
      }
      try {
        rules.add(RuleId.valueOf(row.get(3)));
      } catch (IllegalArgumentException e) {
        throw lines.notAResult("unknown rule " + row.get(3));
      }
    }

    private Verdict verdict(String text) {
      try {
        return Verdict.valueOf(text);
      } catch (IllegalArgumentException e) {
        throw lines.notAResult("unknown verdict " + text);
      }
    }

    private List<String> row(String text) {
      List<String> fields = AuditResume.fields(AuditResume.stripCr(text));
      if (fields == null) {
        throw lines.notAResult("not an audit csv row (broken quoting)");
      }
      if (fields.size() != AuditResultWriter.CSV_HEADER.size()) {
        throw lines.notAResult("not an audit csv row (" + fields.size() + " fields, not "
            + AuditResultWriter.CSV_HEADER.size() + ")");
      }
      return fields;
    }
  }

  // --- one snapshot as one sortable line: domain TAB sequence TAB verdict TAB rules TAB certificates

  /** The line {@link #decode} reads back; lines sort by domain, then by {@code sequence}. */
  static String encode(DomainSnapshot s, long sequence) {
    StringBuilder b = new StringBuilder(96);
    escape(b, s.asciiDomain());
    b.append('\t').append(String.format(Locale.ROOT, "%019d", sequence)).append('\t').append(s.verdict().name()).append('\t');
    boolean firstRule = true;
    for (RuleId r : s.rules()) {
      b.append(firstRule ? "" : ",").append(r.name());
      firstRule = false;
    }
    b.append('\t');
    boolean firstCert = true;
    for (EdgeCertificate c : s.certificates()) {
      b.append(firstCert ? "" : ",");
      firstCert = false;
      escape(b, c.fqdn());
      b.append('|').append(c.port()).append('|').append(c.leafSha256()).append('|');
      for (int i = 0; i < c.sanNames().size(); i++) {
        b.append(i == 0 ? "" : ";");
        escape(b, c.sanNames().get(i));
      }
      b.append('|').append(c.notAfter().getEpochSecond());
    }
    return b.toString();
  }

  /** The domain part of an encoded line (still escaped: compare it as it is). */
  static String domainOf(String line) {
    return line.substring(0, line.indexOf('\t'));
  }

  static DomainSnapshot decode(String line) {
    String[] f = line.split("\t", -1);
    TreeSet<RuleId> rules = new TreeSet<>();
    if (!f[3].isEmpty()) {
      for (String r : f[3].split(",")) {
        rules.add(RuleId.valueOf(r));
      }
    }
    List<EdgeCertificate> certs = new ArrayList<>();
    if (!f[4].isEmpty()) {
      for (String c : f[4].split(",")) {
        String[] p = c.split("\\|", -1);
        List<String> names = new ArrayList<>();
        if (!p[3].isEmpty()) {
          for (String n : p[3].split(";")) {
            names.add(unescape(n));
          }
        }
        certs.add(new EdgeCertificate(unescape(p[0]), Integer.parseInt(p[1]), p[2], names,
            Instant.ofEpochSecond(Long.parseLong(p[4]))));
      }
    }
    return new DomainSnapshot(unescape(f[0]), Verdict.valueOf(f[2]), rules, certs);
  }

  /** Control characters and the separators become %XX, so a hostile name cannot split a line. */
  private static void escape(StringBuilder b, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '%' || c == '|' || c == ',' || c == ';' || c == 0x7f) {
        b.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
      } else {
        b.append(c);
      }
    }
  }

  private static String unescape(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length()) {
        b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Physical lines with a length bound and their numbers, for error messages. */
  static final class Lines {
    private final Path file;
    private final BufferedReader in;
    private long number;
    private String peeked;
    private boolean peekedValid;

    Lines(Path file, BufferedReader in) {
      this.file = file;
      this.in = in;
    }

    String peek() {
      if (!peekedValid) {
        peeked = read();
        peekedValid = true;
      }
      return peeked;
    }

    String next() {
      String s = peek();
      if (s == null) {
        throw new NoSuchElementException();
      }
      peekedValid = false;
      number++;
      return s;
    }

    UsageException notAResult(String why) {
      return new UsageException("line " + number + " of " + file + ": " + why);
    }

    private final char[] buf = new char[1 << 16];
    private int pos;
    private int end;

    private boolean eof;

    private String read() {
      if (eof) {
        return null;
      }
      try {
        StringBuilder b = null;
        while (true) {
          if (pos == end) {
            end = in.read(buf, 0, buf.length);
            pos = 0;
            if (end <= 0) {
              end = 0;
              eof = true;
              in.close();
              return b == null || b.length() == 0 ? null : b.toString();
            }
          }
          int nl = pos;
          while (nl < end && buf[nl] != '\n') {
            nl++;
          }
          if (b == null && nl < end) {
            String line = new String(buf, pos, nl - pos);
            pos = nl + 1;
            return line;
          }
          if (b == null) {
            b = new StringBuilder(256);
          }
          b.append(buf, pos, nl - pos);
          if (b.length() > MAX_LINE_CHARS) {
            throw new UsageException("line " + (number + 1) + " of " + file + " is longer than "
                + MAX_LINE_CHARS + " characters: not an audit result");
          }
          pos = nl < end ? nl + 1 : nl;
          if (nl < end) {
            return b.toString();
          }
        }
      } catch (IOException e) {
        throw new UsageException("cannot read " + file + ": " + IoMessages.describe(e));
      }
    }
  }
}
