package io.fedcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
 * broke, one was fixed, one left, one arrived, one certificate was renewed and one replaced.
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
    }
  }

  private static Path audit(FederationLab lab, String name, String format, List<String> domains) throws IOException {
    Path input = tmp.resolve(name + ".txt");
    Files.write(input, domains);
    Path trust = lab.writeTrustStore(tmp.resolve(name + ".pem"));
    Path out = tmp.resolve(name);
    CliRun r = CliRun.run(CliContext.ofSystem(), "audit", "--input", input.toString(), "--output", out.toString(),
        "--format", format, "--dns-server", "127.0.0.1:" + lab.dnsServer().getPort(), "--trust-store",
        trust.toString(), "--allow-private-addresses", "--quiet");
    assertTrue(r.exitCode() == 0 || r.exitCode() == 1, r.err());
    return out;
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
    CliRun r = CliRun.run(CliContext.ofSystem(), "diff", oldJsonl.toString(), newJsonl.toString());
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
    CliRun inMemory = CliRun.run(CliContext.ofSystem(), "diff", oldJsonl.toString(), newJsonl.toString());
    CliRun onDisk = CliRun.run(CliContext.ofSystem(), "diff", "--run-lines", "1", oldJsonl.toString(), shuffled.toString());
    assertEquals(inMemory.out(), onDisk.out());
    assertEquals(inMemory.exitCode(), onDisk.exitCode());
  }

  @Test
  void csvAuditsCompareVerdictsAndRules() {
    CliRun r = CliRun.run(CliContext.ofSystem(), "diff", "--format", "csv", oldCsv.toString(), newCsv.toString());
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
    CliRun r = CliRun.run(CliContext.ofSystem(), "diff", "--format", "json", oldJsonl.toString(), newJsonl.toString());
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
    CliRun r = CliRun.run(CliContext.ofSystem(), "diff", broken.toString(), newJsonl.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("line 3 of " + broken), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    CliRun missing = CliRun.run(CliContext.ofSystem(), "diff", tmp.resolve("nope.jsonl").toString(), newJsonl.toString());
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("is not a readable file"), missing.err());
    Files.writeString(tmp.resolve("empty.jsonl"), "", StandardCharsets.UTF_8);
  }
}
