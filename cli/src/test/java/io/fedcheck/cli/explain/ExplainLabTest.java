package io.fedcheck.cli.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedcheck.cli.CliRun;
import io.fedcheck.cli.options.ValidatorSetup;
import io.fedcheck.cli.report.ReportJson;
import io.fedcheck.testkit.FederationLab;
import io.fedcheck.testkit.SeedLab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explain --check} through the real validator (DNS over UDP/TCP and TLS on loopback) against
 * the test kit's copy of the seed lab: the seed's diagnostics are found again; after the fix the
 * seed recommends, they are not.
 */
class ExplainLabTest {
  @TempDir Path tmp;

  private CliRun explainAgainst(FederationLab lab, String seed, String... more) throws IOException {
    Path trust = lab.writeTrustStore(tmp.resolve("lab-root.pem"));
    Path input = Files.writeString(tmp.resolve(seed), ExplainCommandTest.seed(seed), StandardCharsets.UTF_8);
    List<String> args = new ArrayList<>(List.of("explain", "--check",
        "--dns-server", "127.0.0.1:" + lab.dnsServer().getPort(), "--trust-store", trust.toString(),
        "--allow-private-addresses", "--timeout", "20s"));
    args.addAll(List.of(more));
    args.add(input.toString());
    return CliRun.run(new ValidatorSetup(), args.toArray(String[]::new));
  }

  @Test
  void seedDiagnosticsAreStillPresentInTheSeedLab() throws IOException {
    try (FederationLab lab = SeedLab.start()) {
      CliRun srv = explainAgainst(lab, "seed-edge-1009-no-srv-match.txt");
      assertEquals(1, srv.exitCode(), srv.out() + srv.err());
      assertTrue(srv.out().contains("still present: SRV_TARGET_DOMAIN_MISMATCH found again (acano.steven.lab is FAIL)"),
          srv.out());

      CliRun cert = explainAgainst(lab, "seed-client-1010.txt", "--format", "json");
      assertEquals(1, cert.exitCode(), cert.out() + cert.err());
      JsonNode check = ReportJson.MAPPER.readTree(cert.out()).get("explanations").get(0).get("check");
      assertEquals("STILL_PRESENT", check.get("status").asText(), check.toString());
      assertEquals("cms.steven.lab", check.get("domain").asText());
      assertEquals("CERT_NAME_MISMATCH", check.get("foundAgain").get(0).get("rule").asText());
    }
  }

  @Test
  void seedDiagnosticsAreGoneInTheRepairedLab() throws IOException {
    try (FederationLab lab = SeedLab.repaired()) {
      for (String seed : new String[] {"seed-edge-1009-no-srv-match.txt", "seed-client-1010.txt"}) {
        CliRun r = explainAgainst(lab, seed);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("Now:                not found any more ("), r.out());
      }
    }
  }
}
