package io.fedcheck.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Finding;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Verdict;
import io.fedcheck.cli.CliRun;
import io.fedcheck.cli.FedcheckCommand;
import io.fedcheck.cli.Reports;
import io.fedcheck.cli.ScriptedValidator;
import io.fedcheck.cli.options.CliContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFormatTest {
  private static final String ESC = "\u001b[";
  @TempDir Path tmp;

  private static final Function<String, FederationReport> SCRIPT = d -> switch (d) {
    case "acano.steven.lab" -> Reports.mismatch(d);
    case "cms.steven.lab" -> Reports.observed(d);
    default -> Reports.pass(d);
  };

  private static CliRun run(Map<String, String> env, boolean terminal, String... args) {
    return CliRun.run(new CliContext(new ScriptedValidator(SCRIPT), CliRun.noLab(), env, terminal), args);
  }

  @Test
  void verdictComesFirstThenFindingsInPlainWordsWithMicrosoftsDiagnosticAndTheFix() {
    CliRun r = run(Map.of(), false, "check", "acano.steven.lab");
    assertEquals(1, r.exitCode(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals("FAIL     acano.steven.lab", lines.get(0));
    assertTrue(lines.get(1).contains("ERROR") && lines.get(1).contains(RuleId.SRV_TARGET_DOMAIN_MISMATCH.summary())
        && lines.get(1).contains("[SRV_TARGET_DOMAIN_MISMATCH]"), lines.get(1));
    assertTrue(r.out().contains("Concerns: vcse.steven.lab"), r.out());
    assertTrue(r.out().contains("The SRV target vcse.steven.lab is not inside acano.steven.lab"), r.out());
    assertTrue(r.out().contains("Microsoft shows: ms-diagnostics 1009 \"No match for domain in DNS SRV results"), r.out());
    assertTrue(r.out().contains("\" / Edge log 0xC3E93D6F"), r.out());
    assertTrue(r.out().contains("How to fix: Publish _sipfederationtls._tcp.acano.steven.lab SRV 0 0 5061 vcse.acano.steven.lab."), r.out());
    assertFalse(r.out().contains("Evidence"), "evidence is for --verbose");
    assertFalse(r.out().contains(ESC), "not a terminal: no colour");
  }

  @Test
  void passSaysSoAndSeveralDomainsGetASummary() {
    CliRun r = run(Map.of(), false, "check", "pass.example", "acano.steven.lab");
    assertTrue(r.out().startsWith("PASS     pass.example\n  No problems found"), r.out());
    assertTrue(r.out().contains("\n\nFAIL     acano.steven.lab\n"), r.out());
    assertTrue(r.out().endsWith("2 domains: 1 PASS, 0 WARN, 1 FAIL, 0 UNKNOWN\n"), r.out());
  }

  @Test
  void verboseShowsSrvAddressesCertificatesAndTimings() {
    CliRun r = run(Map.of(), false, "check", "--verbose", "cms.steven.lab", "acano.steven.lab");
    String out = r.out();
    assertEquals(1, r.exitCode(), r.err());
    for (String s : List.of(
        "SRV lookup _sipfederationtls._tcp.cms.steven.lab: ANSWER, 12 ms",
        "priority 0, weight 0, port 5061, target vcse.cms.steven.lab",
        "Target vcse.cms.steven.lab:5061",
        "Addresses: 192.0.2.10",
        "TLS: HANDSHAKE_COMPLETED with 192.0.2.10:5061, TLSv1.3, TLS_AES_128_GCM_SHA256, client certificate requested",
        "Certificate 0 (leaf): subject CN=vcse.cms.steven.lab,O=fedcheck test",
        "SANs: vcse.steven.lab, vcse.cms.steven.lab",
        "issuer CN=vcse.cms.steven.lab,O=fedcheck test",
        "valid 2024-01-01T03:27:20Z to 2123-12-08T03:27:20Z",
        "key EC 256 bits, signature SHA256withECDSA",
        "SHA-256 7A:9E:B5:1C",
        "Timings: srv 12 ms, tls:vcse.cms.steven.lab:5061 40 ms",
        "Evidence: target=vcse.steven.lab, port=5061")) {
      assertTrue(out.contains(s), s + " missing from:\n" + out);
    }
  }

  @Test
  void infoFactsCollapseToOneLineUnlessVerbose() {
    CliRun plain = run(Map.of(), false, "check", "cms.steven.lab");
    List<String> lines = plain.out().lines().toList();
    assertEquals(List.of("PASS     cms.steven.lab", "  info: private CA"), lines, plain.out());
    CliRun verbose = run(Map.of(), false, "check", "--verbose", "cms.steven.lab");
    assertFalse(verbose.out().contains("info: "), verbose.out());
    assertTrue(verbose.out().contains("chains to a root you added, not a public CA"), verbose.out());
    assertTrue(verbose.out().contains("[CERT_PRIVATE_CA]"), verbose.out());
  }

  @Test
  void theDemoShowsItsVerdictsAndErrorsWithOneInfoLinePerDomain() {
    CliRun r = CliRun.run(FedcheckCommand.systemContext(), "demo", "--color", "never");
    assertEquals(0, r.exitCode(), r.err());
    long infoLines = r.out().lines().filter(l -> l.startsWith("  info: ")).count();
    long verdicts = r.out().lines().filter(l -> l.matches("(PASS|WARN|FAIL|UNKNOWN) +\\S.*")).count();
    assertEquals(5, verdicts, r.out());
    assertEquals(5, infoLines, r.out());
    assertFalse(r.out().contains("  INFO "), "no INFO finding in full without --verbose:\n" + r.out());
    assertTrue(r.out().contains("  ERROR "), r.out());
  }

  @Test
  void quietKeepsOnlyTheVerdictLines() {
    CliRun r = run(Map.of(), false, "check", "-q", "cms.steven.lab", "acano.steven.lab");
    assertEquals("PASS     cms.steven.lab\nFAIL     acano.steven.lab\n", r.out());
    assertEquals(1, r.exitCode());
  }

  @Test
  void colourOnlyWhereItBelongs() {
    String coloured = run(Map.of(), true, "check", "acano.steven.lab").out();
    assertTrue(coloured.contains(ESC), "auto on a terminal colours");
    assertTrue(coloured.startsWith(ESC + "1m" + ESC + "31mFAIL" + ESC + "0m"), coloured);
    assertFalse(run(Map.of("NO_COLOR", "1"), true, "check", "acano.steven.lab").out().contains(ESC),
        "NO_COLOR turns auto off");
    assertTrue(run(Map.of("NO_COLOR", ""), true, "check", "acano.steven.lab").out().contains(ESC),
        "an empty NO_COLOR is ignored (no-color.org)");
    assertFalse(run(Map.of("TERM", "dumb"), true, "check", "acano.steven.lab").out().contains(ESC));
    assertFalse(run(Map.of(), true, "check", "--color", "never", "acano.steven.lab").out().contains(ESC));
    assertTrue(run(Map.of("NO_COLOR", "1"), false, "check", "--color", "always", "acano.steven.lab").out().contains(ESC),
        "an explicit --color always wins");
    assertFalse(run(Map.of(), true, "check", "--format", "json", "--color", "always", "acano.steven.lab").out().contains(ESC),
        "machine formats are never coloured");
  }

  @Test
  void autoColourNeverGoesToAFile() throws IOException {
    Path file = tmp.resolve("out.txt");
    CliRun r = run(Map.of(), true, "check", "--output", file.toString(), "acano.steven.lab");
    assertEquals("", r.out());
    String text = Files.readString(file);
    assertTrue(text.startsWith("FAIL     acano.steven.lab"), text);
    assertFalse(text.contains(ESC));
  }

  @Test
  void controlCharactersFromTheNetworkCannotReachTheTerminal() {
    Function<String, FederationReport> script = d -> Reports.report(d, Verdict.FAIL, List.of(Finding.of(
        RuleId.TLS_HANDSHAKE_FAILED, "sip.evil.example", "alert: \u001b[2Jcleared\u009b", "none", Map.of())));
    CliRun r = CliRun.run(new CliContext(new ScriptedValidator(script), CliRun.noLab(), Map.of(), false), "check", "evil.example");
    assertFalse(r.out().contains("\u001b") || r.out().contains("\u009b"), r.out());
    assertTrue(r.out().contains("alert: \\u001b[2Jcleared\\u009b"), r.out());
  }

  @Test
  void microsoftDiagnosticWithoutACodeIsJustItsText() {
    assertEquals("504 Server time-out, with no detail",
        TextReportWriter.microsoft(RuleId.TLS_CONNECT_FAILED.microsoft().orElseThrow()));
    assertTrue(TextReportWriter.microsoft(RuleId.CERT_NAME_MISMATCH.microsoft().orElseThrow())
        .matches("ms-diagnostics 1010 \"Certificate trust .*\" / HRESULT 0x80090322 / Edge log 0xC3E93D67"));
  }
}
