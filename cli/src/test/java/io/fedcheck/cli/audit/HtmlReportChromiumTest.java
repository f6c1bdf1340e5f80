package io.fedcheck.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fedcheck.cli.CliRun;
import io.fedcheck.cli.options.ValidatorSetup;
import io.fedcheck.cli.report.ReportJson;
import io.fedcheck.testkit.FederationLab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML report in headless Chromium and reads the DOM after its script ran: each section
 * is checked by its structure (element counts, the bar values in data-value attributes, the rows
 * the virtualised table drew), never by pixels; and no hostile input may have run.
 */
class HtmlReportChromiumTest {
  @TempDir Path tmp;

  /** The DOM of {@code html} (with {@code fragment}, such as {@code #line=3}) after the page's script ran. */
  private String dumpDom(Path html, String fragment) throws IOException, InterruptedException {
    Path browser = io.fedcheck.testkit.ExternalProgram.require("chromium", "chromium", "chromium-browser");
    Path profile = Files.createTempDirectory(tmp, "profile");
    Path dom = Files.createTempFile(tmp, "dom", ".html");
    Path log = Files.createTempFile(tmp, "chromium", ".log");
    Process p = new ProcessBuilder(List.of(browser.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--window-size=1280,900", "--user-data-dir=" + profile, "--dump-dom",
        html.toUri() + fragment))
        .redirectOutput(dom.toFile())
        .redirectError(log.toFile())
        .start();
    try {
      assertTrue(p.waitFor(180, TimeUnit.SECONDS), "chromium finishes");
    } finally {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    String text = Files.readString(dom, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), "chromium: " + Files.readString(log));
    assertTrue(text.contains("data-rendered=\"true\""), "the page's script ran: " + text);
    return text;
  }

  @Test
  void theScriptFillsInTheTableAndHostileInputStaysText() throws Exception {
    Path html = HtmlReportTest.auditWithReport(tmp);
    String dom = dumpDom(html, "");
    assertTrue(dom.contains("<span id=\"row-total\">11</span>"), dom);
    assertTrue(dom.contains("<span id=\"match-count\">11</span>"), dom);
    assertTrue(dom.contains("<span id=\"shown-count\">11</span>"), dom);
    assertEquals(11, HtmlReportTest.count(dom, "<tr class=\"row\""), "one row per result");
    assertTrue(dom.contains("<dd id=\"summary-fail\">7</dd>"));
    assertTrue(dom.contains("<td class=\"v-FAIL\">FAIL</td>"));
    assertFalse(dom.contains("data-pwned=\""), "no hostile input ran (it would set a data-pwned attribute)");
    assertTrue(dom.contains("<td>&lt;script&gt;document.body.setAttribute('data-pwned','1')&lt;/script&gt;</td>"),
        "the hostile domain is shown as text");
    assertTrue(dom.contains("<td>\"&gt;&lt;img src=x onerror=\"document.body"), "shown as text");
    assertFalse(dom.contains("<img"), "no element from the input");
  }

  @Test
  void theDrillDownOfAHostileRowShowsItsMessageAsText() throws Exception {
    Path html = HtmlReportTest.auditWithReport(tmp);
    // Input line 9 is the <img onerror> line: its DOMAIN_INVALID message quotes it.
    String dom = dumpDom(html, "#line=9");
    String detail = section(dom, "<aside id=\"detail\"", "</aside>");
    assertTrue(detail.contains("<dt class=\"finding sev-ERROR\">ERROR DOMAIN_INVALID: "), detail);
    assertTrue(detail.contains("&lt;img src=x onerror="), "the hostile text, as text: " + detail);
    assertFalse(dom.contains("<img"), "no element from the input");
    assertFalse(dom.contains("data-pwned=\""));
  }

  /**
   * A lab of seven tenants: five behind one edge whose certificate names another host
   * (CERT_NAME_MISMATCH, ERROR), one with a certificate that expires in three days (WARNING), one
   * healthy; every one carries the lab's INFO facts (private CA, loopback address, unusual port),
   * so INFO counts 7 domains per rule, more than any problem. The baseline is the same lab's audit
   * with fine.lab made FAIL and t5.lab left out.
   */
  @Test
  void everySectionOfALabAuditWithEdgesAndBaseline() throws Exception {
    FederationLab.Builder b = FederationLab.builder().server("bulk", s -> s.certificateNames("other.name.lab"));
    for (String d : AuditByEdgeTest.BULK) {
      b.domain(d, s -> s.srv("sip.bulk.lab").server("bulk"));
    }
    try (FederationLab lab = b.domain("soon.lab", d -> d.srv("sip.soon.lab").expiresIn(Duration.ofDays(3)))
        .domain("fine.lab", d -> d.srv("sip.fine.lab"))
        .start()) {
      Path trust = lab.writeTrustStore(tmp.resolve("lab-root.pem"));
      List<String> domains = new ArrayList<>(AuditByEdgeTest.BULK);
      domains.add("soon.lab");
      domains.add("fine.lab");
      Path in = Files.writeString(tmp.resolve("domains.txt"), String.join("\n", domains) + "\n");
      List<String> common = List.of("audit", "--input", in.toString(), "--dns-server",
          "127.0.0.1:" + lab.dnsServer().getPort(), "--trust-store", trust.toString(),
          "--allow-private-addresses", "--timeout", "20s", "--quiet");
      Path first = tmp.resolve("first.jsonl");
      List<String> args = new ArrayList<>(common);
      args.addAll(List.of("--output", first.toString()));
      assertEquals(1, CliRun.run(new ValidatorSetup(), args.toArray(String[]::new)).exitCode());
      Path old = tmp.resolve("old.jsonl");
      List<String> oldLines = new ArrayList<>();
      for (JsonNode n : AuditScripts.jsonl(first)) {
        if (n.get("domain").asText().equals("t5.lab")) {
          continue;
        }
        if (n.get("domain").asText().equals("fine.lab")) {
          ((ObjectNode) n).put("verdict", "FAIL");
        }
        oldLines.add(ReportJson.MAPPER.writeValueAsString(n));
      }
      Files.write(old, oldLines);

      Path html = tmp.resolve("report.html");
      args = new ArrayList<>(common);
      args.addAll(List.of("--output", tmp.resolve("new.jsonl").toString(), "--by-edge", "--baseline",
          old.toString(), "--html-report", html.toString()));
      CliRun r = CliRun.run(new ValidatorSetup(), args.toArray(String[]::new));
      assertEquals(1, r.exitCode(), r.err());

      String dom = dumpDom(html, "#line=1");
      // The sections, in order: edges first, then the change, summary, charts, expiry, domains.
      int previous = 0;
      for (String id : List.of("edges", "baseline", "summary", "charts", "expiry", "domains")) {
        int at = dom.indexOf("<section id=\"" + id + "\">");
        assertTrue(at > previous, id + " after the sections before it");
        previous = at;
      }

      // Edges: three, the shared wrong-name edge first with its five tenants.
      String edgeTable = section(dom, "<section id=\"edges\">", "</section>");
      assertEquals(3, HtmlReportTest.count(edgeTable, "<tr class=\"edge\">"), edgeTable);
      assertTrue(edgeTable.matches("(?s).*?<tbody>\\s*<tr class=\"edge\"><td>sip\\.bulk\\.lab:\\d+</td>.*?"
          + "<td class=\"num\">5</td><td>5 FAIL</td><td>CERT_NAME_MISMATCH: .*"), edgeTable);

      // Severity charts: every ERROR and WARNING bar before every INFO bar, though INFO counts more.
      List<Bar> bars = bars(section(dom, "<div id=\"severity-charts\">", "</section>"));
      assertFalse(bars.isEmpty());
      int lastProblem = -1;
      int firstInfo = Integer.MAX_VALUE;
      long maxProblem = 0;
      long maxInfo = 0;
      for (int i = 0; i < bars.size(); i++) {
        Bar bar = bars.get(i);
        if (bar.severity().equals("INFO")) {
          firstInfo = Math.min(firstInfo, i);
          maxInfo = Math.max(maxInfo, bar.value());
        } else {
          lastProblem = i;
          maxProblem = Math.max(maxProblem, bar.value());
        }
      }
      assertTrue(lastProblem >= 0 && firstInfo < Integer.MAX_VALUE, bars.toString());
      assertTrue(lastProblem < firstInfo, "no INFO bar above a problem: " + bars);
      assertEquals(7, maxInfo, "the lab's INFO facts are on all seven domains: " + bars);
      assertTrue(maxInfo > maxProblem, "so a chart by count alone would rank INFO first: " + bars);
      assertTrue(bars.contains(new Bar("ERROR", "CERT_NAME_MISMATCH", 5)), bars.toString());
      assertTrue(bars.contains(new Bar("WARNING", "CERT_EXPIRING_SOON", 1)), bars.toString());
      assertEquals("ERROR", bars.get(0).severity());

      // Expiry timeline: three distinct leaves; the three-day one under 7 days with its one tenant.
      String timeline = section(dom, "<section id=\"expiry\">", "</section>");
      assertEquals(5, HtmlReportTest.count(timeline, "data-band=\""), "a bar per band: " + timeline);
      assertEquals(1, bandValue(timeline, "UNDER_7_DAYS", "data-value"), timeline);
      assertEquals(1, bandValue(timeline, "UNDER_7_DAYS", "data-tenants"), timeline);
      assertEquals(0, bandValue(timeline, "EXPIRED", "data-value"), timeline);
      assertEquals(2, bandValue(timeline, "LATER", "data-value"), timeline);
      assertEquals(6, bandValue(timeline, "LATER", "data-tenants"), timeline);
      assertEquals(3, HtmlReportTest.count(timeline, "<tr class=\"expiring"), timeline);
      assertTrue(timeline.indexOf("sip.soon.lab:") < timeline.indexOf("sip.bulk.lab:"), "soonest first");

      // The change since the baseline: fine.lab fixed, t5.lab added.
      String change = section(dom, "<section id=\"baseline\">", "</section>");
      assertEquals(1, barValue(change, "FIXED"), change);
      assertEquals(1, barValue(change, "ADDED"), change);
      assertEquals(0, barValue(change, "NEWLY_FAILING"), change);
      assertEquals(2, HtmlReportTest.count(change, "<tr class=\"change\">"), change);
      assertTrue(change.contains("<td>fine.lab</td><td class=\"v-FAIL\">FAIL</td><td class=\"v-PASS\">PASS</td>"),
          change);

      // Drill-down of input line 1 (t1.lab), opened by #line=1: finding, diagnostic, fix, facts.
      String detail = section(dom, "<aside id=\"detail\"", "</aside>");
      assertTrue(detail.contains("t1.lab \u2014 FAIL (input line 1)"), detail);
      assertTrue(detail.contains("<dt class=\"finding sev-ERROR\">ERROR CERT_NAME_MISMATCH: "), detail);
      assertTrue(detail.contains("<dd class=\"detail-message\">The certificate presented by sip.bulk.lab:"), detail);
      assertTrue(detail.contains("(SRV target of t1.lab)"), "the row's domain put back: " + detail);
      assertTrue(detail.matches("(?s).*<dd class=\"detail-microsoft\"><span class=\"label\">Microsoft shows:</span>"
          + "ms-diagnostics 1010 .*"), detail);
      assertTrue(detail.contains("<dd class=\"detail-fix\"><span class=\"label\">How to fix:</span>"), detail);
      assertTrue(detail.contains("<dt class=\"finding sev-INFO\">INFO CERT_PRIVATE_CA: "), detail);
      assertTrue(detail.indexOf("sev-ERROR") < detail.indexOf("sev-INFO"), "problems first");
      assertTrue(detail.contains("<dt class=\"facts\">DNS and TLS</dt>"), detail);
      assertTrue(detail.matches("(?s).*<dd class=\"detail-srv\"><span class=\"label\">SRV:</span>priority \\d+, weight \\d+,"
          + " port \\d+, target sip\\.bulk\\.lab</dd>.*"), detail);
      assertTrue(detail.matches("(?s).*<dd class=\"detail-target\"><span class=\"label\">Target:</span>sip\\.bulk\\.lab:\\d+"
          + "  addresses 127\\.0\\.0\\.1  TLS .*"), detail);
      assertTrue(detail.matches("(?s).*<dd class=\"detail-certificate\"><span class=\"label\">Leaf certificate:</span>"
          + "subject [^<]*; SANs other\\.name\\.lab; issuer .*; SHA-256 [0-9a-f]{64}</dd>.*"), detail);
      assertEquals(1, Pattern.compile("<tr class=\"row\"[^>]*aria-selected=\"true\"").matcher(dom).results().count(),
          "one row selected");
      assertTrue(dom.matches("(?s).*<tr class=\"row\" tabindex=\"0\" data-index=\"\\d+\" aria-selected=\"true\">"
          + "<td>1</td><td>t1\\.lab</td>.*"), "the row of line 1 is marked selected");
      assertEquals(7, HtmlReportTest.count(dom, "<tr class=\"row\""));
    }
  }

  @Test
  void theVirtualisedTableDrawsAFewRowsOfOneHundredThousandAndTimesItsWork() throws Exception {
    Path html = HtmlReportTest.largeReport(tmp, 100_000);
    String dom = dumpDom(html, "#bench");
    assertTrue(dom.contains("<span id=\"row-total\">100000</span>"), "reports every row");
    int drawn = HtmlReportTest.count(dom, "<tr class=\"row\"");
    assertTrue(drawn > 10 && drawn < 200, "draws only the rows in view and a buffer: " + drawn);
    Matcher shown = Pattern.compile("<span id=\"shown-count\">(\\d+)</span>").matcher(dom);
    assertTrue(shown.find());
    assertEquals(drawn, Integer.parseInt(shown.group(1)), "the count says what is drawn");
    // #bench filtered (matches counted), sorted and scrolled; every timing is written into the DOM.
    Matcher bench = Pattern.compile("<output id=\"bench\"([^>]*)>").matcher(dom);
    assertTrue(bench.find(), dom.substring(0, Math.min(2000, dom.length())));
    String attributes = bench.group(1);
    for (String name : List.of("data-first-render-ms", "data-filter-ms", "data-sort-domain-ms",
        "data-sort-verdict-ms", "data-scroll-ms", "data-detail-ms")) {
      assertTrue(attributes.matches("(?s).*" + name + "=\"\\d+\\.\\d\".*"), name + ": " + attributes);
    }
    assertTrue(attributes.contains("data-filter-matches=\"25000\""), "every fourth row names the rule: " + attributes);
    // After the bench the table is scrolled to the middle: still only a window of rows is drawn.
    assertTrue(dom.contains("<tr class=\"spacer\"><td colspan=\"4\" style=\"height: "), "spacers stand for the rest");
    assertNotNull(section(dom, "<aside id=\"detail\"", "</aside>"));
  }

  /** One severity bar: its severity, rule and value, read from the DOM. */
  record Bar(String severity, String label, long value) {}

  private static List<Bar> bars(String html) {
    List<Bar> out = new ArrayList<>();
    Matcher m = Pattern.compile("<rect class=\"bar-\\w+\" data-label=\"([^\"]+)\" data-severity=\"(\\w+)\" "
        + "data-value=\"(\\d+)\"").matcher(html);
    while (m.find()) {
      out.add(new Bar(m.group(2), m.group(1), Long.parseLong(m.group(3))));
    }
    return out;
  }

  private static long barValue(String html, String label) {
    Matcher m = Pattern.compile("data-label=\"" + label + "\" data-value=\"(\\d+)\"").matcher(html);
    assertTrue(m.find(), label + " bar in " + html);
    return Long.parseLong(m.group(1));
  }

  private static long bandValue(String html, String band, String attribute) {
    Matcher m = Pattern.compile("data-band=\"" + band + "\"[^>]*" + attribute + "=\"(\\d+)\"").matcher(html);
    assertTrue(m.find(), band + " " + attribute + " in " + html);
    return Long.parseLong(m.group(1));
  }

  /** The text from {@code start} to the next {@code end} (both included). */
  static String section(String html, String start, String end) {
    int from = html.indexOf(start);
    assertTrue(from >= 0, "no " + start);
    int to = html.indexOf(end, from);
    return html.substring(from, to < 0 ? html.length() : to + end.length());
  }
}
