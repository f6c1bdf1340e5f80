package io.fedcheck.cli.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedcheck.api.FederationReport;
import io.fedcheck.cli.CliRun;
import io.fedcheck.cli.FedcheckCommand;
import io.fedcheck.cli.Reports;
import io.fedcheck.cli.ScriptedValidator;
import io.fedcheck.cli.options.CliContext;
import io.fedcheck.cli.options.ValidatorFactory;
import io.fedcheck.cli.report.ReportJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

public class ExplainCommandTest {
  @TempDir Path tmp;

  private static final ScriptedValidator NEVER = new ScriptedValidator(d -> {
    throw new AssertionError("no check without --check");
  });

  public static String seed(String name) {
    try (InputStream in = ExplainCommandTest.class.getResourceAsStream("/explain/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path file(String name, String text) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  /** Runs with {@code stdin} as standard input. */
  static CliRun runWithStdin(ValidatorFactory validators, String stdin, String... args) {
    CommandLine cl = FedcheckCommand.newCommandLine(new CliContext(validators, CliRun.noLab(), Map.of(), false));
    ((ExplainCommand) cl.getSubcommands().get("explain").getCommand()).stdin =
        () -> new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  private static JsonNode json(String out) throws IOException {
    return ReportJson.MAPPER.readTree(out);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "seed-client-1009.txt           | ms-diagnostics 1009 | SRV_TARGET_DOMAIN_MISMATCH | cms.steven.lab   | fqdn1=vcse.sub.cms.steven.lab:5061",
      "seed-client-1010.txt           | ms-diagnostics 1010, HRESULT 0x80090322 SEC_E_WRONG_PRINCIPAL | CERT_NAME_MISMATCH | cms.steven.lab | PeerServer=vcse.steven.lab",
      "seed-edge-1009-no-srv-match.txt | Edge server record 0xC3E93D6F SIPPROXY_E_EPROUTING_MSG_ALLOWED_DOMAIN_NO_SRV_MATCH | SRV_TARGET_DOMAIN_MISMATCH | acano.steven.lab | fqdn1=vcse.steven.lab:5061",
      "seed-edge-1010-cert-mismatch.txt | Edge server record 0xC3E93D67 SIPPROXY_E_ROUTING_MSG_CERT_MISMATCH | CERT_NAME_MISMATCH | acano.steven.lab | certName=vcse.steven.lab",
      "seed-expressway-504.txt        | SIP 504 Server time-out without ms-diagnostics | SRV_TARGET_DOMAIN_MISMATCH | acano.steven.lab | ",
  })
  void explainsEverySeedExcerptAsText(String name, String title, String rule, String domain, String names)
      throws IOException {
    Path f = file(name, seed(name));
    CliRun r = CliRun.run(NEVER, "explain", f.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("", r.err());
    String out = r.out();
    assertTrue(out.startsWith("[1] " + title + "\n"), out);
    assertFalse(out.contains("[2]"), out);
    assertTrue(out.contains("Rule:") || out.contains("Candidate rule:"), out);
    assertTrue(out.contains(rule + " (ERROR): "), out);
    assertTrue(out.contains("What happened:"), out);
    assertTrue(out.contains("How to fix:"), out);
    assertTrue(out.contains("Microsoft looks up: _sipfederationtls._tcp." + domain + " (SRV)\n"), out);
    if (names != null) {
      assertTrue(out.lines().anyMatch(l -> l.startsWith("    Names:") && l.contains(names)), out);
    }
    assertEquals(0, NEVER.created);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "seed-client-1009.txt            | MS_DIAGNOSTICS_HEADER | 1009 | SRV_TARGET_DOMAIN_MISMATCH | cms.steven.lab   | cms.steven.lab   | fqdn1 | vcse.sub.cms.steven.lab:5061",
      "seed-client-1010.txt            | MS_DIAGNOSTICS_HEADER | 1010 | CERT_NAME_MISMATCH         |                  | cms.steven.lab   | tls-target | vcse.cms.steven.lab",
      "seed-edge-1009-no-srv-match.txt  | EDGE_RECORD           |      | SRV_TARGET_DOMAIN_MISMATCH | acano.steven.lab | acano.steven.lab | fqdn1 | vcse.steven.lab:5061",
      "seed-edge-1010-cert-mismatch.txt | EDGE_RECORD           |      | CERT_NAME_MISMATCH         |                  | acano.steven.lab | expected-fqdn | vcse.acano.steven.lab",
  })
  void explainsEverySeedExcerptAsJson(String name, String kind, Integer code, String rule, String sipDomain,
      String checkDomain, String key, String value) throws IOException {
    CliRun r = CliRun.run(NEVER, "explain", "--format", "json", file(name, seed(name)).toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode root = json(r.out());
    assertEquals(1, root.get("explanations").size());
    assertEquals(0, root.get("checks").size());
    JsonNode e = root.get("explanations").get(0);
    assertEquals(kind, e.get("kind").asText());
    if (code == null) {
      assertTrue(e.get("msDiagnostics").isNull());
    } else {
      assertEquals(code, e.get("msDiagnostics").asInt());
    }
    assertTrue(e.get("recognised").asBoolean());
    assertEquals(1, e.get("rules").size());
    assertEquals(rule, e.get("rules").get(0).get("id").asText());
    assertEquals("ERROR", e.get("rules").get(0).get("severity").asText());
    if (sipDomain == null) {
      assertTrue(e.get("sipDomain").isNull(), e.toString());
    } else {
      assertEquals(sipDomain, e.get("sipDomain").asText());
    }
    assertEquals(checkDomain, e.get("checkDomain").asText());
    assertEquals("_sipfederationtls._tcp." + checkDomain, e.get("srvLookup").asText());
    assertEquals(value, e.get("fqdns").get(key).asText());
    assertFalse(e.get("plainLanguage").asText().isBlank());
    assertFalse(e.get("remediation").asText().isBlank());
    assertTrue(e.get("check").isNull());
  }

  @Test
  void the504JsonListsTheCandidatesAndTheDomainOfTheCaller() throws IOException {
    String name = "seed-expressway-504.txt";
    CliRun r = CliRun.run(NEVER, "explain", "--format=json", file(name, seed(name)).toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode e = json(r.out()).get("explanations").get(0);
    assertEquals("SIP_504_WITHOUT_DIAGNOSTICS", e.get("kind").asText());
    assertTrue(e.get("rules").size() > 1, e.toString());
    assertEquals("acano.steven.lab", e.get("checkDomain").asText());
  }

  @Test
  void severalRecordsInOnePasteAreExplainedInOrder() throws IOException {
    String all = String.join("\n\n", seed("seed-edge-1009-no-srv-match.txt"), seed("seed-edge-1010-cert-mismatch.txt"),
        seed("seed-client-1009.txt"), seed("seed-client-1010.txt"));
    CliRun r = CliRun.run(NEVER, "explain", "--format", "json", file("all.txt", all).toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode list = json(r.out()).get("explanations");
    List<String> kinds = new ArrayList<>();
    List<String> rules = new ArrayList<>();
    list.forEach(e -> {
      kinds.add(e.get("kind").asText());
      rules.add(e.get("rules").get(0).get("id").asText());
    });
    assertEquals(List.of("EDGE_RECORD", "EDGE_RECORD", "MS_DIAGNOSTICS_HEADER", "MS_DIAGNOSTICS_HEADER"), kinds);
    assertEquals(List.of("SRV_TARGET_DOMAIN_MISMATCH", "CERT_NAME_MISMATCH", "SRV_TARGET_DOMAIN_MISMATCH",
        "CERT_NAME_MISMATCH"), rules);

    CliRun text = CliRun.run(NEVER, "explain", file("all2.txt", all).toString());
    assertTrue(text.out().contains("\n[4] ms-diagnostics 1010"), text.out());
    assertFalse(text.out().contains("[5]"), text.out());
  }

  @Test
  void foldedHeaderWithCrLfAndValuesBrokenAcrossLines() throws IOException {
    String folded = "SIP/2.0 504 Server time-out\r\n"
        + "ms-diagnostics: 1009;reason=\"No match for domain\r\n in DNS SRV results\";\r\n"
        + "\tdomain=\"\r\n  example.com\";fqdn1=\"expe.dummy.com:5061\";\r\n source=\"sip.contoso.com\"\r\n"
        + "Content-Length: 0\r\n";
    CliRun r = CliRun.run(NEVER, "explain", file("folded.txt", folded).toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("SRV_TARGET_DOMAIN_MISMATCH (ERROR)"), r.out());
    assertTrue(r.out().contains("SIP domain:         example.com\n"), r.out());
    assertTrue(r.out().contains("fqdn1=expe.dummy.com:5061"), r.out());
    assertTrue(r.out().contains("(it is in dummy.com, another domain)"), r.out());
  }

  @Test
  void unknownCodeIsShownAsUnknownNeverGuessed() throws IOException {
    String text = "ms-diagnostics: 4242;reason=\"Something new\";domain=\"example.com\"";
    CliRun r = CliRun.run(NEVER, "explain", file("unknown.txt", text).toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("Rule:               unknown: fedcheck does not know this code"), r.out());
    assertFalse(r.out().contains("(ERROR)"), r.out());

    CliRun j = CliRun.run(NEVER, "explain", "--format", "json", file("unknown2.txt", text).toString());
    JsonNode e = json(j.out()).get("explanations").get(0);
    assertFalse(e.get("recognised").asBoolean());
    assertEquals(0, e.get("rules").size());
    assertEquals(4242, e.get("msDiagnostics").asInt());
  }

  @Test
  void garbageExitsTwoWithOneLineOnStderr() throws IOException {
    for (String garbage : List.of("hello world\nnothing here\n", "", "\u0000\u0001\uFFFD ms-diagnostics: x;",
        "$$end_record ms-diagnostics-public 1009")) {
      CliRun r = CliRun.run(NEVER, "explain", file("garbage.txt", garbage).toString());
      assertEquals(2, r.exitCode(), garbage);
      assertEquals("", r.out());
      assertEquals(1, r.err().lines().count(), r.err());
      assertTrue(r.err().startsWith("fedcheck: nothing recognised in "), r.err());
      assertFalse(r.err().contains("Exception"), r.err());
      Files.delete(tmp.resolve("garbage.txt"));
    }
  }

  @Test
  void binaryInputIsGarbageNotACrash() throws IOException {
    byte[] bytes = new byte[64 * 1024];
    new java.util.Random(7).nextBytes(bytes);
    Path f = tmp.resolve("random.bin");
    Files.write(f, bytes);
    CliRun r = CliRun.run(NEVER, "explain", f.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  @Test
  void missingFileIsAUsageErrorOnOneLine() {
    CliRun r = CliRun.run(NEVER, "explain", tmp.resolve("nope.txt").toString());
    assertEquals(2, r.exitCode());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("no such file"), r.err());
  }

  @Test
  void readsStandardInputWithDashOrWithoutFile() {
    String text = seed("seed-client-1010.txt");
    CliRun dash = runWithStdin(NEVER, text, "explain", "-");
    assertEquals(0, dash.exitCode(), dash.err());
    assertTrue(dash.out().contains("CERT_NAME_MISMATCH"), dash.out());
    CliRun none = runWithStdin(NEVER, text, "explain", "--format", "json");
    assertEquals(0, none.exitCode(), none.err());
    assertTrue(none.out().contains("\"source\" : \"standard input\""), none.out());
    CliRun empty = runWithStdin(NEVER, "just words", "explain");
    assertEquals(2, empty.exitCode());
    assertTrue(empty.err().contains("nothing recognised in standard input"), empty.err());
  }

  @Test
  void checkSaysStillPresentWhenTheRuleIsFoundAgain() throws IOException {
    ScriptedValidator v = new ScriptedValidator(Reports::mismatch);
    Path f = file("edge.txt", seed("seed-edge-1009-no-srv-match.txt"));
    CliRun r = CliRun.run(v, "explain", "--check", "--timeout", "3s", f.toString());
    assertEquals(1, r.exitCode(), r.err());
    assertEquals(List.of("acano.steven.lab"), v.asked);
    assertEquals(Duration.ofSeconds(3), v.settings.timeout());
    assertTrue(v.closed);
    assertTrue(r.out().contains(
        "Now:                still present: SRV_TARGET_DOMAIN_MISMATCH found again (acano.steven.lab is FAIL)\n"),
        r.out());
    // The live report follows in check's text format.
    assertTrue(r.out().contains("Live check:\nFAIL     acano.steven.lab\n"), r.out());
  }

  @Test
  void checkSaysNotFoundAnyMoreWhenTheDomainPasses() throws IOException {
    ScriptedValidator v = new ScriptedValidator(Reports::pass);
    CliRun r = CliRun.run(v, "explain", "--check", "--format", "json",
        file("c.txt", seed("seed-client-1009.txt")).toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode root = json(r.out());
    JsonNode check = root.get("explanations").get(0).get("check");
    assertEquals("NOT_FOUND", check.get("status").asText());
    assertEquals("cms.steven.lab", check.get("domain").asText());
    assertEquals("PASS", check.get("verdict").asText());
    assertTrue(check.get("summary").asText().startsWith("not found any more"), check.toString());
    assertEquals(1, root.get("checks").size());
    assertEquals("cms.steven.lab", root.get("checks").get(0).get("domain").asText());
  }

  @Test
  void checkOfAnUnknownVerdictIsUndeterminedAndExitsThree() throws IOException {
    ScriptedValidator v = new ScriptedValidator(Reports::unknown);
    CliRun r = CliRun.run(v, "explain", "--check", file("c.txt", seed("seed-client-1010.txt")).toString());
    assertEquals(3, r.exitCode(), r.err());
    assertTrue(r.out().contains("not confirmed either way"), r.out());
  }

  @Test
  void checkAsksEachDomainOnceAndTheExitCodeIsTheWorstVerdict() throws IOException {
    Function<String, FederationReport> script = d -> d.equals("cms.steven.lab") ? Reports.pass(d) : Reports.mismatch(d);
    ScriptedValidator v = new ScriptedValidator(script);
    String all = String.join("\n", seed("seed-edge-1009-no-srv-match.txt"), seed("seed-edge-1010-cert-mismatch.txt"),
        seed("seed-client-1009.txt"), seed("seed-client-1010.txt"), seed("seed-expressway-504.txt"));
    CliRun r = CliRun.run(v, "explain", "--check", "--format", "json", file("all.txt", all).toString());
    assertEquals(1, r.exitCode(), r.err());
    assertEquals(List.of("acano.steven.lab", "cms.steven.lab"), v.asked);
    assertEquals(1, v.created);
    JsonNode list = json(r.out()).get("explanations");
    List<String> statuses = new ArrayList<>();
    list.forEach(e -> statuses.add(e.get("check").get("status").asText()));
    // The 504 names several candidate rules; the scripted mismatch is one of them.
    assertEquals(List.of("STILL_PRESENT", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "STILL_PRESENT"), statuses);
  }

  @Test
  void checkOfADiagnosticWithoutRuleReportsTheVerdictOnly() throws IOException {
    ScriptedValidator v = new ScriptedValidator(Reports::warn);
    String text = "ms-diagnostics: 4242;reason=\"Something new\";domain=\"example.com\"";
    CliRun r = CliRun.run(v, "explain", "--check", file("u.txt", text).toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("this diagnostic names no rule to look for; the live check says example.com is WARN"
        + " with CERT_NO_CLIENT_AUTH_EKU"), r.out());
  }

  @Test
  void badCheckOptionsAreUsageErrors() throws IOException {
    Path f = file("c.txt", seed("seed-client-1009.txt"));
    CliRun r = CliRun.run(NEVER, "explain", "--check", "--no-public-roots", f.toString());
    assertEquals(2, r.exitCode());
    assertEquals(1, r.err().lines().count(), r.err());
    CliRun fmt = CliRun.run(NEVER, "explain", "--format", "csv", f.toString());
    assertEquals(2, fmt.exitCode());
    assertTrue(fmt.err().contains("text|json"), fmt.err());
  }
}
