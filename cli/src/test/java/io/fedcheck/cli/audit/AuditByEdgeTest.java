package io.fedcheck.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit --by-edge} and {@code --expiring-within} through the real validator against a lab:
 * five tenants share one edge whose certificate names another host (CERT_NAME_MISMATCH for all of
 * them), one tenant has its own edge with a certificate that expires in three days, one its own
 * edge with a healthy certificate.
 */
class AuditByEdgeTest {
  static final List<String> BULK = List.of("t1.lab", "t2.lab", "t3.lab", "t4.lab", "t5.lab");
  static FederationLab lab;

  @TempDir Path tmp;

  @BeforeAll
  static void startLab() {
    FederationLab.Builder b = FederationLab.builder()
        .server("bulk", s -> s.certificateNames("other.name.lab"));
    for (String d : BULK) {
      b.domain(d, s -> s.srv("sip.bulk.lab").server("bulk"));
    }
    lab = b.domain("soon.lab", d -> d.srv("sip.soon.lab").expiresIn(Duration.ofDays(3)))
        .domain("fine.lab", d -> d.srv("sip.fine.lab"))
        .start();
  }

  @AfterAll
  static void stopLab() {
    lab.close();
  }

  private CliRun audit(String... more) throws IOException {
    Path trust = lab.writeTrustStore(tmp.resolve("lab-root.pem"));
    List<String> domains = new ArrayList<>(BULK);
    domains.add("soon.lab");
    domains.add("fine.lab");
    Path in = Files.writeString(tmp.resolve("domains.txt"), String.join("\n", domains) + "\n",
        StandardCharsets.UTF_8);
    List<String> args = new ArrayList<>(List.of("audit", "--input", in.toString(),
        "--dns-server", "127.0.0.1:" + lab.dnsServer().getPort(), "--trust-store", trust.toString(),
        "--allow-private-addresses", "--timeout", "20s", "--quiet"));
    args.addAll(List.of(more));
    return CliRun.run(new ValidatorSetup(), args.toArray(String[]::new));
  }

  @Test
  void byEdgeShowsTheSharedWrongNameEdgeFirstWithItsAction() throws IOException {
    Path html = tmp.resolve("report.html");
    CliRun r = audit("--by-edge", "--output", tmp.resolve("out.jsonl").toString(),
        "--html-report", html.toString());
    assertEquals(1, r.exitCode(), r.err());
    String err = r.err();
    int edges = err.indexOf("audit: 3 edges, most failing tenants first:");
    assertTrue(edges >= 0, err);
    List<String> lines = err.substring(edges).lines().toList();
    assertTrue(lines.get(1).matches("sip\\.bulk\\.lab:\\d+  sha256 [0-9a-f]{8}\u2026  5 tenants  5 FAIL"),
        lines.get(1));
    assertEquals("  CERT_NAME_MISMATCH: fixes 5 failing tenants", lines.get(2), err);
    assertTrue(lines.get(3).startsWith("    Add sip.bulk.lab to the subjectAltName (SAN) list"), lines.get(3));
    assertTrue(err.contains("This clears CERT_NAME_MISMATCH for 5 tenants (5 failing)."), err);
    // The other two edges serve one tenant each and come after it.
    assertTrue(err.indexOf("sip.soon.lab:") > err.indexOf("sip.bulk.lab:"), err);
    assertTrue(err.indexOf("sip.fine.lab:") > err.indexOf("sip.bulk.lab:"), err);
    // --by-edge also shows the calendar: the three-day certificate, not the healthy ones.
    int expiring = err.indexOf("audit: expiring certificates (under 90 days, at ");
    assertTrue(expiring > edges, err);
    String calendar = err.substring(expiring);
    assertTrue(calendar.contains("\n  <7 days\n    sip.soon.lab:"), calendar);
    assertTrue(calendar.matches("(?s).*sip\\.soon\\.lab:\\d+  [23] days left  1 tenant  .*"), calendar);
    assertFalse(calendar.contains("sip.bulk.lab"), calendar);
    assertFalse(calendar.contains("sip.fine.lab"), calendar);

    String page = Files.readString(html);
    int edgeSection = page.indexOf("<section id=\"edges\">");
    assertTrue(edgeSection > 0 && edgeSection < page.indexOf("<section id=\"summary\">"), "Edges first");
    assertEquals(3, HtmlReportTest.count(page, "<tr class=\"edge\">"), page);
    assertTrue(page.matches("(?s).*<tr class=\"edge\"><td>sip\\.bulk\\.lab:\\d+</td><td title=\"[0-9a-f]{64}\">"
        + "[0-9a-f]{16}\u2026</td><td class=\"num\">5</td><td>5 FAIL</td><td>CERT_NAME_MISMATCH: Add .*"), page);
    // Under each edge, behind a disclosure: its tenants and every action with its counts.
    String detail = page.substring(page.indexOf("<tr class=\"edge-detail\">"));
    detail = detail.substring(0, detail.indexOf("</tr>"));
    assertTrue(detail.contains("<summary>5 tenants, 2 actions</summary>"), detail);
    assertTrue(detail.contains("t1.lab, t2.lab, t3.lab, t4.lab, t5.lab"), detail);
    assertTrue(detail.contains("<li><b>CERT_NAME_MISMATCH</b> (5 tenants, 5 failing): Add sip.bulk.lab"), detail);
    assertFalse(page.contains("http://") || page.contains("https://"), "self-contained");
  }

  @Test
  void edgesOutputWritesTheEdgesWhateverTheFormat() throws IOException {
    Path out = tmp.resolve("out.csv");
    Path edgesFile = tmp.resolve("edges.json");
    CliRun r = audit("--format", "csv", "--output", out.toString(), "--edges-output", edgesFile.toString());
    assertEquals(1, r.exitCode(), r.err());
    List<List<String>> rows = AuditScripts.csv(out);
    int domain = rows.get(0).indexOf("domain");
    assertEquals(7, rows.stream().skip(1).map(row -> row.get(domain)).distinct().count(), "the results");
    assertFalse(Files.readString(out).contains("tenantCount"), "the csv holds the results only");
    assertTrue(r.err().contains("audit: 3 edges, most failing tenants first:"), "implies --by-edge: " + r.err());
    JsonNode root = ReportJson.MAPPER.readTree(edgesFile.toFile());
    JsonNode edges = root.get("edges");
    assertEquals(3, edges.size(), root.toString());
    assertEquals("sip.bulk.lab", edges.get(0).get("fqdn").asText());
    assertEquals(5, edges.get(0).get("failingTenants").asInt());
    assertEquals(1, root.get("expiringCertificates").size(), root.toString());
    assertTrue(root.get("evaluatedAt").isTextual());

    CliRun same = audit("--output", out.toString(), "--edges-output", out.toString());
    assertEquals(2, same.exitCode(), same.err());
    assertTrue(same.err().contains("--edges-output and --output name the same file"), same.err());
  }

  @Test
  void jsonOutputCarriesTheEdgesSection() throws IOException {
    Path out = tmp.resolve("out.json");
    CliRun r = audit("--by-edge", "--format", "json", "--output", out.toString());
    assertEquals(1, r.exitCode(), r.err());
    JsonNode root = ReportJson.MAPPER.readTree(out.toFile());
    assertEquals(7, root.get("results").size(), root.toString());
    JsonNode edges = root.get("edges");
    assertEquals(3, edges.size(), edges.toString());
    JsonNode first = edges.get(0);
    assertEquals("sip.bulk.lab", first.get("fqdn").asText());
    assertEquals(5, first.get("tenantCount").asInt());
    assertEquals(5, first.get("failingTenants").asInt());
    assertEquals(5, first.get("verdictCounts").get("FAIL").asInt());
    assertEquals(0, first.get("verdictCounts").get("PASS").asInt());
    Set<String> tenants = new TreeSet<>();
    first.get("tenants").forEach(t -> tenants.add(t.asText()));
    assertEquals(new TreeSet<>(BULK), tenants);
    JsonNode action = first.get("actions").get(0);
    assertEquals("CERT_NAME_MISMATCH", action.get("rule").asText());
    assertEquals(5, action.get("failingTenants").asInt());
    assertEquals("sip.bulk.lab", action.get("sanNamesToAdd").get(0).asText());
    assertEquals(1, edges.get(1).get("tenantCount").asInt());
    JsonNode soon = root.get("expiringCertificates");
    assertEquals(1, soon.size(), soon.toString());
    assertEquals("UNDER_7_DAYS", soon.get(0).get("band").asText());
    assertTrue(soon.get(0).get("endpoints").get(0).asText().startsWith("sip.soon.lab:"));
    assertEquals("soon.lab", soon.get(0).get("tenants").get(0).asText());
  }

  @Test
  void withoutFleetOptionsJsonStaysAnArray() throws IOException {
    Path out = tmp.resolve("plain.json");
    CliRun r = audit("--format", "json", "--output", out.toString());
    assertEquals(1, r.exitCode(), r.err());
    assertTrue(ReportJson.MAPPER.readTree(out.toFile()).isArray());
    assertFalse(r.err().contains("edges"), r.err());
    assertFalse(r.err().contains("expiring certificates"), r.err());
  }

  @Test
  void expiringWithinListsOnlyTheDomainsWhoseCertificateExpiresInTime() throws IOException {
    Path out = tmp.resolve("soon.jsonl");
    CliRun r = audit("--expiring-within", "168h", "--output", out.toString());
    // The exit code still covers every domain checked, the failing ones too.
    assertEquals(1, r.exitCode(), r.err());
    List<JsonNode> results = AuditScripts.jsonl(out);
    assertEquals(List.of("soon.lab"), results.stream().map(n -> n.get("domain").asText()).toList());
    assertTrue(r.err().contains("audit: 7 results:"), "the summary counts every domain: " + r.err());
    String calendar = r.err().substring(r.err().indexOf("audit: expiring certificates (within PT168H"));
    assertTrue(calendar.contains("\n  <7 days\n    sip.soon.lab:"), calendar);
    assertFalse(r.err().contains("most failing tenants first"), "no edges without --by-edge");

    Path none = tmp.resolve("none.jsonl");
    CliRun tight = audit("--expiring-within", "1h", "--output", none.toString());
    assertEquals(1, tight.exitCode(), tight.err());
    assertEquals(List.of(), AuditScripts.jsonl(none), "no certificate expires within the hour");
    assertTrue(tight.err().contains("audit: expiring certificates (within PT1H, at "), tight.err());
    assertTrue(tight.err().contains("): 0\n"), tight.err());

    Path wide = tmp.resolve("wide.jsonl");
    CliRun all = audit("--expiring-within", "P3650D", "--output", wide.toString());
    assertEquals(7, AuditScripts.jsonl(wide).size(), all.err());
  }

  @Test
  void fleetOptionsRefuseResume() throws IOException {
    CliRun r = audit("--by-edge", "--resume", "--output", tmp.resolve("x.jsonl").toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("cannot be combined with --resume"), r.err());
  }
}
