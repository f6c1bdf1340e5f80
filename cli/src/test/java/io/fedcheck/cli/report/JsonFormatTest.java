package io.fedcheck.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Finding;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Verdict;
import io.fedcheck.cli.CliRun;
import io.fedcheck.cli.Reports;
import io.fedcheck.cli.ScriptedValidator;
import io.fedcheck.cli.options.TextStyle;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class JsonFormatTest {

  private static final Function<String, FederationReport> SCRIPT = d -> switch (Reports.ascii(d)) {
    case "acano.steven.lab" -> Reports.mismatch(d);
    case "cms.steven.lab" -> Reports.observed(d);
    case "nosrv.example" -> Reports.srvMissing(d);
    default -> Reports.pass(d);
  };

  @Test
  void jsonIsAnArrayOfOneReportPerDomainWithTheContractFields() throws Exception {
    CliRun r = CliRun.run(new ScriptedValidator(SCRIPT), "check", "--format", "json",
        "ACANO.steven.lab", "cms.steven.lab", "Bücher.example.");
    assertEquals(1, r.exitCode(), r.err());
    JsonNode tree = ReportJson.MAPPER.readTree(r.out());
    assertTrue(tree.isArray());
    assertEquals(3, tree.size());

    JsonNode acano = tree.get(0);
    assertEquals("ACANO.steven.lab", acano.get("domain").asText());
    assertEquals("acano.steven.lab", acano.get("asciiDomain").asText());
    assertEquals("FAIL", acano.get("verdict").asText());
    assertEquals("2026-03-01T10:15:30Z", acano.get("checkedAt").asText());
    JsonNode f = acano.get("findings").get(0);
    assertEquals("SRV_TARGET_DOMAIN_MISMATCH", f.get("rule").asText());
    assertEquals("ERROR", f.get("severity").asText());
    assertEquals("vcse.steven.lab", f.get("subject").asText());
    assertTrue(f.get("message").asText().contains("not inside acano.steven.lab"));
    assertTrue(f.get("remediation").asText().startsWith("Publish _sipfederationtls._tcp.acano.steven.lab"));
    assertEquals(1009, f.get("microsoft").get("msDiagnostics").asInt());
    assertEquals("0xC3E93D6F", f.get("microsoft").get("resultCode").asText());
    assertTrue(f.get("microsoft").get("text").asText().startsWith("No match for domain in DNS SRV results"));
    assertEquals("vcse.steven.lab", f.get("evidence").get("target").asText());
    assertTrue(acano.get("srv").isArray() && acano.get("srv").isEmpty());
    assertTrue(acano.get("srvLookup").isNull());
    assertTrue(acano.get("certificates").isEmpty());
    assertTrue(acano.get("timings").isObject());

    JsonNode cms = tree.get(1);
    assertEquals("PASS", cms.get("verdict").asText());
    JsonNode info = cms.get("findings").get(0);
    assertEquals("INFO", info.get("severity").asText());
    assertEquals(1010, info.get("microsoft").get("msDiagnostics").asInt());
    assertTrue(info.get("microsoft").get("resultCode").isNull());
    JsonNode srv = cms.get("srv").get(0);
    assertEquals("_sipfederationtls._tcp.cms.steven.lab", srv.get("name").asText());
    assertEquals(5061, srv.get("port").asInt());
    assertEquals("vcse.cms.steven.lab", srv.get("target").asText());
    assertEquals(0, srv.get("priority").asInt());
    assertEquals(300, srv.get("ttl").asInt());
    assertEquals("ANSWER", cms.get("srvLookup").get("outcome").asText());
    assertEquals(1, cms.get("srvLookup").get("recordCount").asInt());
    JsonNode target = cms.get("targets").get(0);
    assertEquals("vcse.cms.steven.lab", target.get("fqdn").asText());
    assertEquals("192.0.2.10", target.get("addresses").get(0).asText());
    assertEquals("HANDSHAKE_COMPLETED", target.get("tls").get("outcome").asText());
    assertEquals("TLSv1.3", target.get("tls").get("protocol").asText());
    assertTrue(target.get("tls").get("clientCertificateRequested").asBoolean());
    JsonNode cert = cms.get("certificates").get(0);
    assertEquals("vcse.cms.steven.lab", cert.get("target").asText());
    assertEquals(0, cert.get("chainIndex").asInt());
    assertEquals("CN=vcse.cms.steven.lab,O=fedcheck test", cert.get("subject").asText());
    assertEquals("CN=vcse.cms.steven.lab,O=fedcheck test", cert.get("issuer").asText());
    assertEquals(List.of("vcse.steven.lab", "vcse.cms.steven.lab"),
        List.of(cert.get("sans").get(0).asText(), cert.get("sans").get(1).asText()));
    assertEquals(Reports.PEM_SHA256, cert.get("sha256").asText());
    assertEquals("2123-12-08T03:27:20Z", cert.get("notAfter").asText());
    assertEquals("EC", cert.get("keyAlgorithm").asText());
    assertEquals(256, cert.get("keyBits").asInt());
    assertEquals(12, cms.get("timings").get("srv").asInt());
    assertEquals(40, cms.get("timings").get("tls:vcse.cms.steven.lab:5061").asInt());

    assertEquals("Bücher.example.", tree.get(2).get("domain").asText());
    assertEquals("xn--bcher-kva.example", tree.get(2).get("asciiDomain").asText());
  }

  @Test
  void jsonOfNoReportsIsAnEmptyArray() throws Exception {
    java.io.StringWriter s = new java.io.StringWriter();
    ReportWriter w = ReportFormat.JSON.newWriter(new java.io.PrintWriter(s), new TextStyle(false), false, false);
    w.finish();
    assertEquals(0, ReportJson.MAPPER.readTree(s.toString()).size());
  }

  @Test
  void jsonLinesIsOneParsableReportPerLineEvenWithNewlinesInMessages() throws Exception {
    Function<String, FederationReport> script = d -> d.startsWith("evil")
        ? Reports.report(d, Verdict.FAIL, List.of(Finding.of(RuleId.TLS_HANDSHAKE_FAILED, "sip." + d,
            "line one\nline two\r\n\u001b[31mred", "fix,\"it\"", Map.of())))
        : SCRIPT.apply(d);
    CliRun r = CliRun.run(new ScriptedValidator(script), "check", "--format", "jsonl",
        "acano.steven.lab", "evil.example", "nosrv.example", "pass.example");
    assertEquals(1, r.exitCode(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(4, lines.size(), r.out());
    List<String> domains = new java.util.ArrayList<>();
    for (String line : lines) {
      JsonNode n = ReportJson.MAPPER.readTree(line);
      domains.add(n.get("domain").asText());
      assertTrue(n.has("verdict") && n.has("findings") && n.has("srv") && n.has("certificates") && n.has("timings"));
    }
    assertEquals(List.of("acano.steven.lab", "evil.example", "nosrv.example", "pass.example"), domains);
    JsonNode evil = ReportJson.MAPPER.readTree(lines.get(1));
    assertEquals("line one\nline two\r\n\u001b[31mred", evil.get("findings").get(0).get("message").asText());
    assertTrue(evil.get("findings").get(0).get("microsoft").get("msDiagnostics").isNull());
    JsonNode nosrv = ReportJson.MAPPER.readTree(lines.get(2));
    assertEquals("NXDOMAIN", nosrv.get("srvLookup").get("outcome").asText());
    assertEquals("SRV_MISSING", nosrv.get("findings").get(0).get("rule").asText());
    assertEquals(1008, nosrv.get("findings").get(0).get("microsoft").get("msDiagnostics").asInt());
  }
}
