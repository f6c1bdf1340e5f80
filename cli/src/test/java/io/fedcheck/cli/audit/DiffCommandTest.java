package io.fedcheck.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedcheck.cli.CliRun;
import io.fedcheck.cli.FedcheckCommand;
import io.fedcheck.cli.report.ReportJson;
import io.fedcheck.core.fleet.ChangeKind;
import io.fedcheck.testkit.FederationLab;
import io.fedcheck.testkit.tls.HeldCertificate;
import io.fedcheck.testkit.tls.TestCertificateAuthority;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fedcheck diff} over two real audits: last week's lab and this week's, where one domain
 * broke, one was fixed, one left, one arrived, one certificate was renewed and one replaced; and
 * {@code audit --baseline} of this week's lab against last week's output, which must carry the very
 * comparison {@code diff} prints.
 */
class DiffCommandTest {
  private static final TestCertificateAuthority CA =
      TestCertificateAuthority.create("fedcheck diff root").intermediate("fedcheck diff issuing");
  private static final Instant NOW = Instant.now();

  @TempDir static Path tmp;
  static Path oldJsonl;
  static Path newJsonl;
  static Path oldCsv;
  static Path newCsv;
  static CliRun baselineJson;
  static CliRun baselineCsv;
  static Path baselineJsonOut;
  static Path baselineHtml;

  private static HeldCertificate leaf(String host, String... names) {
    var b = CA.leafBuilder().commonName(host).validity(NOW.minus(Duration.ofDays(10)),
        NOW.plus(Duration.ofDays(names.length > 0 ? 200 : 100)));
    b.addSubjectAlternativeName(host);
    for (String n : names) {
      b.addSubjectAlternativeName(n);
    }
    return b.build();
  }

  @BeforeAll
  static void audits() throws IOException {
    HeldCertificate renewedBefore = CA.leafBuilder().commonName("sip.renewed.lab").addSubjectAlternativeName("sip.renewed.lab")
        .validity(NOW.minus(Duration.ofDays(300)), NOW.plus(Duration.ofDays(20))).build();
    HeldCertificate renewedAfter = CA.leafBuilder().commonName("sip.renewed.lab").addSubjectAlternativeName("sip.renewed.lab")
        .validity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365))).build();
    try (FederationLab before = FederationLab.builder().certificateAuthority(CA)
        .domain("stays.lab", d -> d.srv("sip.stays.lab"))
        .domain("breaks.lab", d -> d.srv("sip.breaks.lab"))
        .domain("fixed.lab", d -> d.srv("sip.fixed.lab").certificateNames("other.example"))
        .domain("leaves.lab", d -> d.srv("sip.leaves.lab"))
        .domain("renewed.lab", d -> d.srv("sip.renewed.lab", t -> t.certificate(renewedBefore)))
        .domain("replaced.lab", d -> d.srv("sip.replaced.lab", t -> t.certificate(leaf("sip.replaced.lab"))))
        .start()) {
      oldJsonl = audit(before, "old.jsonl", "jsonl", List.of("stays.lab", "breaks.lab", "fixed.lab",
          "leaves.lab", "renewed.lab", "replaced.lab"));
      oldCsv = audit(before, "old.csv", "csv", List.of("stays.lab", "breaks.lab", "fixed.lab", "leaves.lab"));
    }
    try (FederationLab after = FederationLab.builder().certificateAuthority(CA)
        .domain("stays.lab", d -> d.srv("sip.stays.lab"))
        .domain("breaks.lab", d -> d.srv("sip.breaks.lab").certificateNames("other.example"))
        .domain("fixed.lab", d -> d.srv("sip.fixed.lab"))
        .domain("arrives.lab", d -> d.srv("sip.arrives.lab"))
        .domain("renewed.lab", d -> d.srv("sip.renewed.lab", t -> t.certificate(renewedAfter)))
        .domain("replaced.lab", d -> d.srv("sip.replaced.lab",
            t -> t.certificate(leaf("sip.replaced.lab", "sip2.replaced.lab"))))
        .start()) {
      // Another order than last week's: the diff does not depend on it.
      newJsonl = audit(after, "new.jsonl", "jsonl", List.of("replaced.lab", "arrives.lab", "renewed.lab",
          "fixed.lab", "breaks.lab", "stays.lab"));
      newCsv = audit(after, "new.csv", "csv", List.of("arrives.lab", "fixed.lab", "breaks.lab", "stays.lab"));
      baselineJsonOut = tmp.resolve("baseline.json");
      baselineHtml = tmp.resolve("baseline.html");
      baselineJson = run(after, "baseline.json", List.of("replaced.lab", "arrives.lab", "renewed.lab",
          "fixed.lab", "breaks.lab", "stays.lab"), "--format", "json", "--output", baselineJsonOut.toString(),
          "--baseline", oldJsonl.toString(), "--html-report", baselineHtml.toString());
      baselineCsv = run(after, "baseline.csv", List.of("arrives.lab", "fixed.lab", "breaks.lab", "stays.lab"),
          "--format", "csv", "--output", tmp.resolve("baseline.csv").toString(), "--baseline", oldCsv.toString());
    }
  }

  private static Path audit(FederationLab lab, String name, String format, List<String> domains) throws IOException {
    Path out = tmp.resolve(name);
    CliRun r = run(lab, name, domains, "--output", out.toString(), "--format", format);
    assertTrue(r.exitCode() == 0 || r.exitCode() == 1, r.err());
    return out;
  }

  /** {@code fedcheck audit} of {@code domains} against {@code lab}, with {@code more} options. */
  private static CliRun run(FederationLab lab, String name, List<String> domains, String... more) throws IOException {
    Path input = tmp.resolve(name + ".txt");
    Files.write(input, domains);
    Path trust = lab.writeTrustStore(tmp.resolve(name + ".pem"));
    List<String> args = new ArrayList<>(List.of("audit", "--input", input.toString(),
        "--dns-server", "127.0.0.1:" + lab.dnsServer().getPort(), "--trust-store",
        trust.toString(), "--allow-private-addresses", "--quiet"));
    args.addAll(List.of(more));
    return CliRun.run(FedcheckCommand.systemContext(), args.toArray(String[]::new));
  }

  /** domain -> kinds, from the text output. */
  private static Map<String, String> kindsByDomain(String text) {
    Map<String, String> out = new TreeMap<>();
    for (String line : text.lines().toList()) {
      if (line.contains(" domains compared: ")) {
        continue;
      }
      String[] f = line.trim().split("\\s+");
      out.put(f[0], f[4]);
    }
    return out;
  }

  @Test
  void jsonlAuditsShowEveryKindOfChangeAndNewlyFailingExitsOne() {
    CliRun r = CliRun.run(FedcheckCommand.systemContext(), "diff", oldJsonl.toString(), newJsonl.toString());
    assertEquals(1, r.exitCode(), r.out() + r.err());
    Map<String, String> kinds = kindsByDomain(r.out());
    assertEquals("NEWLY_FAILING+VERDICT_CHANGED+RULES_CHANGED+CERTIFICATE_REPLACED", kinds.get("breaks.lab"), r.out());
    assertTrue(kinds.get("fixed.lab").startsWith("FIXED+VERDICT_CHANGED+RULES_CHANGED"), r.out());
    assertEquals("REMOVED", kinds.get("leaves.lab"));
    assertEquals("ADDED", kinds.get("arrives.lab"));
    assertTrue(kinds.get("renewed.lab").contains("CERTIFICATE_RENEWED"), r.out());
    assertFalse(kinds.get("renewed.lab").contains("CERTIFICATE_REPLACED"), r.out());
    assertEquals("CERTIFICATE_REPLACED", kinds.get("replaced.lab"), r.out());
    // The new lab issued stays.lab a fresh certificate: at most a certificate change, never a verdict one.
    assertFalse(kinds.getOrDefault("stays.lab", "").contains("VERDICT"), r.out());
    assertTrue(r.out().contains("+CERT_NAME_MISMATCH"), r.out());
    assertTrue(r.out().contains("7 domains compared: 1 added, 1 removed, 1 newly failing, 1 fixed"), r.out());
  }

  @Test
  void theOrderOfTheLinesDoesNotMatterAndRunsOnDiskGiveTheSameResult() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(newJsonl));
    Collections.reverse(lines);
    lines.add(lines.get(0)); // a domain given twice (as after --resume): the last line counts
    Path shuffled = tmp.resolve("shuffled.jsonl");
    Files.write(shuffled, lines);
    CliRun inMemory = CliRun.run(FedcheckCommand.systemContext(), "diff", oldJsonl.toString(), newJsonl.toString());
    CliRun onDisk = CliRun.run(FedcheckCommand.systemContext(), "diff", "--run-lines", "1", oldJsonl.toString(), shuffled.toString());
    assertEquals(inMemory.out(), onDisk.out());
    assertEquals(inMemory.exitCode(), onDisk.exitCode());
  }

  @Test
  void csvAuditsCompareVerdictsAndRules() {
    CliRun r = CliRun.run(FedcheckCommand.systemContext(), "diff", "--format", "csv", oldCsv.toString(), newCsv.toString());
    assertEquals(1, r.exitCode(), r.out() + r.err());
    List<String> rows = r.out().lines().toList();
    assertEquals("domain,kinds,old_verdict,new_verdict,rules,certificates", rows.get(0));
    Map<String, String> kinds = new TreeMap<>();
    for (String row : rows.subList(1, rows.size())) {
      List<String> f = AuditResume.fields(row);
      kinds.put(f.get(0), f.get(1));
    }
    assertEquals("NEWLY_FAILING+VERDICT_CHANGED+RULES_CHANGED", kinds.get("breaks.lab"));
    assertEquals("ADDED", kinds.get("arrives.lab"));
    assertEquals("REMOVED", kinds.get("leaves.lab"));
    assertEquals(4, kinds.size(), kinds.toString());
  }

  @Test
  void jsonHasTheChangesAndTheSummary() throws IOException {
    CliRun r = CliRun.run(FedcheckCommand.systemContext(), "diff", "--format", "json", oldJsonl.toString(), newJsonl.toString());
    JsonNode n = ReportJson.MAPPER.readTree(r.out());
    assertEquals(7, n.path("summary").path("domains").asInt());
    assertEquals(1, n.path("summary").path("NEWLY_FAILING").asInt());
    assertTrue(n.path("changes").size() >= 6, r.out());
    JsonNode renewed = null;
    for (JsonNode c : n.path("changes")) {
      if (c.path("domain").asText().equals("renewed.lab")) {
        renewed = c;
      }
    }
    assertEquals(1, renewed.path("renewedEndpoints").size(), renewed.toString());
  }

  @Test
  void aLineThatIsNotAnAuditResultIsAUsageErrorWithItsLineNumber() throws IOException {
    Path broken = tmp.resolve("broken.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(oldJsonl));
    lines.add(2, "{\"not\": \"a result\"}");
    Files.write(broken, lines);
    CliRun r = CliRun.run(FedcheckCommand.systemContext(), "diff", broken.toString(), newJsonl.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("line 3 of " + broken), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    CliRun missing = CliRun.run(FedcheckCommand.systemContext(), "diff", tmp.resolve("nope.jsonl").toString(), newJsonl.toString());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("is not a readable file"), missing.err());
    Files.writeString(tmp.resolve("empty.jsonl"), "", StandardCharsets.UTF_8);
  }

  @Test
  void aCsvRowWithBrokenQuotingIsAUsageErrorNotACrash() throws IOException {
    Path broken = tmp.resolve("broken.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(oldCsv));
    lines.add(2, "7,\"open.lab,FAIL,CERT_NAME_MISMATCH,ERROR,x,never closed");
    Files.write(broken, lines);
    CliRun r = CliRun.run(FedcheckCommand.systemContext(), "diff", broken.toString(), newCsv.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("line 3 of " + broken) && r.err().contains("broken quoting"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  @Test
  void baselineJsonCarriesExactlyWhatDiffPrintsOfTheSameAudits() throws IOException {
    // newJsonl and the baseline run audited the same lab (same certificates) in the same order.
    assertEquals(1, baselineJson.exitCode(), "a FAIL in the run exits 1, newly failing or not: " + baselineJson.err());
    JsonNode root = ReportJson.MAPPER.readTree(baselineJsonOut.toFile());
    assertEquals(6, root.get("results").size(), root.toString());
    CliRun diff = CliRun.run(FedcheckCommand.systemContext(), "diff", "--format", "json", oldJsonl.toString(), newJsonl.toString());
    assertEquals(ReportJson.MAPPER.readTree(diff.out()), root.get("baseline"));
    assertEquals(1, root.get("baseline").get("summary").get("NEWLY_FAILING").asInt());
    assertTrue(root.get("edges") == null, "no edges without --by-edge");
  }

  @Test
  void baselineSummaryOnStderrListsTheNewlyFailingDomainFirst() {
    String err = baselineJson.err();
    int at = err.indexOf("audit: change since baseline " + oldJsonl + ": 7 domains compared: 1 added,"
        + " 1 removed, 1 newly failing, 1 fixed");
    assertTrue(at >= 0, err);
    assertTrue(at > err.indexOf("audit: 6 results:"), "after the audit's summary: " + err);
    List<String> lines = err.substring(at).lines().toList();
    assertTrue(lines.get(1).matches("  breaks\\.lab +PASS +-> FAIL +NEWLY_FAILING\\+.*\\+CERT_NAME_MISMATCH.*"),
        lines.get(1));
    CliRun diff = CliRun.run(FedcheckCommand.systemContext(), "diff", oldJsonl.toString(), newJsonl.toString());
    long changed = diff.out().lines().filter(l -> !l.contains(" domains compared: ")).count();
    assertEquals(changed, lines.stream().skip(1).filter(l -> l.startsWith("  ")).count(),
        "every changed domain is listed (fewer than the top " + AuditBaseline.TOP + "): " + err);
  }

  @Test
  void baselineHtmlHasTheChangeSectionWithBarsAndRows() throws IOException {
    String page = Files.readString(baselineHtml);
    int section = page.indexOf("<section id=\"baseline\">");
    assertTrue(section > 0 && section < page.indexOf("<section id=\"summary\">"), page);
    assertTrue(page.contains("<h2>Change since baseline</h2>"));
    assertTrue(page.contains("<span id=\"baseline-compared\">7</span>"), page);
    // One bar per kind, each with the count diff gives for the same two audits.
    CliRun diff = CliRun.run(FedcheckCommand.systemContext(), "diff", "--format", "json", oldJsonl.toString(), newJsonl.toString());
    JsonNode summary = ReportJson.MAPPER.readTree(diff.out()).get("summary");
    for (ChangeKind k : ChangeKind.values()) {
      assertTrue(page.contains("data-label=\"" + k + "\" data-value=\"" + summary.get(k.name()).asInt() + "\""),
          k + " bar: " + page);
    }
    assertTrue(page.contains("data-label=\"NEWLY_FAILING\" data-value=\"1\""), page);
    int rows = HtmlReportTest.count(page, "<tr class=\"change\">");
    assertEquals(rows, Integer.parseInt(page.replaceAll("(?s).*<span id=\"baseline-changed\">(\\d+)</span>.*", "$1")));
    assertTrue(rows >= 6, page);
    assertTrue(page.indexOf("<td>breaks.lab</td>") < page.indexOf("<td>arrives.lab</td>"), "newly failing first");
  }

  @Test
  void aCsvBaselineComparesVerdictsAndRules() {
    assertEquals(1, baselineCsv.exitCode(), baselineCsv.err());
    assertTrue(baselineCsv.err().contains(": 5 domains compared: 1 added, 1 removed, 1 newly failing, 1 fixed"),
        baselineCsv.err());
  }

  @Test
  void baselineUsageErrorsComeBeforeTheAuditAndWithoutAStackTrace() throws IOException {
    Path in = Files.writeString(tmp.resolve("one.txt"), "stays.lab\n");
    Path out = tmp.resolve("never.jsonl");
    CliRun resume = CliRun.run(FedcheckCommand.systemContext(), "audit", "--input", in.toString(), "--output",
        out.toString(), "--resume", "--baseline", oldJsonl.toString());
    assertEquals(2, resume.exitCode(), resume.err());
    assertTrue(resume.err().contains("cannot be combined with --resume"), resume.err());

    CliRun missing = CliRun.run(FedcheckCommand.systemContext(), "audit", "--input", in.toString(), "--output",
        out.toString(), "--baseline", tmp.resolve("nope.jsonl").toString());
    assertEquals(2, missing.exitCode(), missing.err());
    assertTrue(missing.err().contains("--baseline " + tmp.resolve("nope.jsonl") + " is not a readable file"),
        missing.err());

    Path broken = tmp.resolve("broken-baseline.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(oldJsonl));
    lines.add(1, "not json");
    Files.write(broken, lines);
    CliRun bad = CliRun.run(FedcheckCommand.systemContext(), "audit", "--input", in.toString(), "--output",
        out.toString(), "--baseline", broken.toString());
    assertEquals(2, bad.exitCode(), bad.err());
    assertTrue(bad.err().contains("line 2 of " + broken), bad.err());
    assertFalse(bad.err().contains("\tat "), "no stack trace: " + bad.err());
    assertFalse(Files.exists(out), "no audit ran");

    Path same = tmp.resolve("same.jsonl");
    Files.copy(oldJsonl, same);
    CliRun overwrite = CliRun.run(FedcheckCommand.systemContext(), "audit", "--input", in.toString(), "--output",
        same.toString(), "--baseline", same.toString());
    assertEquals(2, overwrite.exitCode(), overwrite.err());
    assertTrue(overwrite.err().contains("would be overwritten"), overwrite.err());
    assertEquals(Files.readAllLines(oldJsonl), Files.readAllLines(same), "the baseline is untouched");
  }
}
