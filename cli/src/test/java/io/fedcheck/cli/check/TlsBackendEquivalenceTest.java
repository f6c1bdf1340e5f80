package io.fedcheck.cli.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedcheck.cli.CliRun;
import io.fedcheck.cli.FedcheckCommand;
import io.fedcheck.cli.options.CheckOptions;
import io.fedcheck.cli.options.TlsBackend;
import io.fedcheck.cli.report.ReportJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: the Netty backend gives exactly the verdicts and rule ids of JSSE on the seed lab, and
 * the CLI really uses the backend it is told to (the hardening catalogue compares the two on every
 * test-kit TLS and SIP behaviour).
 */
class TlsBackendEquivalenceTest {

  @Test
  void nettyAndJsseGiveTheSameVerdictsAndRulesOnTheSeedLab() throws Exception {
    Map<String, String> jsse = verdictsAndRules("jsse");
    Map<String, String> netty = verdictsAndRules("netty");
    assertEquals(5, jsse.size(), jsse.toString());
    assertTrue(jsse.values().stream().anyMatch(v -> v.startsWith("FAIL")), jsse.toString());
    assertEquals(jsse, netty);
  }

  @Test
  void theOptionReachesTheSettingsAndItsAbsenceLeavesTheChoiceToDiscovery() {
    CheckOptions netty = picocli.CommandLine.populateCommand(new CheckOptions(), "--tls-backend", "NETTY");
    assertEquals(TlsBackend.NETTY, netty.toSettings().tlsBackend());
    CheckOptions jsse = picocli.CommandLine.populateCommand(new CheckOptions(), "--tls-backend", "jsse");
    assertEquals(TlsBackend.JSSE, jsse.toSettings().tlsBackend());
    assertEquals(null, picocli.CommandLine.populateCommand(new CheckOptions()).toSettings().tlsBackend());
  }

  @Test
  void anUnknownBackendIsAUsageErrorNamingTheChoices() {
    CliRun r = CliRun.run(FedcheckCommand.systemContext(), "check", "--tls-backend", "openssl", "example.com");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("'openssl' is not one of jsse|netty"), r.err());
  }

  /** domain -> "VERDICT RULE,RULE,..." (sorted rule ids) from the demo's jsonl with the backend. */
  private static Map<String, String> verdictsAndRules(String backend) throws Exception {
    CliRun r = CliRun.run(FedcheckCommand.systemContext(), "demo", "--format", "jsonl", "--tls-backend", backend);
    assertEquals(0, r.exitCode(), r.err());
    Map<String, String> out = new TreeMap<>();
    for (String line : r.out().lines().toList()) {
      JsonNode n = ReportJson.MAPPER.readTree(line);
      List<String> rules = new ArrayList<>();
      n.get("findings").forEach(f -> rules.add(f.get("rule").asText()));
      rules.sort(null);
      out.put(n.get("domain").asText(), n.get("verdict").asText() + " " + String.join(",", rules));
    }
    return out;
  }
}
