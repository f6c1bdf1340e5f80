package io.fedcheck.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.cli.CliRun;
import io.fedcheck.cli.ScriptedValidator;
import io.fedcheck.cli.options.CliContext;
import io.fedcheck.cli.options.ValidatorFactory;
import io.fedcheck.cli.report.ReportJson;
import io.fedcheck.core.FederationValidators;
import io.fedcheck.testkit.fake.FakeDomainResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
  @TempDir Path tmp;

  /** Input with comments, blank lines, CRLF and CR endings, duplicates, and lines that are not domains. */
  static final String MIXED_INPUT = "# customers\n"            // 1 comment
      + "pass.example\n"                                       // 2
      + "   \n"                                                // 3 blank
      + "fail.example   # HQ, see ticket 12\r\n"               // 4 trailing comment, CRLF
      + "pass.example\n"                                       // 5 duplicate of 2
      + "\n"                                                   // 6 blank
      + "  warn.example\r"                                     // 7 CR ending
      + "bad domain!\n"                                        // 8 invalid
      + "ctl\u0001\u0000x.example\n"                           // 9 control characters
      + "x".repeat(100_000) + ".example\n"                     // 10 absurd length
      + "   # indented comment\n"                              // 11 comment
      + "unknown.example\n"                                    // 12
      + "PASS.EXAMPLE.\n"                                      // 13 same domain, other spelling
      + "a#b.example\n"                                        // 14 # inside a word: kept, invalid
      + "pass.example";                                        // 15 duplicate, no final newline

  static final Map<Long, String> EXPECTED = new TreeMap<>(Map.ofEntries(
      Map.entry(2L, "pass.example"), Map.entry(4L, "fail.example"), Map.entry(5L, "pass.example"),
      Map.entry(7L, "warn.example"), Map.entry(8L, "bad domain!"), Map.entry(9L, "ctl\u0001\u0000x.example"),
      Map.entry(10L, "x".repeat(AuditInput.MAX_LINE)), Map.entry(12L, "unknown.example"),
      Map.entry(13L, "PASS.EXAMPLE."), Map.entry(14L, "a#b.example"), Map.entry(15L, "pass.example")));

  private Path input(String text) throws IOException {
    Path p = tmp.resolve("domains.txt");
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void everyEntryGetsExactlyOneJsonlResultWithItsLineNumber() throws IOException {
    Path in = input(MIXED_INPUT);
    Path out = tmp.resolve("out.jsonl");
    ScriptedValidator v = new ScriptedValidator(AuditScripts.byName());
    CliRun r = CliRun.run(v, "audit", "--input", in.toString(), "--output", out.toString());
    assertEquals(1, r.exitCode(), r.err());
    assertEquals("", r.out(), "results go to the file");
    List<JsonNode> results = AuditScripts.jsonl(out);
    Map<Long, String> got = new TreeMap<>();
    for (JsonNode n : results) {
      assertEquals(null, got.put(n.path("line").asLong(), n.path("domain").asText()), "line twice: " + n);
    }
    assertEquals(EXPECTED, got);
    assertEquals(List.of(2L, 4L, 5L, 7L, 8L, 9L, 10L, 12L, 13L, 14L, 15L),
        results.stream().map(n -> n.path("line").asLong()).toList(), "the scripted validator answers in order");
    JsonNode invalid = results.get(5);
    assertEquals("FAIL", invalid.path("verdict").asText());
    assertEquals("DOMAIN_INVALID", invalid.path("findings").get(0).path("rule").asText());
    assertTrue(v.closed);
    assertTrue(v.asked.stream().allMatch(d -> d.length() <= AuditInput.MAX_LINE), "long lines are cut");
  }

  @Test
  void theRealBulkAuditChecksDuplicatesOnceAndAnswersEveryLine() throws IOException {
    StringBuilder text = new StringBuilder();
    List<String> domains = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      // 100 distinct names, each three times, with invalid lines in between.
      String d = "d" + (i % 100) + ".example";
      domains.add(d);
      text.append(d).append('\n');
      if (i % 50 == 0) {
        text.append("not a domain ").append(i).append('\n');
        domains.add("not a domain " + i);
      }
    }
    Path in = input(text.toString());
    Path out = tmp.resolve("out.jsonl");
    FakeDomainResolver dns = new FakeDomainResolver().latency(Duration.ofMillis(3));
    ValidatorFactory real = s -> FederationValidators.builder().resolver(dns).skipTls(true)
        .deadline(Duration.ofSeconds(30)).build();
    try (dns) {
      CliRun r = CliRun.run(new CliContext(real, CliRun.noLab(), Map.of(), false),
          "audit", "--input", in.toString(), "--output", out.toString(), "--concurrency", "8", "--quiet");
      assertTrue(r.exitCode() == 0 || r.exitCode() == 1, r.err());
      List<JsonNode> results = AuditScripts.jsonl(out);
      assertEquals(domains.size(), results.size());
      Map<Long, String> got = new TreeMap<>();
      for (JsonNode n : results) {
        assertEquals(null, got.put(n.path("line").asLong(), n.path("domain").asText()));
      }
      assertEquals(domains, new ArrayList<>(got.values()), "line numbers map back to the input in order");
      assertEquals(100, dns.calls().stream().filter(c -> c.query().name().startsWith("_sipfederationtls"))
          .map(c -> c.query().name()).distinct().count());
      assertTrue(dns.calls().size() < 300, "duplicates are checked once: " + dns.calls().size() + " queries");
      assertTrue(results.stream().filter(n -> n.path("domain").asText().startsWith("not a domain"))
          .allMatch(n -> n.path("findings").get(0).path("rule").asText().equals("DOMAIN_INVALID")));
    }
  }

  @Test
  void csvPutsTheLineNumberFirstAndKeepsEveryRowOnOnePhysicalLine() throws IOException {
    Path in = input(MIXED_INPUT);
    Path out = tmp.resolve("out.csv");
    CliRun r = CliRun.run(new ScriptedValidator(AuditScripts.byName()),
        "audit", "--input", in.toString(), "--output", out.toString(), "--format", "csv");
    assertEquals(1, r.exitCode(), r.err());
    List<List<String>> rows = AuditScripts.csv(out);
    assertEquals(AuditResultWriter.CSV_HEADER, rows.get(0));
    Map<Long, String> got = new TreeMap<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      assertEquals(7, row.size(), row.toString());
      got.put(Long.parseLong(row.get(0)), row.get(1));
    }
    assertEquals(EXPECTED.keySet(), got.keySet());
    assertEquals("ctl\uFFFD\uFFFDx.example", got.get(9L), "control characters are replaced in csv");
    assertEquals(List.of("4", "fail.example", "FAIL", "SRV_TARGET_DOMAIN_MISMATCH", "ERROR", "vcse.steven.lab"),
        rows.stream().filter(row -> row.get(0).equals("4")).findFirst().orElseThrow().subList(0, 6));
    assertEquals(List.of("2", "pass.example", "PASS", "", "", "", ""),
        rows.stream().filter(row -> row.get(0).equals("2")).findFirst().orElseThrow());
  }

  @Test
  void jsonIsOneArrayWithLineNumbersOnStandardOutput() throws IOException {
    Path in = input("pass.example\nwarn.example\n");
    CliRun r = CliRun.run(new ScriptedValidator(AuditScripts.byName()),
        "audit", "--input", in.toString(), "--format", "json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode array = ReportJson.MAPPER.readTree(r.out());
    assertEquals(2, array.size());
    assertEquals(1, array.get(0).path("line").asLong());
    assertEquals("warn.example", array.get(1).path("domain").asText());
  }

  @Test
  void emptyInputGivesAnEmptyValidOutputAndExitsZero() throws IOException {
    Path in = input("# nothing here\n\n");
    CliRun r = CliRun.run(new ScriptedValidator(AuditScripts.byName()),
        "audit", "--input", in.toString(), "--format", "json");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(0, ReportJson.MAPPER.readTree(r.out()).size());
  }

  @Test
  void exitCodesFollowCheck() throws IOException {
    assertEquals(0, run("pass.example\nwarn.example\n").exitCode());
    assertEquals(3, run("pass.example\nunknown.example\n").exitCode());
    assertEquals(1, run("unknown.example\nfail.example\n").exitCode());
    assertEquals(1, run("not a domain\n").exitCode(), "an invalid line is a FAIL, not an abort");
  }

  private CliRun run(String text) throws IOException {
    return CliRun.run(new ScriptedValidator(AuditScripts.byName()),
        "audit", "--input", input(text).toString(), "--quiet");
  }

  @Test
  void resumeWithJsonIsAUsageError() throws IOException {
    Path in = input("pass.example\n");
    ScriptedValidator v = new ScriptedValidator(AuditScripts.byName());
    CliRun r = CliRun.run(v, "audit", "--input", in.toString(), "--output", tmp.resolve("o.json").toString(),
        "--format", "json", "--resume");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--resume works with --format jsonl or csv"), r.err());
    assertEquals(0, v.created, "nothing is checked");
    assertFalse(Files.exists(tmp.resolve("o.json")));
  }

  @Test
  void usageErrors() throws IOException {
    Path in = input("pass.example\n");
    ScriptedValidator v = new ScriptedValidator(AuditScripts.byName());
    assertEquals(2, CliRun.run(v, "audit", "--input", in.toString(), "--resume").exitCode(), "resume needs --output");
    assertEquals(2, CliRun.run(v, "audit", "--input", tmp.resolve("missing.txt").toString()).exitCode());
    assertEquals(2, CliRun.run(v, "audit").exitCode(), "--input is required");
    assertEquals(2, CliRun.run(v, "audit", "--input", in.toString(), "--concurrency", "0").exitCode());
    assertEquals(2, CliRun.run(v, "audit", "--input", in.toString(), "--qps", "-1").exitCode());
    assertEquals(2, CliRun.run(v, "audit", "--input", in.toString(), "--format", "text").exitCode());
    assertEquals(2, CliRun.run(v, "audit", "--input", in.toString(), "--output", in.toString()).exitCode());
    assertEquals("pass.example\n", Files.readString(in), "the input is never overwritten");
    assertEquals(0, v.created);
  }

  @Test
  void skipTlsAndQpsReachTheSettingsAndCheckOptionsAreShared() throws IOException {
    Path in = input("pass.example\n");
    ScriptedValidator v = new ScriptedValidator(AuditScripts.byName());
    CliRun r = CliRun.run(v, "audit", "--input", in.toString(), "--skip-tls", "--qps", "50",
        "--timeout", "3s", "--allow-private-addresses", "--quiet");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(v.settings.skipTls());
    assertEquals(50, v.settings.dnsQueriesPerSecond());
    assertEquals(Duration.ofSeconds(3), v.settings.timeout());
    assertTrue(v.settings.allowPrivateAddresses());
    CliRun.run(v, "audit", "--input", in.toString(), "--quiet");
    assertFalse(v.settings.skipTls());
    assertEquals(0, v.settings.dnsQueriesPerSecond());
  }

  @Test
  void concurrencyReachesTheBulkOptions() throws IOException {
    Path in = input("a.example\nb.example\n");
    List<Integer> seen = new ArrayList<>();
    ScriptedValidator scripted = new ScriptedValidator(AuditScripts.byName());
    ValidatorFactory spy = s -> new FederationValidator() {
      @Override
      public java.util.concurrent.CompletionStage<io.fedcheck.api.FederationReport> validate(String d) {
        return scripted.validate(d);
      }

      @Override
      public java.util.concurrent.CompletionStage<Void> validateAll(java.util.Iterator<String> d,
          java.util.function.Consumer<? super io.fedcheck.api.FederationReport> c) {
        return scripted.validateAll(d, c);
      }

      @Override
      public java.util.concurrent.CompletionStage<Void> validateAll(java.util.Iterator<String> d,
          java.util.function.Consumer<? super io.fedcheck.api.FederationReport> c, io.fedcheck.api.BulkOptions o,
          java.util.function.Consumer<? super io.fedcheck.api.AuditProgress> p) {
        seen.add(o.concurrency());
        assertEquals(2, o.expectedTotal());
        return FederationValidator.super.validateAll(d, c, o, p);
      }

      @Override
      public void close() {}
    };
    assertEquals(0, CliRun.run(spy, "audit", "--input", in.toString(), "--concurrency", "5", "--quiet").exitCode());
    assertEquals(List.of(5), seen);
  }

  @Test
  void summaryCountsVerdictsAndTopFailingRules() throws IOException {
    Path in = input("pass.example\nwarn.example\nfail1.example\nfail2.example\nbad domain\nunknown.example\npass.example\n");
    CliRun r = CliRun.run(new ScriptedValidator(AuditScripts.byName()),
        "audit", "--input", in.toString(), "--output", tmp.resolve("o.jsonl").toString());
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(r.err().contains("audit: 7 results: 2 PASS, 1 WARN, 3 FAIL, 1 UNKNOWN"), r.err());
    assertTrue(r.err().contains("audit: 7 checked in "), r.err());
    assertTrue(r.err().contains("domains/s"), r.err());
    String top = r.err().substring(r.err().indexOf("top failing rules:"));
    List<String> lines = top.lines().skip(1).map(String::strip).toList();
    assertEquals(List.of("SRV_TARGET_DOMAIN_MISMATCH 2", "DOMAIN_INVALID 1"),
        lines.stream().map(l -> l.replaceAll("\\s+", " ")).collect(Collectors.toList()));
  }

  @Test
  void progressOffATerminalIsPlainLinesAndQuietSilencesIt() throws IOException {
    Path in = input("pass.example\nfail.example\n");
    CliRun r = CliRun.run(new ScriptedValidator(AuditScripts.byName()),
        "audit", "--input", in.toString(), "--output", tmp.resolve("o.jsonl").toString());
    assertFalse(r.err().contains("\r"), "no redraws off a terminal");
    assertTrue(r.err().lines().anyMatch(l -> l.startsWith("audit: 2/2 100.0%") && l.endsWith("FAIL 1")), r.err());
    CliRun quiet = CliRun.run(new ScriptedValidator(AuditScripts.byName()),
        "audit", "--input", in.toString(), "--output", tmp.resolve("o.jsonl").toString(), "--quiet");
    assertFalse(quiet.err().contains("2/2"), quiet.err());
    assertTrue(quiet.err().contains("audit: 2 results"), "the summary stays: " + quiet.err());
  }

  @Test
  void helpDocumentsTheFormatsAndResume() {
    CliRun r = CliRun.run(new ScriptedValidator(AuditScripts.byName()), "audit", "--help");
    assertEquals(0, r.exitCode());
    for (String s : List.of("--input", "--resume", "--html-report", "--skip-tls", "--qps", "--concurrency",
        "--zone-file", "line")) {
      assertTrue(r.out().contains(s), s);
    }
  }
}
