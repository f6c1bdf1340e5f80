package io.fedcheck.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Verdict;
import io.fedcheck.cli.CliRun;
import io.fedcheck.cli.Reports;
import io.fedcheck.cli.ScriptedValidator;
import io.fedcheck.cli.report.ReportJson;
import io.fedcheck.core.fleet.Edge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class HtmlReportTest {
  /** Input lines that would run script if they reached the page as markup. */
  static final List<String> HOSTILE = List.of(
      "<script>document.body.setAttribute('data-pwned','1')</script>",
      "</script><script>document.body.setAttribute('data-pwned','2')</script>",
      "\"><img src=x onerror=\"document.body.setAttribute('data-pwned','3')\">",
      "x.example<!--",
      "a&amp;b\u2028c.example");

  @TempDir Path tmp;

  /** Runs an audit of pass/warn/fail domains plus the hostile lines with an HTML report. */
  static Path auditWithReport(Path dir) throws IOException {
    StringBuilder input = new StringBuilder();
    input.append("pass1.example\npass2.example\nwarn.example\nfail1.example\nfail2.example\nunknown.example\n");
    HOSTILE.forEach(h -> input.append(h).append('\n'));
    Path in = dir.resolve("in.txt");
    Files.writeString(in, input.toString(), StandardCharsets.UTF_8);
    Path html = dir.resolve("report.html");
    CliRun r = CliRun.run(new ScriptedValidator(AuditScripts.byName()), "audit", "--input", in.toString(),
        "--output", dir.resolve("out.jsonl").toString(), "--html-report", html.toString(), "--quiet");
    assertEquals(1, r.exitCode(), r.err());
    return html;
  }

  @Test
  void everythingFromTheInputIsEscapedAndCannotCloseTheScript() throws IOException {
    String page = Files.readString(auditWithReport(tmp), StandardCharsets.UTF_8);
    assertEquals(3, count(page, "<script"), "only the page's own three script elements");
    assertEquals(3, count(page, "</script>"));
    assertFalse(page.contains("<img"), "no markup from the input");
    assertFalse(page.contains("setAttribute('data-pwned'") && !page.contains("\\u003cscript\\u003edocument"),
        "hostile text survives only as escaped JSON string content");
    assertFalse(page.contains("<!--"), "no comment opener from the input");
    assertFalse(page.contains("\u2028"), "no raw line separator inside the script");
    // The data still holds every domain, exactly as given, once decoded.
    Matcher m = Pattern.compile("<script type=\"application/json\" id=\"audit-data\">(.*?)</script>", Pattern.DOTALL)
        .matcher(page);
    assertTrue(m.find());
    JsonNode rows = ReportJson.MAPPER.readTree(m.group(1));
    assertEquals(11, rows.size());
    for (String h : HOSTILE) {
      boolean found = false;
      for (JsonNode row : rows) {
        found |= row.get(1).asText().equals(h);
      }
      assertTrue(found, "row for " + h);
    }
  }

  @Test
  void thePageIsSelfContainedAndCarriesTheCounts() throws IOException {
    String page = Files.readString(auditWithReport(tmp), StandardCharsets.UTF_8);
    // The embedded data holds the input's text (escaped); the rest of the page is ours.
    String markup = page.replaceAll("(?s)<script type=\"application/json\" id=\"audit-data\">.*?</script>", "");
    for (String external : List.of("http:", "https:", "src=", "href=", "<link", "@import", "url(")) {
      assertFalse(markup.contains(external), "no external asset: " + external);
    }
    assertTrue(page.contains("<dd id=\"summary-total\">11</dd>"), page);
    assertTrue(page.contains("<dd id=\"summary-pass\">2</dd>"));
    assertTrue(page.contains("<dd id=\"summary-warn\">1</dd>"));
    assertTrue(page.contains("<dd id=\"summary-fail\">7</dd>"), "2 FAIL + 5 invalid lines");
    assertTrue(page.contains("<dd id=\"summary-unknown\">1</dd>"));
    assertTrue(page.contains("<svg id=\"verdict-chart\""));
    assertTrue(page.contains("<title>DOMAIN_INVALID: 5</title>"), "the findings chart counts domains per rule");
    assertTrue(page.contains("<title>SRV_TARGET_DOMAIN_MISMATCH: 2</title>"));
    assertFalse(page.contains("id=\"capped\""));
  }

  @Test
  void aCappedTableSaysSoAndTheCountsStillCoverEveryResult() {
    HtmlReport report = new HtmlReport(3);
    AuditSummary summary = new AuditSummary();
    for (int i = 1; i <= 5; i++) {
      AuditRow row = new AuditRow(i, "d" + i + ".example", i == 5 ? Verdict.FAIL : Verdict.PASS,
          i == 5 ? List.of("SRV_MISSING") : List.of(), i == 5 ? List.of("SRV_MISSING") : List.of());
      report.add(row);
      summary.addChecked(row);
    }
    String page = report.render(summary, Duration.ofSeconds(2), Instant.parse("2026-03-01T00:00:00Z"));
    assertTrue(page.contains("The table holds the first 3 results only; 2 more are counted above"), page);
    assertTrue(page.contains("<dd id=\"summary-total\">5</dd>"));
    assertTrue(page.contains("<dd id=\"summary-fail\">1</dd>"));
    assertTrue(page.contains("d3.example") && !page.contains("d4.example"));
  }

  @Test
  void aResumedRunReportsTheKeptResultsToo() throws IOException {
    Path in = tmp.resolve("in.txt");
    Files.writeString(in, "pass.example\nfail.example\nwarn.example\n");
    Path out = tmp.resolve("out.jsonl");
    CliRun.run(new ScriptedValidator(AuditScripts.byName()), "audit", "--input", in.toString(),
        "--output", out.toString(), "--quiet");
    List<String> lines = Files.readAllLines(out);
    Files.writeString(out, lines.get(0) + "\n" + lines.get(1) + "\n");
    Path html = tmp.resolve("r.html");
    CliRun r = CliRun.run(new ScriptedValidator(AuditScripts.byName()), "audit", "--input", in.toString(),
        "--output", out.toString(), "--resume", "--html-report", html.toString(), "--quiet");
    assertEquals(1, r.exitCode(), r.err());
    String page = Files.readString(html);
    assertTrue(page.contains("<dd id=\"summary-total\">3</dd>"), page);
    assertTrue(page.contains("<dd id=\"summary-resumed\">2</dd>"));
    assertTrue(page.contains("<dd id=\"summary-checked\">1</dd>"));
    assertTrue(page.contains("No edges: a resumed audit has not the reports of the earlier run."), page);
  }

  @Test
  void theEdgeViewIsThereWithoutByEdge() throws IOException {
    Path html = tmp.resolve("r.html");
    // Every tenant presents the same certificate on port 5061: one edge serving three tenants.
    CliRun r = observedAudit(tmp.resolve("out.jsonl"), html);
    assertFalse(r.err().contains("edge"), "the edge summary on stderr stays behind --by-edge: " + r.err());
    String edges = page(html).replaceAll("(?s).*<section id=\"edges\">(.*?)</section>.*", "$1");
    assertTrue(edges.contains("<table id=\"edge-table\">"), edges);
    assertEquals(1, count(edges, "<tr class=\"edge\">"), edges);
    assertTrue(edges.contains("<td class=\"num\">3</td>"), edges);
    assertFalse(edges.contains("edges-capped"));
  }

  @Test
  void edgesBeyondTheFleetCapSaySo() {
    AuditFleet fleet = new AuditFleet(2);
    for (String d : List.of("a.example", "b.example", "c.example")) {
      fleet.addIfRoom(Reports.observed(d));
    }
    assertEquals(2, fleet.size());
    assertEquals(1, fleet.left());
    // What the calendar of --expiring-within needs is kept whatever the cap.
    AuditFleet calendar = new AuditFleet(1);
    calendar.addIfRoom(Reports.observed("a.example"));
    calendar.add(Reports.observed("b.example"));
    calendar.addIfRoom(Reports.observed("c.example"));
    assertEquals(2, calendar.size());
    assertEquals(1, calendar.left());
    HtmlReport report = new HtmlReport(10);
    report.edges(fleet.edges(), fleet.size(), fleet.left());
    String page = report.render(new AuditSummary(), Duration.ofSeconds(1), Instant.parse("2026-03-01T00:00:00Z"));
    assertTrue(page.contains("id=\"edges-capped\">The edges group 2 results; 1 more are in no edge"), page);
    assertTrue(page.contains("<td class=\"num\">2</td>"), page);
  }

  @Test
  void theEdgeTableShowsTheMostFailingEdgesAndCountsTheRest() {
    List<Edge> edges = new ArrayList<>();
    for (int i = 0; i < HtmlReport.EDGE_ROWS + 5; i++) {
      String fqdn = "sip" + i + ".example";
      edges.add(new Edge(fqdn, List.of(fqdn), 5061, "", List.of("t" + i + ".example"),
          Map.of(Verdict.FAIL, 1), List.of()));
    }
    List<String> many = new ArrayList<>();
    for (int i = 0; i < HtmlReport.EDGE_TENANTS + 10; i++) {
      many.add(String.format("m%03d.example", i));
    }
    edges.add(0, new Edge("big.example", List.of("big.example"), 5061, "", many, Map.of(Verdict.FAIL, many.size()),
        List.of()));
    edges.remove(edges.size() - 1);
    HtmlReport report = new HtmlReport(10);
    report.edges(edges, edges.size(), 0);
    String page = report.render(new AuditSummary(), Duration.ofSeconds(1), Instant.parse("2026-03-01T00:00:00Z"));
    assertEquals(HtmlReport.EDGE_ROWS, count(page, "<tr class=\"edge\">"));
    assertTrue(page.contains("sip" + (HtmlReport.EDGE_ROWS - 2) + ".example") && !page.contains(
        "sip" + (HtmlReport.EDGE_ROWS - 1) + ".example"), "the first ones, in the grouping's order");
    assertTrue(page.contains("id=\"edges-more\">The " + HtmlReport.EDGE_ROWS + " edges with the most failing"
        + " tenants are shown; 5 more serve fewer."), page);
    assertTrue(page.contains("<summary>" + many.size() + " tenants, 0 actions</summary>"), page);
    assertTrue(page.contains("m049.example and 10 more (--edges-output lists all)"), page);
    assertFalse(page.contains("m050.example"));
  }

  @Test
  void aRowResumedFromJsonlKeepsTheDrillDownOfTheRunThatCheckedIt() throws IOException {
    Path out = tmp.resolve("out.jsonl");
    Path first = tmp.resolve("first.html");
    observedAudit(out, first);
    List<String> lines = Files.readAllLines(out);
    Files.writeString(out, lines.get(0) + "\n" + lines.get(1) + "\n");
    Path resumed = tmp.resolve("resumed.html");
    observedAudit(out, resumed, "--resume");
    Map<String, List<String>> checked = drillDowns(page(first));
    Map<String, List<String>> read = drillDowns(page(resumed));
    assertEquals(Set.of("a.example", "b.example", "c.example"), read.keySet());
    // a and b were read back from the JSON lines; c was checked again.
    for (String d : List.of("a.example", "b.example", "c.example")) {
      assertEquals(checked.get(d), read.get(d), d);
    }
    List<String> a = read.get("a.example");
    assertTrue(a.contains("MICROSOFT ms-diagnostics 1010 \"" + RuleId.CERT_PRIVATE_CA.microsoft().orElseThrow().text() + "\""), a.toString());
    assertTrue(a.stream().anyMatch(l -> l.startsWith("CERTIFICATE subject ") && l.endsWith(Reports.PEM_SHA256)), a.toString());
    assertTrue(a.contains("TARGET vcse.a.example:5061  addresses 192.0.2.10  TLS HANDSHAKE_COMPLETED TLSv1.3"), a.toString());
  }

  @Test
  void aResumedLineOfOddShapesStillGivesItsRowAndWhatItCanOfTheDrillDown() throws IOException {
    Path in = tmp.resolve("in.txt");
    Files.writeString(in, "a.example\nb.example\n");
    Path out = tmp.resolve("out.jsonl");
    // A hand-edited line: findings of the wrong types, an unknown rule, a broken diagnostic, a
    // lookup that is not an object, targets that are not a list.
    Files.writeString(out, "{\"line\":1,\"domain\":\"a.example\",\"verdict\":\"FAIL\",\"findings\":["
        + "{\"rule\":\"NO_SUCH_RULE\",\"severity\":\"ERROR\",\"subject\":7,\"message\":[1],"
        + "\"remediation\":null,\"microsoft\":{\"msDiagnostics\":-3,\"text\":\"x\"}},\"not a finding\"],"
        + "\"srvLookup\":{\"name\":{},\"outcome\":5},\"srv\":\"none\",\"targets\":{\"fqdn\":1},"
        + "\"certificates\":[{\"chainIndex\":0}]}\n");
    Path html = tmp.resolve("r.html");
    CliRun r = CliRun.run(new ScriptedValidator(Reports::observed), "audit", "--input", in.toString(),
        "--output", out.toString(), "--resume", "--html-report", html.toString(), "--quiet");
    assertEquals(1, r.exitCode(), r.err());
    Map<String, List<String>> rows = drillDowns(page(html));
    assertEquals(Set.of("a.example", "b.example"), rows.keySet());
    List<String> a = rows.get("a.example");
    assertTrue(a.contains("FINDING ERROR NO_SUCH_RULE"), a.toString());
    assertTrue(a.stream().noneMatch(l -> l.startsWith("MICROSOFT")), "a diagnostic that does not validate is left out: " + a);
    assertFalse(rows.get("b.example").isEmpty(), "b was checked in this run");
  }

  /** Audits a, b and c.example, each a full observation behind one shared certificate. */
  private CliRun observedAudit(Path out, Path html, String... more) throws IOException {
    Path in = tmp.resolve("in.txt");
    Files.writeString(in, "a.example\nb.example\nc.example\n");
    List<String> args = new ArrayList<>(List.of("audit", "--input", in.toString(), "--output", out.toString(),
        "--html-report", html.toString(), "--quiet"));
    args.addAll(List.of(more));
    CliRun r = CliRun.run(new ScriptedValidator(Reports::observed), args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
    return r;
  }

  /** Each row's drill-down, decoded from the page's data: "KIND text" per line, by domain. */
  static Map<String, List<String>> drillDowns(String page) throws IOException {
    JsonNode strings = ReportJson.MAPPER.readTree(script(page, "audit-strings"));
    JsonNode rows = ReportJson.MAPPER.readTree(script(page, "audit-data"));
    Map<String, List<String>> out = new TreeMap<>();
    for (JsonNode row : rows) {
      String domain = row.get(1).asText();
      List<String> lines = new ArrayList<>();
      JsonNode detail = row.get(4);
      for (int i = 0; detail.isArray() && i + 1 < detail.size(); i += 2) {
        lines.add(AuditRow.Kind.values()[detail.get(i).asInt()] + " "
            + strings.get(detail.get(i + 1).asInt()).asText().replace("\u0001", domain));
      }
      out.put(domain, lines);
    }
    return out;
  }

  private static String page(Path html) throws IOException {
    return Files.readString(html, StandardCharsets.UTF_8);
  }

  /**
   * A report of {@code n} synthetic rows as a large hosting provider's would be: tenants behind a
   * few edges, every fourth one failing CERT_NAME_MISMATCH, each with a drill-down.
   */
  static Path largeReport(Path dir, int n) {
    HtmlReport report = new HtmlReport(n, Instant.parse("2026-03-01T00:00:00Z"));
    AuditSummary summary = new AuditSummary();
    for (int i = 1; i <= n; i++) {
      String domain = "tenant" + i + ".example";
      boolean fails = i % 4 == 0;
      String edge = "sip.edge" + (i % 12) + ".example:5061";
      List<AuditRow.DetailLine> detail = new ArrayList<>();
      if (fails) {
        detail.add(new AuditRow.DetailLine(AuditRow.Kind.FINDING, "ERROR CERT_NAME_MISMATCH: The certificate does not name the SRV target"));
        detail.add(new AuditRow.DetailLine(AuditRow.Kind.MESSAGE, "The certificate presented by " + edge
            + " (SRV target of " + domain + ") does not name it."));
        detail.add(new AuditRow.DetailLine(AuditRow.Kind.FIX, "Add " + domain + " to the SAN list of the certificate on " + edge));
      }
      detail.add(new AuditRow.DetailLine(AuditRow.Kind.FINDING, "INFO CERT_PRIVATE_CA: The chain ends at a private root"));
      detail.add(new AuditRow.DetailLine(AuditRow.Kind.TARGET, edge + "  addresses 192.0.2." + (i % 12) + "  TLS OK TLSv1.3"));
      AuditRow row = new AuditRow(i, domain, fails ? Verdict.FAIL : i % 7 == 0 ? Verdict.WARN : Verdict.PASS,
          fails ? List.of("CERT_NAME_MISMATCH", "CERT_PRIVATE_CA") : List.of("CERT_PRIVATE_CA"),
          fails ? List.of("CERT_NAME_MISMATCH") : List.of(), List.of(), detail);
      report.add(row);
      summary.addChecked(row);
    }
    Path html = dir.resolve("large-" + n + ".html");
    report.write(html, summary, Duration.ofMinutes(5), Instant.parse("2026-03-01T00:05:00Z"));
    return html;
  }

  @Test
  void drillDownTextsAreStoredOnceWithTheRowsDomainAsAToken() throws IOException {
    Path html = largeReport(tmp, 1_000);
    String page = Files.readString(html, StandardCharsets.UTF_8);
    JsonNode strings = ReportJson.MAPPER.readTree(script(page, "audit-strings"));
    JsonNode rows = ReportJson.MAPPER.readTree(script(page, "audit-data"));
    assertEquals(1_000, rows.size());
    // 12 edges: one message and one fix per edge, whatever the tenant; one INFO; 12 targets.
    assertTrue(strings.size() <= 2 + 12 * 3, "deduplicated: " + strings.size());
    JsonNode row4 = rows.get(3);
    assertEquals("tenant4.example", row4.get(1).asText());
    String message = strings.get(row4.get(4).get(3).asInt()).asText();
    assertEquals(AuditRow.Kind.MESSAGE.ordinal(), row4.get(4).get(2).asInt());
    assertEquals("The certificate presented by sip.edge4.example:5061 (SRV target of \u0001) does not name it.",
        message);
    assertTrue(rows.get(0).get(4).isArray());
  }

  @Test
  void findingsAreChartedPerSeverityWithInfoLast() throws IOException {
    String page = Files.readString(largeReport(tmp, 100), StandardCharsets.UTF_8);
    int error = page.indexOf("<svg id=\"severity-error-chart\"");
    int info = page.indexOf("<svg id=\"severity-info-chart\"");
    assertTrue(error > 0 && info > error, "ERROR chart before INFO chart");
    assertTrue(page.contains("data-label=\"CERT_PRIVATE_CA\" data-severity=\"INFO\" data-value=\"100\""),
        "the fact on every row: more than any error, and still charted after them");
    assertTrue(page.contains("data-label=\"CERT_NAME_MISMATCH\" data-severity=\"ERROR\" data-value=\"25\""));
    assertTrue(page.contains("<div class=\"chart severity-warning\" data-severity=\"WARNING\"><h3>Warnings:"
        + " domains per rule</h3>\n<p class=\"none\">None.</p>"), "an empty severity says so");
  }

  static String script(String page, String id) {
    Matcher m = Pattern.compile("<script type=\"application/json\" id=\"" + id + "\">(.*?)</script>", Pattern.DOTALL)
        .matcher(page);
    assertTrue(m.find(), id);
    return m.group(1);
  }

  public static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
