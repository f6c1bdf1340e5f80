package io.fedcheck.cli.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.cli.CliRun;
import io.fedcheck.cli.audit.HtmlReportTest;
import io.fedcheck.cli.options.ValidatorSetup;
import io.fedcheck.testkit.FederationLab;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text format folds the INFO facts every lab domain carries (private CA, loopback address,
 * unusual port, SIP answer) into one dim line per domain, unless --verbose; errors stay in full.
 */
class TextInfoCollapseTest {
  static FederationLab lab;

  @TempDir Path tmp;

  @BeforeAll
  static void startLab() {
    lab = FederationLab.builder()
        .domain("good.lab", d -> d.srv("sip.good.lab"))
        .domain("wrong.lab", d -> d.srv("sip.wrong.lab").certificateNames("elsewhere.lab"))
        .start();
  }

  @AfterAll
  static void stopLab() {
    lab.close();
  }

  private CliRun check(String... more) throws IOException {
    Path trust = lab.writeTrustStore(tmp.resolve("lab-root.pem"));
    List<String> args = new ArrayList<>(List.of("check", "--color", "never",
        "--dns-server", "127.0.0.1:" + lab.dnsServer().getPort(), "--trust-store", trust.toString(),
        "--allow-private-addresses", "--timeout", "20s"));
    args.addAll(List.of(more));
    args.add("good.lab");
    args.add("wrong.lab");
    return CliRun.run(new ValidatorSetup(), args.toArray(String[]::new));
  }

  private static int port(String host) {
    return lab.endpoint(host).orElseThrow().address().getPort();
  }

  @Test
  void labInfoFactsShareOneLinePerDomain() throws IOException {
    CliRun r = check();
    assertEquals(1, r.exitCode(), r.out() + r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals("PASS     good.lab", lines.get(0), r.out());
    assertTrue(lines.get(1).startsWith("  info: "), r.out());
    String info = lines.get(1);
    assertTrue(info.contains("private CA"), info);
    assertTrue(info.contains("loopback address"), info);
    assertTrue(info.contains("port " + port("sip.good.lab")), info);
    assertTrue(lines.get(2).isEmpty(), "one line only: " + r.out());
    for (String rule : new String[] {"CERT_PRIVATE_CA", "TARGET_ADDRESS_NOT_PUBLIC", "SRV_PORT_UNUSUAL", "SIP_RESPONSE"}) {
      assertFalse(r.out().contains("[" + rule + "]"), rule + " folded: " + r.out());
    }
    // The error keeps its full entry, and the domain's facts come after it.
    int wrong = r.out().indexOf("FAIL     wrong.lab");
    int error = r.out().indexOf("  ERROR    The certificate does not name the SRV target  [CERT_NAME_MISMATCH]");
    int how = r.out().indexOf("How to fix: ", error);
    int wrongInfo = r.out().indexOf("  info: ", wrong);
    assertTrue(wrong >= 0 && error > wrong && how > error && wrongInfo > how, r.out());
    assertTrue(r.out().substring(wrongInfo).contains("port " + port("sip.wrong.lab")), r.out());
    assertEquals(2, HtmlReportTest.count(r.out(), "  info: "), r.out());
  }

  @Test
  void verboseShowsEachFactInFull() throws IOException {
    CliRun r = check("--verbose");
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertFalse(r.out().contains("  info: "), r.out());
    for (String rule : new String[] {"CERT_PRIVATE_CA", "TARGET_ADDRESS_NOT_PUBLIC", "SRV_PORT_UNUSUAL"}) {
      assertEquals(2, HtmlReportTest.count(r.out(), "[" + rule + "]"), rule + " once per domain: " + r.out());
    }
  }
}
