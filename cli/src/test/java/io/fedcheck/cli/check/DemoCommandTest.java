package io.fedcheck.cli.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.Profile;
import io.fedcheck.cli.CliRun;
import io.fedcheck.cli.FedcheckCommand;
import io.fedcheck.cli.Reports;
import io.fedcheck.cli.ScriptedValidator;
import io.fedcheck.cli.options.CliContext;
import io.fedcheck.cli.options.DemoLab;
import io.fedcheck.cli.report.ReportJson;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

  /** Stands in for the test kit's lab: what the demo needs of it, and whether it was stopped. */
  static final class RecordingLab implements DemoLab {
    final InetSocketAddress dns = new InetSocketAddress(InetAddress.getLoopbackAddress(), 15353);
    boolean closed;

    @Override
    public List<String> domains() {
      return List.of("example.com", "acano.steven.lab");
    }

    @Override
    public InetSocketAddress dnsServer() {
      return dns;
    }

    @Override
    public List<X509Certificate> trustAnchors() {
      return List.of(Reports.certificate());
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void checksEveryLabDomainAgainstTheLabsDnsAndRootAndStopsTheLab() throws Exception {
    RecordingLab lab = new RecordingLab();
    ScriptedValidator v = new ScriptedValidator(d -> d.startsWith("acano") ? Reports.mismatch(d) : Reports.pass(d));
    CliRun r = CliRun.run(new CliContext(v, () -> lab, Map.of(), false), "demo", "--format", "jsonl", "--profile", "microsoft365");
    assertEquals(1, r.exitCode(), r.err());
    assertEquals(List.of("example.com", "acano.steven.lab"), v.asked);
    assertEquals(List.of(lab.dns), v.settings.dnsServers());
    assertTrue(v.settings.allowPrivateAddresses(), "the lab lives on loopback");
    assertEquals(List.of(Reports.certificate()), v.settings.extraTrustAnchors());
    assertEquals(Profile.MICROSOFT_365, v.settings.profile());
    assertEquals(2, r.out().lines().count());
    assertEquals("acano.steven.lab", ReportJson.MAPPER.readTree(r.out().lines().toList().get(1)).get("domain").asText());
    assertTrue(lab.closed);
    assertTrue(v.closed);
  }

  @Test
  void aLabThatCannotStartIsOneLineAndNoReport() {
    ScriptedValidator v = new ScriptedValidator(Reports::pass);
    CliRun r = CliRun.run(new CliContext(v, () -> {
      throw new IllegalStateException("cannot bind 127.0.0.1:53");
    }, Map.of(), false), "demo");
    assertEquals(4, r.exitCode());
    assertEquals("fedcheck: cannot bind 127.0.0.1:53\n", r.err());
    assertEquals("", r.out());
    assertEquals(0, v.created);
  }

  @Test
  void theSeedLabDemoShowsEveryScenarioWithTheVerdictTheLabExpects() throws Exception {
    CliRun r = CliRun.run(FedcheckCommand.systemContext(), "demo", "--format", "jsonl");
    assertEquals(0, r.exitCode(), r.err());
    java.util.Map<String, String> verdicts = new java.util.LinkedHashMap<>();
    java.util.Set<String> rules = new java.util.HashSet<>();
    for (String line : r.out().lines().toList()) {
      com.fasterxml.jackson.databind.JsonNode n = ReportJson.MAPPER.readTree(line);
      verdicts.put(n.get("domain").asText(), n.get("verdict").asText());
      n.get("findings").forEach(f -> rules.add(f.get("rule").asText()));
    }
    assertEquals("PASS", verdicts.get("steven.lab"));
    assertEquals("PASS", verdicts.get("example.com"));
    assertEquals("FAIL", verdicts.get("acano.steven.lab"));
    assertEquals("FAIL", verdicts.get("cms.steven.lab"));
    assertTrue(rules.contains("SRV_TARGET_DOMAIN_MISMATCH"), rules.toString());
    assertTrue(rules.contains("CERT_NAME_MISMATCH"), rules.toString());
    assertTrue(r.err().contains("verdict the lab was built to produce"), r.err());
  }

  @Test
  void theDemoTextShowsTheMicrosoftDiagnostics() {
    CliRun r = CliRun.run(FedcheckCommand.systemContext(), "demo", "--color", "never");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("1009"), r.out());
    assertTrue(r.out().contains("1010"), r.out());
    assertTrue(r.out().contains("vcse.cms.steven.lab"), r.out());
  }
}
