package io.fedcheck.cli.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedcheck.api.SipProbe;
import io.fedcheck.cli.CliRun;
import io.fedcheck.cli.options.CheckSettings;
import io.fedcheck.cli.options.ExitCodes;
import io.fedcheck.cli.options.ValidatorSetup;
import io.fedcheck.cli.report.ReportJson;
import io.fedcheck.testkit.FederationLab;
import io.fedcheck.testkit.tls.AfterHandshake;
import io.fedcheck.testkit.tls.ClientAuth;
import io.fedcheck.testkit.tls.HeldCertificate;
import io.fedcheck.testkit.tls.TestCertificateAuthority;
import io.fedcheck.testkit.tls.TlsEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} with the SIP OPTIONS probe through the real validator against a loopback lab: the
 * issue's web server behind a valid certificate turns from PASS into FAIL {@code SIP_NOT_SPOKEN};
 * {@code --no-sip-probe}, {@code --from-domain} and {@code --client-cert}/{@code --client-key} do
 * what they say, and bad values are one-line usage errors.
 */
class SipProbeCommandTest {
  private static final TestCertificateAuthority CA = TestCertificateAuthority.create("fedcheck CLI SIP root");
  private static FederationLab lab;
  @TempDir static Path tmp;
  private static Path trust;

  @BeforeAll
  static void start() throws IOException {
    lab = FederationLab.builder().certificateAuthority(CA)
        .domain("edge.lab", d -> d.srv("sip.edge.lab"))
        .domain("web.lab", d -> d.srv("sip.web.lab", t -> t.tls(s -> s.sip(b -> b.afterHandshake(AfterHandshake.HTTP)))))
        .domain("mtls.lab", d -> d.srv("sip.mtls.lab", t -> t.clientAuth(ClientAuth.NEED)))
        .start();
    trust = lab.writeTrustStore(tmp.resolve("lab-root.pem"));
  }

  @AfterAll
  static void stop() {
    lab.close();
  }

  private static CliRun check(String... more) {
    List<String> args = new ArrayList<>(List.of("check",
        "--dns-server", "127.0.0.1:" + lab.dnsServer().getPort(), "--trust-store", trust.toString(),
        "--allow-private-addresses", "--timeout", "10s"));
    args.addAll(List.of(more));
    return CliRun.run(new ValidatorSetup(), args.toArray(String[]::new));
  }

  private static JsonNode sip(CliRun r) throws IOException {
    return ReportJson.MAPPER.readTree(r.out()).get(0).get("targets").get(0).get("tls").get("sip");
  }

  @Test
  void webServerBehindAValidCertificateFailsWithSipNotSpoken() throws IOException {
    CliRun r = check("--format", "json", "web.lab");
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("\"SIP_NOT_SPOKEN\""), r.out());
    assertEquals("NOT_SIP", sip(r).get("outcome").asText());
    assertTrue(sip(r).get("excerpt").asText().startsWith("HTTP/1.1 400"), sip(r).toString());

    CliRun off = check("--no-sip-probe", "web.lab");
    assertEquals(0, off.exitCode(), "without the probe it was a PASS: " + off.out() + off.err());
  }

  @Test
  void edgeAnswerIsShownInJsonAndText() throws IOException {
    CliRun r = check("--format", "json", "--from-domain", "vendor.example", "edge.lab");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    JsonNode sip = sip(r);
    assertEquals("RESPONDED", sip.get("outcome").asText());
    assertEquals(200, sip.get("status").asInt());
    assertTrue(sip.get("headers").get("server").get(0).asText().startsWith("TANDBERG/"), sip.toString());
    assertTrue(sip.get("request").asText().contains("From: <sip:fedcheck@vendor.example>;tag="), sip.toString());
    assertTrue(sip.get("request").asText().contains("User-Agent: " + SipProbe.DEFAULT_USER_AGENT + "\r\n"));

    CliRun text = check("--verbose", "edge.lab");
    assertTrue(text.out().contains("SIP OPTIONS: RESPONDED 200 OK, server TANDBERG/"), text.out());
    assertTrue(text.out().contains("[SIP_RESPONSE]"), text.out());
  }

  @Test
  void clientCertificateIsPresentedToAServerThatRequiresOne() throws IOException {
    HeldCertificate client = CA.leaf("edge.vendor.example");
    Path cert = Files.writeString(tmp.resolve("client.pem"), client.chainPem());
    Path key = Files.writeString(tmp.resolve("client.key"), client.privateKeyPem());
    TlsEndpoint endpoint = lab.endpoint("sip.mtls.lab").orElseThrow();
    CliRun r = check("--format", "json", "--client-cert", cert.toString(), "--client-key", key.toString(), "mtls.lab");
    assertEquals("RESPONDED", sip(r).get("outcome").asText(), r.out() + r.err());
    assertEquals(client.certificate(), endpoint.clientCertificates().get(endpoint.clientCertificates().size() - 1));
  }

  @Test
  void badSipOptionsAreOneLineUsageErrors() throws IOException {
    HeldCertificate client = CA.leaf("edge.vendor.example");
    HeldCertificate other = CA.leafBuilder().commonName("other.vendor.example").freshKeyPair().build();
    Path cert = Files.writeString(tmp.resolve("c.pem"), client.chainPem());
    Path wrongKey = Files.writeString(tmp.resolve("wrong.key"), other.privateKeyPem());
    Path garbage = Files.writeString(tmp.resolve("garbage.key"), "not a key\n");
    List<List<String>> cases = List.of(
        List.of("--from-domain", "bad domain>;x", "edge.lab"),
        List.of("--client-cert", cert.toString(), "edge.lab"),
        List.of("--client-cert", cert.toString(), "--client-key", wrongKey.toString(), "edge.lab"),
        List.of("--client-cert", cert.toString(), "--client-key", garbage.toString(), "edge.lab"),
        List.of("--no-sip-probe", "--from-domain", "vendor.example", "edge.lab"));
    for (List<String> c : cases) {
      CliRun r = check(c.toArray(String[]::new));
      assertEquals(ExitCodes.USAGE, r.exitCode(), c + ": " + r.err());
      assertEquals(1, r.err().strip().lines().filter(l -> !l.isBlank() && !l.startsWith("Usage") && !l.startsWith("Try")).count(),
          c + ": " + r.err());
      assertFalse(r.err().contains("Exception"), r.err());
    }
  }

  @Test
  void probeIsOnByDefaultWithTheNeutralFromDomain() {
    CheckSettings s = CheckSettings.builder().build();
    assertEquals(SipProbe.DEFAULT_FROM_DOMAIN, s.sipProbe().fromDomain());
    assertEquals(SipProbe.DEFAULT_FROM_DOMAIN, s.policy().sipProbe().orElseThrow().fromDomain());
    assertNull(s.inspectorOptions().clientIdentity());
  }
}
