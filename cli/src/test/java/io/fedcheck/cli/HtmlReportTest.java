package io.fedcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedcheck.api.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
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
    assertEquals(2, count(page, "<script"), "only the page's own two script elements");
    assertEquals(2, count(page, "</script>"));
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
  }

  static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
