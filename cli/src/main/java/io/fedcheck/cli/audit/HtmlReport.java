package io.fedcheck.cli.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Severity;
import io.fedcheck.api.Verdict;
import io.fedcheck.cli.options.IoMessages;
import io.fedcheck.cli.options.ProgressDisplay;
import io.fedcheck.cli.options.VersionInfo;
import io.fedcheck.cli.report.ReportJson;
import io.fedcheck.core.fleet.ChangeKind;
import io.fedcheck.core.fleet.DomainChange;
import io.fedcheck.core.fleet.Edge;
import io.fedcheck.core.fleet.EdgeAction;
import io.fedcheck.core.fleet.ExpiringCertificate;
import io.fedcheck.core.fleet.ExpiryBand;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --html-report} page: one self-contained HTML file (inline CSS, JS and SVG; no external
 * asset). In order: the Edges table, the change since the baseline (with
 * {@code --baseline}), the summary, the verdicts and the findings charted per severity (ERROR,
 * WARNING, then INFO apart, so a fact never ranks above a problem), the expiry timeline of the
 * certificates seen, and a virtualised, sortable, filterable table of the domains with a drill-down
 * behind each row.
 *
 * <p>Rows are collected as results stream by, up to a cap ({@link #DEFAULT_MAX_ROWS} by default);
 * the counts cover every result, and the page says when the table was capped. A row's drill-down
 * texts go into one string table with the row's own domain written as {@code U+0001}, so the
 * messages of tenants behind one edge ("... (SRV target of t1.lab) ...") are stored once; the
 * table stops taking new texts after {@link #MAX_DETAIL_CHARS}, and the page says so.
 *
 * <p>Everything that came from the input or from DNS is HTML-escaped in the markup and, in the
 * embedded JSON, has {@code <}, {@code >} and {@code &} written as {@code \\uXXXX} escapes, so it
 * cannot close the script element; the page's script inserts it as text only. Not thread-safe.
 */
final class HtmlReport {
  static final int DEFAULT_MAX_ROWS = 100_000;
  /** The string table's budget: beyond it rows keep no drill-down (about 2 bytes a character). */
  static final long MAX_DETAIL_CHARS = 48L << 20;
  /** Certificates listed under the expiry timeline (the chart counts all of them). */
  static final int EXPIRY_ROWS = 50;
  /** Edges in the page's table: the most failing first; a fleet with its own edge per tenant has many. */
  static final int EDGE_ROWS = 200;
  /** Tenants named under an edge in the page; the JSON outputs list them all. */
  static final int EDGE_TENANTS = 50;
  /** Bars per severity chart. */
  static final int TOP_RULES = 10;
  /** Stands for the row's own domain in a drill-down text. */
  static final char DOMAIN_TOKEN = '\u0001';
  private static final Escaper HTML = HtmlEscapers.htmlEscaper();
  private static final String RESOURCES = "html/";
  private static final Pattern PLACEHOLDER = Pattern.compile("/\\*([A-Z_]+)\\*/");

  private final int maxRows;
  private final List<AuditRow> rows = new ArrayList<>();
  private final List<int[]> details = new ArrayList<>();
  private final Map<String, Integer> stringIndex = new HashMap<>();
  private final List<String> strings = new ArrayList<>();
  private long stringChars;
  private long withoutDetail;
  private long dropped;
  private final ExpiryTally expiry;
  private List<Edge> edges;
  private int edgesKept;
  private long edgesLeft;
  private AuditBaseline.Result baseline;

  /** A report whose expiry timeline judges the certificates at {@code now}. */
  HtmlReport(int maxRows, Instant now) {
    this.maxRows = maxRows;
    this.expiry = new ExpiryTally(now);
  }

  HtmlReport(int maxRows) {
    this(maxRows, Instant.now());
  }

  /** Keeps a row for the table (or counts it as left out once the cap is reached). */
  void add(AuditRow row) {
    if (rows.size() >= maxRows) {
      dropped++;
      return;
    }
    rows.add(row.withoutDetail());
    details.add(detail(row));
  }

  /** Adds the leaf certificates of a report of this run to the expiry timeline. */
  void certificates(FederationReport report) {
    expiry.add(report);
  }

  /**
   * Puts the Edges section first on the page.
   *
   * @param value the edges of the results kept
   * @param kept how many results the edges were grouped from
   * @param left how many results came after the fleet's cap and are in no edge
   */
  void edges(List<Edge> value, int kept, long left) {
    this.edges = List.copyOf(value);
    this.edgesKept = kept;
    this.edgesLeft = left;
  }

  /** Adds a Change since baseline section (of {@code audit --baseline}). */
  void baseline(AuditBaseline.Result value) {
    this.baseline = value;
  }

  /**
   * The row's drill-down as pairs of (kind ordinal, string index); null when the row has none or
   * the string table is full.
   */
  private int[] detail(AuditRow row) {
    if (row.detail().isEmpty()) {
      return null;
    }
    // A real domain name (at most 253 characters) was never cut, so the page can put it back.
    String domain = row.domain().length() >= 4 && row.domain().length() <= 253 ? row.domain() : null;
    int[] out = new int[row.detail().size() * 2];
    for (int i = 0; i < row.detail().size(); i++) {
      AuditRow.DetailLine l = row.detail().get(i);
      String text = l.text().replace(DOMAIN_TOKEN, '\uFFFD');
      if (domain != null) {
        text = text.replace(domain, String.valueOf(DOMAIN_TOKEN));
      }
      Integer index = stringIndex.get(text);
      if (index == null) {
        if (stringChars + text.length() > MAX_DETAIL_CHARS) {
          withoutDetail++;
          return null;
        }
        index = strings.size();
        strings.add(text);
        stringIndex.put(text, index);
        stringChars += text.length();
      }
      out[2 * i] = l.kind().ordinal();
      out[2 * i + 1] = index;
    }
    return out;
  }

  /** Writes the page to {@code file} (replaced). */
  void write(Path file, AuditSummary summary, Duration elapsed, Instant finishedAt) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      render(w, summary, elapsed, finishedAt);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the HTML report " + file + ": " + IoMessages.describe(e), e);
    }
  }

  String render(AuditSummary summary, Duration elapsed, Instant finishedAt) {
    StringWriter w = new StringWriter();
    try {
      render(w, summary, elapsed, finishedAt);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /**
   * Streams the page: the template's text with each placeholder replaced in one pass, so no text
   * inserted (which may come from the input) is ever searched for placeholders, and the data of
   * 100,000 rows is never one string.
   */
  void render(Writer w, AuditSummary summary, Duration elapsed, Instant finishedAt) throws IOException {
    String page = resource("report.html");
    Matcher m = PLACEHOLDER.matcher(page);
    int at = 0;
    while (m.find()) {
      w.write(page, at, m.start() - at);
      at = m.end();
      switch (m.group(1)) {
        case "STYLE" -> w.write(resource("report.css"));
        case "META" -> w.write(HTML.escape("Generated " + finishedAt + " by fedcheck " + VersionInfo.version()));
        case "EDGES" -> w.write(edgesHtml());
        case "BASELINE" -> w.write(baselineHtml());
        case "SUMMARY" -> w.write(summaryHtml(summary, elapsed));
        case "VERDICT_CHART" -> w.write(verdictChart(summary));
        case "SEVERITY_CHARTS" -> w.write(severityCharts(summary));
        case "EXPIRY" -> w.write(expiryHtml());
        case "NOTICE" -> w.write(notice());
        case "SCRIPT" -> w.write(resource("report.js"));
        case "STRINGS" -> stringsJson(w);
        case "DATA" -> data(w);
        default -> throw new IllegalStateException("unknown placeholder " + m.group());
      }
    }
    w.write(page, at, page.length() - at);
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
      bars.add(new Bar(v.name(), s.count(v), "bar-" + v.name(), null));
    }
    return svg("verdict-chart", bars);
  }

  /**
   * One chart per severity, ERROR first and INFO last and apart: the domains each rule was found
   * in, under the most severe finding of that rule each domain has.
   */
  private String severityCharts(AuditSummary s) {
    StringBuilder b = new StringBuilder();
    for (Severity severity : Severity.values()) {
      String name = severity.name().toLowerCase(Locale.ROOT);
      String title = switch (severity) {
        case ERROR -> "Errors: domains per rule";
        case WARNING -> "Warnings: domains per rule";
        case INFO -> "Facts (INFO, not problems): domains per rule";
      };
      b.append("<div class=\"chart severity-").append(name).append("\" data-severity=\"")
          .append(severity.name()).append("\"><h3>").append(title).append("</h3>\n");
      List<Map.Entry<String, Long>> top = s.topBySeverity(severity, TOP_RULES);
      if (top.isEmpty()) {
        b.append("<p class=\"none\">None.</p>");
      } else {
        List<Bar> bars = new ArrayList<>();
        top.forEach(e -> bars.add(new Bar(e.getKey(), e.getValue(), "bar-" + severity.name(), severity)));
        b.append(svg("severity-" + name + "-chart", bars));
      }
      b.append("</div>\n");
    }
    return b.toString();
  }

  private record Bar(String label, long value, String cssClass, Severity severity) {}

  /** Horizontal bars: label, bar scaled to the largest value, count; each value in data-value. */
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
      String label = text(bar.label());
      String severity = bar.severity() == null ? "" : " data-severity=\"" + bar.severity().name() + "\"";
      b.append(String.format(Locale.ROOT,
          "<g><title>%s: %d</title><text x=\"0\" y=\"%d\">%s</text>"
              + "<rect class=\"%s\" data-label=\"%s\"%s data-value=\"%d\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"></rect>"
              + "<text x=\"%d\" y=\"%d\" class=\"bar-count\">%d</text></g>%n",
          label, bar.value(), y + 15, label, bar.cssClass(), label, severity, bar.value(), labelWidth, y + 2, w,
          rowHeight - 6, labelWidth + w + 6, y + 15, bar.value()));
    }
    return b.append("</svg>").toString();
  }

  /**
   * A static table of the edges: endpoint, certificate, tenant count, verdict mix and top action,
   * saying when results were left out; after {@code --resume}, a line saying why there is none.
   */
  private String edgesHtml() {
    StringBuilder b = new StringBuilder("<section id=\"edges\">\n<h2>Edges</h2>\n");
    if (edges == null) {
      return b.append("<p class=\"none\">No edges: a resumed audit has not the reports of the earlier run."
          + " Run the whole audit again without --resume to see them.</p>\n</section>").toString();
    }
    if (edges.isEmpty()) {
      return b.append("<p>No edges: no result reached an SRV target.</p>\n</section>").toString();
    }
    if (edgesLeft > 0) {
      b.append(String.format(Locale.ROOT, "<p class=\"notice\" id=\"edges-capped\">The edges group"
          + " %d results; %d more are in no edge here. Run the audit with --by-edge to group every"
          + " result.</p>%n", edgesKept, edgesLeft));
    }
    b.append("<table id=\"edge-table\">\n<thead><tr><th>Edge</th><th>Certificate</th><th>Tenants</th>"
        + "<th>Verdicts</th><th>Top action</th></tr></thead>\n<tbody>\n");
    for (Edge e : edges.subList(0, Math.min(EDGE_ROWS, edges.size()))) {
      String cert = e.leafSha256().isEmpty() ? "none" : e.leafSha256().substring(0, 16) + "\u2026";
      String action = e.actions().isEmpty() ? "none"
          : e.actions().get(0).rule().name() + ": " + e.actions().get(0).remediation();
      b.append("<tr class=\"edge\"><td>").append(text(e.endpoint())).append("</td><td title=\"")
          .append(text(e.leafSha256())).append("\">").append(text(cert)).append("</td><td class=\"num\">")
          .append(e.tenants().size()).append("</td><td>").append(text(AuditFleet.verdictMix(e)))
          .append("</td><td>").append(text(action)).append("</td></tr>\n");
      edgeDetail(b, e);
    }
    b.append("</tbody>\n</table>\n");
    if (edges.size() > EDGE_ROWS) {
      b.append(String.format(Locale.ROOT, "<p class=\"notice\" id=\"edges-more\">The %d edges with the most"
          + " failing tenants are shown; %d more serve fewer. --edges-output FILE writes them all.</p>%n",
          EDGE_ROWS, edges.size() - EDGE_ROWS));
    }
    return b.append("</section>").toString();
  }

  /**
   * The row under an edge: its tenants (the first {@link #EDGE_TENANTS}) and every action, each
   * with the tenants it concerns, behind a disclosure so the table stays one line per edge.
   */
  private void edgeDetail(StringBuilder b, Edge e) {
    b.append("<tr class=\"edge-detail\"><td colspan=\"5\"><details><summary>")
        .append(counted(e.tenants().size(), "tenant")).append(", ").append(counted(e.actions().size(), "action"))
        .append("</summary>\n<p class=\"edge-tenants\">");
    List<String> shown = e.tenants().subList(0, Math.min(EDGE_TENANTS, e.tenants().size()));
    b.append(text(String.join(", ", shown)));
    if (e.tenants().size() > shown.size()) {
      b.append(text(String.format(Locale.ROOT, " and %d more (--edges-output lists all)",
          e.tenants().size() - shown.size())));
    }
    b.append("</p>\n");
    if (!e.actions().isEmpty()) {
      b.append("<ol class=\"edge-actions\">\n");
      for (EdgeAction a : e.actions()) {
        b.append("<li><b>").append(text(a.rule().name())).append("</b> (")
            .append(counted(a.tenants().size(), "tenant")).append(", ").append(a.failingTenants()).append(" failing): ").append(text(a.remediation())).append("</li>\n");
      }
      b.append("</ol>\n");
    }
    b.append("</details></td></tr>\n");
  }

  /** {@code n} and the noun, plural unless one. */
  private static String counted(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
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
          : k == ChangeKind.FIXED ? "bar-PASS" : "bar-rule", null));
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

  /**
   * The expiry timeline: distinct leaf certificates of this run per band, soonest first (bars with
   * the certificate count in data-value and the tenants served in data-tenants), then the soonest
   * certificates with their endpoints and tenants.
   */
  private String expiryHtml() {
    StringBuilder b = new StringBuilder("<section id=\"expiry\">\n<h2>Certificates by days left</h2>\n");
    List<ExpiringCertificate> certs = expiry.certificates();
    if (certs.isEmpty()) {
      return b.append("<p class=\"none\">No certificate was presented in this run.</p>\n</section>").toString();
    }
    Map<ExpiryBand, Long> counts = expiry.countsByBand();
    Map<ExpiryBand, Long> tenants = expiry.tenantsByBand();
    long max = Math.max(1, counts.values().stream().mapToLong(Long::longValue).max().orElse(1));
    int barWidth = 110;
    int height = 140;
    int plot = 100;
    b.append(String.format(Locale.ROOT, "<svg id=\"expiry-chart\" width=\"%d\" height=\"%d\" role=\"img\">%n",
        barWidth * ExpiryBand.values().length + 10, height + 20));
    int i = 0;
    for (ExpiryBand band : ExpiryBand.values()) {
      long n = counts.get(band);
      long h = n == 0 ? 0 : Math.max(2, n * plot / max);
      int x = i * barWidth + 5;
      String label = AuditFleet.bandLabel(band);
      b.append(String.format(Locale.ROOT,
          "<g><title>%s: %d certificates, %d tenants</title>"
              + "<rect class=\"band-%s\" data-band=\"%s\" data-value=\"%d\" data-tenants=\"%d\" x=\"%d\" y=\"%d\""
              + " width=\"%d\" height=\"%d\"></rect>"
              + "<text x=\"%d\" y=\"%d\" class=\"bar-count\">%d</text>"
              + "<text x=\"%d\" y=\"%d\">%s</text></g>%n",
          HTML.escape(label), n, tenants.get(band), band.name(), band.name(), n, tenants.get(band), x,
          height - h, barWidth - 20, h, x, height - h - 4, n, x, height + 14, HTML.escape(label)));
      i++;
    }
    b.append("</svg>\n<table id=\"expiry-table\">\n<thead><tr><th>Days left</th><th>Band</th><th>Not after</th>"
        + "<th>Endpoints</th><th>Tenants</th></tr></thead>\n<tbody>\n");
    for (ExpiringCertificate c : certs.subList(0, Math.min(EXPIRY_ROWS, certs.size()))) {
      b.append("<tr class=\"expiring band-").append(c.band().name()).append("\"><td class=\"num\">")
          .append(c.daysLeft()).append("</td><td>").append(HTML.escape(AuditFleet.bandLabel(c.band())))
          .append("</td><td>").append(c.notAfter()).append("</td><td>")
          .append(text(String.join(", ", c.endpoints()))).append("</td><td title=\"")
          .append(text(String.join(" ", c.tenants().subList(0, Math.min(20, c.tenants().size())))))
          .append("\" class=\"num\">").append(c.tenants().size()).append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n");
    if (certs.size() > EXPIRY_ROWS) {
      b.append(String.format(Locale.ROOT, "<p class=\"meta\">The %d soonest of %d certificates;"
          + " audit --expiring-within lists them all.</p>%n", EXPIRY_ROWS, certs.size()));
    }
    return b.append("</section>").toString();
  }

  private static String text(String s) {
    return HTML.escape(s);
  }

  private String notice() {
    StringBuilder b = new StringBuilder();
    if (dropped > 0) {
      b.append(String.format(Locale.ROOT,
          "<p class=\"notice\" id=\"capped\">The table holds the first %d results only; %d more are"
              + " counted above but not listed. The full results are in the audit's output file.</p>",
          rows.size(), dropped));
    }
    if (withoutDetail > 0) {
      b.append(String.format(Locale.ROOT,
          "<p class=\"notice\" id=\"detail-capped\">%d rows have no drill-down: the report's text"
              + " budget was spent; the audit's output file has every detail.</p>", withoutDetail));
    }
    return b.toString();
  }

  /** The drill-down texts, as one JSON array of strings, safe inside a script element. */
  private void stringsJson(Writer w) throws IOException {
    try (JsonGenerator g = generator(w)) {
      g.writeStartArray();
      for (String s : strings) {
        g.writeString(s);
      }
      g.writeEndArray();
    }
  }

  /**
   * The rows as a JSON array safe inside a script element: {@code [line, domain, verdict, "RULE
   * RULE", [kind, string, kind, string, ...] or null]}.
   */
  private void data(Writer w) throws IOException {
    try (JsonGenerator g = generator(w)) {
      g.writeStartArray();
      for (int i = 0; i < rows.size(); i++) {
        AuditRow r = rows.get(i);
        g.writeStartArray();
        g.writeNumber(r.line());
        g.writeString(r.domain());
        g.writeString(r.verdict().name());
        g.writeString(String.join(" ", r.rules()));
        int[] d = details.get(i);
        if (d == null) {
          g.writeNull();
        } else {
          g.writeArray(d, 0, d.length);
        }
        g.writeEndArray();
      }
      g.writeEndArray();
    }
  }

  private static JsonGenerator generator(Writer w) throws IOException {
    JsonGenerator g = ReportJson.MAPPER.getFactory().createGenerator(new ScriptSafe(w));
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    return g;
  }

  /**
   * Writes JSON with {@code <}, {@code >}, {@code &} and the JavaScript line separators escaped: in
   * JSON text these can only occur inside strings, where the escape means the same character, and
   * none of them can then end the script element or the script.
   */
  private static final class ScriptSafe extends FilterWriter {
    ScriptSafe(Writer out) {
      super(out);
    }

    @Override
    public void write(int c) throws IOException {
      switch (c) {
        case '<' -> out.write("\\u003c");
        case '>' -> out.write("\\u003e");
        case '&' -> out.write("\\u0026");
        case '\u2028' -> out.write("\\u2028");
        case '\u2029' -> out.write("\\u2029");
        default -> out.write(c);
      }
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
      int start = off;
      for (int i = off; i < off + len; i++) {
        char c = cbuf[i];
        if (c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
          out.write(cbuf, start, i - start);
          write(c);
          start = i + 1;
        }
      }
      out.write(cbuf, start, off + len - start);
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
      write(s.toCharArray(), off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
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
