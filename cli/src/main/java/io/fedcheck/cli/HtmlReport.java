package io.fedcheck.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import io.fedcheck.api.Verdict;
import io.fedcheck.core.fleet.ChangeKind;
import io.fedcheck.core.fleet.DomainChange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --html-report} page: one self-contained HTML file (inline CSS, JS and SVG; no external
 * asset) with the summary, bar charts of the verdicts and of the most frequent findings, and a
 * sortable, filterable table of the domains.
 *
 * <p>Rows are collected as results stream by, in their compact {@link AuditRow} form, up to a cap
 * ({@link #DEFAULT_MAX_ROWS} by default); the counts cover every result, and the page says when the
 * table was capped. Everything that came from the input or from DNS is HTML-escaped in the markup
 * and, in the embedded JSON, has {@code <}, {@code >} and {@code &} written as {@code \\uXXXX}
 * escapes, so it cannot close the script element; the page's script inserts it as text only.
 * Not thread-safe.
 */
final class HtmlReport {
  static final int DEFAULT_MAX_ROWS = 100_000;
  private static final Escaper HTML = HtmlEscapers.htmlEscaper();
  private static final String RESOURCES = "html/";

  private final int maxRows;
  private final List<AuditRow> rows = new ArrayList<>();
  private long dropped;
  private List<io.fedcheck.core.fleet.Edge> edges;
  private AuditBaseline.Result baseline;

  HtmlReport(int maxRows) {
    this.maxRows = maxRows;
  }

  /** Keeps a row for the table (or counts it as left out once the cap is reached). */
  void add(AuditRow row) {
    if (rows.size() < maxRows) {
      rows.add(row);
    } else {
      dropped++;
    }
  }

  /** Puts an Edges section (of {@code audit --by-edge}) first on the page. */
  void edges(List<io.fedcheck.core.fleet.Edge> value) {
    this.edges = List.copyOf(value);
  }

  /** Adds a Change since baseline section (of {@code audit --baseline}). */
  void baseline(AuditBaseline.Result value) {
    this.baseline = value;
  }

  /** Writes the page to {@code file} (replaced). */
  void write(Path file, AuditSummary summary, Duration elapsed, Instant finishedAt) {
    String page = render(summary, elapsed, finishedAt);
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(page);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the HTML report " + file + ": " + IoMessages.describe(e), e);
    }
  }

  String render(AuditSummary summary, Duration elapsed, Instant finishedAt) {
    String page = resource("report.html");
    // Substitute the data last: it is the only part that can hold arbitrary text.
    return page
        .replace("/*STYLE*/", resource("report.css"))
        .replace("/*META*/", HTML.escape("Generated " + finishedAt + " by fedcheck " + VersionInfo.version()))
        .replace("/*SUMMARY*/", summaryHtml(summary, elapsed))
        .replace("/*VERDICT_CHART*/", verdictChart(summary))
        .replace("/*FINDING_CHART*/", findingChart(summary))
        .replace("/*NOTICE*/", notice())
        .replace("/*EDGES*/", edgesHtml())
        .replace("/*BASELINE*/", baselineHtml())
        .replace("/*SCRIPT*/", resource("report.js"))
        .replace("/*DATA*/", data());
  }

  private String summaryHtml(AuditSummary s, Duration elapsed) {
    StringBuilder b = new StringBuilder("<dl>\n");
    item(b, "results", "summary-total", s.total());
    for (Verdict v : Verdict.values()) {
      item(b, v.name(), "summary-" + v.name().toLowerCase(Locale.ROOT), s.count(v));
    }
    if (s.resumed() > 0) {
      item(b, "from the resumed output", "summary-resumed", s.resumed());
    }
    item(b, "checked in this run", "summary-checked", s.checked());
    double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-9);
    b.append("<dt>elapsed</dt><dd id=\"summary-elapsed\">").append(HTML.escape(ProgressDisplay.clock(elapsed)))
        .append(String.format(Locale.ROOT, " (%.1f domains/s)", s.checked() / seconds)).append("</dd>\n");
    return b.append("</dl>").toString();
  }

  private static void item(StringBuilder b, String label, String id, long value) {
    b.append("<dt>").append(HTML.escape(label)).append("</dt><dd id=\"").append(id).append("\">")
        .append(value).append("</dd>\n");
  }

  private String verdictChart(AuditSummary s) {
    List<Bar> bars = new ArrayList<>();
    for (Verdict v : Verdict.values()) {
      bars.add(new Bar(v.name(), s.count(v), "bar-" + v.name()));
    }
    return svg("verdict-chart", bars);
  }

  private String findingChart(AuditSummary s) {
    List<Map.Entry<String, Long>> top = s.topFindings(10);
    if (top.isEmpty()) {
      return "<p>No findings.</p>";
    }
    List<Bar> bars = new ArrayList<>();
    top.forEach(e -> bars.add(new Bar(e.getKey(), e.getValue(), "bar-rule")));
    return svg("finding-chart", bars);
  }

  private record Bar(String label, long value, String cssClass) {}

  /** Horizontal bars: label, bar scaled to the largest value, count. */
  private static String svg(String id, List<Bar> bars) {
    int labelWidth = 230;
    int barWidth = 300;
    int rowHeight = 22;
    long max = Math.max(1, bars.stream().mapToLong(Bar::value).max().orElse(1));
    int height = bars.size() * rowHeight + 4;
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT,
        "<svg id=\"%s\" width=\"%d\" height=\"%d\" role=\"img\">%n",
        id, labelWidth + barWidth + 80, height));
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      int y = i * rowHeight + 2;
      long w = bar.value() == 0 ? 0 : Math.max(1, bar.value() * barWidth / max);
      String label = HTML.escape(bar.label());
      b.append(String.format(Locale.ROOT,
          "<g><title>%s: %d</title><text x=\"0\" y=\"%d\">%s</text>"
              + "<rect class=\"%s\" data-label=\"%s\" data-value=\"%d\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"></rect>"
              + "<text x=\"%d\" y=\"%d\" class=\"bar-count\">%d</text></g>%n",
          label, bar.value(), y + 15, label, bar.cssClass(), label, bar.value(), labelWidth, y + 2, w, rowHeight - 6,
          labelWidth + w + 6, y + 15, bar.value()));
    }
    return b.append("</svg>").toString();
  }

  /**
   * A static table of the edges: endpoint, certificate, tenant count, verdict mix and top action.
   * The text is HTML-escaped and has {@code *} escaped too, so that it cannot hold a placeholder.
   */
  private String edgesHtml() {
    if (edges == null) {
      return "";
    }
    StringBuilder b = new StringBuilder("<section id=\"edges\">\n<h2>Edges</h2>\n");
    if (edges.isEmpty()) {
      return b.append("<p>No edges: no result reached an SRV target.</p>\n</section>").toString();
    }
    b.append("<table id=\"edge-table\">\n<thead><tr><th>Edge</th><th>Certificate</th><th>Tenants</th>"
        + "<th>Verdicts</th><th>Top action</th></tr></thead>\n<tbody>\n");
    for (io.fedcheck.core.fleet.Edge e : edges) {
      String cert = e.leafSha256().isEmpty() ? "none" : e.leafSha256().substring(0, 16) + "\u2026";
      String action = e.actions().isEmpty() ? "none"
          : e.actions().get(0).rule().name() + ": " + e.actions().get(0).remediation();
      b.append("<tr class=\"edge\"><td>").append(text(e.endpoint())).append("</td><td title=\"")
          .append(text(e.leafSha256())).append("\">").append(text(cert)).append("</td><td class=\"num\">")
          .append(e.tenants().size()).append("</td><td>").append(text(AuditFleet.verdictMix(e)))
          .append("</td><td>").append(text(action)).append("</td></tr>\n");
    }
    return b.append("</tbody>\n</table>\n</section>").toString();
  }

  private static String text(String s) {
    return HTML.escape(s).replace("*", "&#42;");
  }

  /**
   * The comparison with the baseline: the counts per kind as bars, then a table of the changes
   * kept (newly failing first), saying when more changed than the table holds.
   */
  private String baselineHtml() {
    if (baseline == null) {
      return "";
    }
    AuditComparison.Totals t = baseline.totals();
    StringBuilder b = new StringBuilder("<section id=\"baseline\">\n<h2>Change since baseline</h2>\n");
    b.append("<p class=\"meta\">Compared with <code>").append(text(baseline.file().toString()))
        .append("</code>: <span id=\"baseline-compared\">").append(t.compared())
        .append("</span> domains, <span id=\"baseline-changed\">").append(baseline.changed())
        .append("</span> changed.</p>\n");
    List<Bar> bars = new ArrayList<>();
    for (ChangeKind k : ChangeKind.values()) {
      bars.add(new Bar(k.name(), t.count(k), k == ChangeKind.NEWLY_FAILING ? "bar-FAIL"
          : k == ChangeKind.FIXED ? "bar-PASS" : "bar-rule"));
    }
    b.append("<div class=\"chart\">").append(svg("change-chart", bars)).append("</div>\n");
    if (baseline.shown().isEmpty()) {
      return b.append("<p>Nothing changed.</p>\n</section>").toString();
    }
    b.append("<table id=\"change-table\">\n<thead><tr><th>Domain</th><th>Was</th><th>Now</th>"
        + "<th>What changed</th><th>Rules and certificates</th></tr></thead>\n<tbody>\n");
    for (DomainChange c : baseline.shown()) {
      String more = (ChangeWriter.rules(c) + " " + ChangeWriter.certificates(c)).strip();
      b.append("<tr class=\"change\"><td>").append(text(c.asciiDomain())).append("</td>")
          .append(verdictCell(c.oldVerdict())).append(verdictCell(c.newVerdict())).append("<td>")
          .append(text(ChangeWriter.kinds(c).replace("+", " "))).append("</td><td>").append(text(more))
          .append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n");
    if (baseline.changed() > baseline.shown().size()) {
      b.append(String.format(Locale.ROOT, "<p class=\"notice\" id=\"baseline-capped\">The table holds"
          + " %d of the %d changed domains (newly failing first); fedcheck diff lists them all.</p>%n",
          baseline.shown().size(), baseline.changed()));
    }
    return b.append("</section>").toString();
  }

  /** A verdict cell coloured by its verdict; "-" for a domain absent from that audit. */
  private static String verdictCell(Verdict v) {
    return v == null ? "<td>-</td>" : "<td class=\"v-" + v.name() + "\">" + v.name() + "</td>";
  }

  private String notice() {
    if (dropped == 0) {
      return "";
    }
    return String.format(Locale.ROOT,
        "<p class=\"notice\" id=\"capped\">The table holds the first %d results only; %d more are"
            + " counted above but not listed. The full results are in the audit's output file.</p>",
        rows.size(), dropped);
  }

  /** The rows as a JSON array that is safe inside a script element. */
  private String data() {
    ArrayNode array = ReportJson.MAPPER.createArrayNode();
    for (AuditRow r : rows) {
      ArrayNode a = array.addArray();
      a.add(r.line());
      a.add(r.domain());
      a.add(r.verdict().name());
      a.add(String.join(" ", r.rules()));
    }
    try {
      return scriptSafe(ReportJson.MAPPER.writeValueAsString(array));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * JSON with {@code <}, {@code >}, {@code &} and the JavaScript line separators escaped: in JSON
   * text these can only occur inside strings, where the escape means the same character.
   */
  static String scriptSafe(String json) {
    StringBuilder b = new StringBuilder(json.length() + 16);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<' -> b.append("\\u003c");
        case '>' -> b.append("\\u003e");
        case '&' -> b.append("\\u0026");
        case '\u2028' -> b.append("\\u2028");
        case '\u2029' -> b.append("\\u2029");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCES + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
