package io.fedcheck.cli.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedcheck.cli.CliRun;
import io.fedcheck.cli.options.ValidatorSetup;
import io.fedcheck.cli.report.ReportJson;
import io.fedcheck.testkit.tls.HeldCertificate;
import io.fedcheck.testkit.tls.TestCertificateAuthority;
import io.fedcheck.testkit.tls.TlsEndpoint;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop: {@code fedcheck check} against a DNS server that is not ours — Debian's NSD, started on a
 * loopback port by {@code scripts/nsd-lab.sh} — and TLS endpoints on loopback, exactly as a user
 * would run it: {@code --dns-server 127.0.0.1:PORT --trust-store ca.pem --allow-private-addresses
 * --format json}. Skips (with a message) where {@code nsd} is not installed; CI installs it with
 * {@code scripts/install-test-tools.sh}.
 */
class CliNsdInteropTest {
  private static final Path SCRIPT = Path.of("..", "scripts", "nsd-lab.sh").toAbsolutePath().normalize();

  @TempDir static Path dir;
  private static TlsEndpoint edge;
  private static int dnsPort;
  private static Path caPem;
  private static boolean started;

  @BeforeAll
  static void startNsdAndEdge() throws Exception {
    io.fedcheck.testkit.ExternalProgram.require("nsd", "nsd");
    TestCertificateAuthority ca = TestCertificateAuthority.create("Interop Root");
    HeldCertificate identity = ca.leaf("sip.good.interop.test");
    edge = TlsEndpoint.serving(identity);
    caPem = dir.resolve("ca.pem");
    Files.writeString(caPem, ca.rootPem(), StandardCharsets.US_ASCII);

    int port = edge.port();
    String zone = String.join("\n",
        "$ORIGIN interop.test.",
        "$TTL 300",
        "@ IN SOA ns.interop.test. hostmaster.interop.test. 1 3600 600 86400 300",
        "@ IN NS ns.interop.test.",
        "ns IN A 127.0.0.1",
        // healthy: the target is inside the domain and named by the certificate
        "_sipfederationtls._tcp.good IN SRV 0 0 " + port + " sip.good.interop.test.",
        "sip.good IN A 127.0.0.1",
        // the seed's 1009: the target lies in another domain
        "_sipfederationtls._tcp.other IN SRV 0 0 " + port + " sip.good.interop.test.",
        // a name that exists without any SRV record
        "nosrv IN A 127.0.0.1",
        "");
    Path zoneFile = dir.resolve("interop.test.zone");
    Files.writeString(zoneFile, zone, StandardCharsets.US_ASCII);

    dnsPort = freePort();
    Process p = new ProcessBuilder(SCRIPT.toString(), "start", dir.toString(), Integer.toString(dnsPort),
        "interop.test=" + zoneFile)
        .redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "nsd-lab.sh start did not finish");
    assertEquals(0, p.exitValue(), "nsd-lab.sh start failed: " + log);
    started = true;
  }

  @AfterAll
  static void stop() throws Exception {
    if (started) {
      Process p = new ProcessBuilder(SCRIPT.toString(), "stop", dir.toString()).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    if (edge != null) {
      edge.close();
    }
  }

  @Test
  void checkAgainstNsdGivesTheVerdictsOfTheWorkedExamples() throws Exception {
    CliRun r = CliRun.run(new ValidatorSetup(), "check",
        "--dns-server", "127.0.0.1:" + dnsPort, "--trust-store", caPem.toString(), "--allow-private-addresses",
        "--timeout", "10s", "--format", "json",
        "good.interop.test", "OTHER.interop.test.", "nosrv.interop.test");
    assertEquals(1, r.exitCode(), r.err());
    JsonNode reports = ReportJson.MAPPER.readTree(r.out());
    assertEquals(3, reports.size());
    Map<String, String> verdicts = new HashMap<>();
    Map<String, Set<String>> rules = new HashMap<>();
    for (JsonNode report : reports) {
      String domain = report.get("asciiDomain").asText();
      verdicts.put(domain, report.get("verdict").asText());
      Set<String> ids = new HashSet<>();
      report.get("findings").forEach(f -> ids.add(f.get("rule").asText()));
      rules.put(domain, ids);
    }
    assertEquals("PASS", verdicts.get("good.interop.test"), rules.toString());
    assertEquals("FAIL", verdicts.get("other.interop.test"));
    assertTrue(rules.get("other.interop.test").contains("SRV_TARGET_DOMAIN_MISMATCH"));
    assertEquals("FAIL", verdicts.get("nosrv.interop.test"));
    assertTrue(rules.get("nosrv.interop.test").contains("SRV_MISSING"));
    assertTrue(edge.serverNames().contains("sip.good.interop.test"), "SNI was the SRV target");
  }

  @Test
  void loopbackTargetsAreNotConnectedToWithoutTheOptIn() throws Exception {
    int before = edge.acceptedConnections();
    CliRun r = CliRun.run(new ValidatorSetup(), "check",
        "--dns-server", "127.0.0.1:" + dnsPort, "--trust-store", caPem.toString(), "--format", "jsonl",
        "good.interop.test");
    assertEquals(1, r.exitCode(), r.err());
    JsonNode report = ReportJson.MAPPER.readTree(r.out());
    List<String> ids = report.get("findings").findValuesAsText("rule");
    assertTrue(ids.contains("TARGET_ADDRESS_NOT_PUBLIC"), ids.toString());
    assertEquals(before, edge.acceptedConnections(), "no connection to a loopback target by default");
  }

  private static int freePort() throws IOException {
    // NSD binds UDP and TCP on the same port: find one that is free for both.
    for (int i = 0; i < 20; i++) {
      try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
          DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), InetAddress.getLoopbackAddress())) {
        return tcp.getLocalPort();
      } catch (IOException busy) {
        // try another
      }
    }
    throw new IOException("no free loopback port for nsd");
  }
}
