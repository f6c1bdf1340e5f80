package io.fedcheck.cli.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Profile;
import io.fedcheck.cli.CliRun;
import io.fedcheck.cli.FedcheckCommand;
import io.fedcheck.cli.Reports;
import io.fedcheck.cli.ScriptedValidator;
import io.fedcheck.cli.options.CheckSettings;
import io.fedcheck.cli.options.CliContext;
import io.fedcheck.cli.options.ResolverBackend;
import io.fedcheck.cli.options.ValidatorSetup;
import io.fedcheck.cli.report.ReportJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  @TempDir Path tmp;

  private static Function<String, FederationReport> byName() {
    return d -> {
      String a = Reports.ascii(d);
      if (a.startsWith("fail")) {
        return Reports.mismatch(d);
      }
      if (a.startsWith("unknown")) {
        return Reports.unknown(d);
      }
      if (a.startsWith("warn")) {
        return Reports.warn(d);
      }
      return Reports.pass(d);
    };
  }

  @Test
  void everyDomainPassOrWarnExitsZero() {
    CliRun r = CliRun.run(new ScriptedValidator(byName()), "check", "pass.example", "warn.example");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("", r.err());
  }

  @Test
  void oneFailExitsOneEvenWithUnknowns() {
    assertEquals(1, CliRun.run(new ScriptedValidator(byName()), "check", "pass.example", "fail.example").exitCode());
    assertEquals(1, CliRun.run(new ScriptedValidator(byName()), "check", "unknown.example", "fail.example").exitCode());
  }

  @Test
  void unknownWithoutFailExitsThree() {
    CliRun r = CliRun.run(new ScriptedValidator(byName()), "check", "pass.example", "unknown.example");
    assertEquals(3, r.exitCode());
  }

  @Test
  void domainsReachTheValidatorAsGivenInOrderAndItIsClosed() {
    ScriptedValidator v = new ScriptedValidator(byName());
    CliRun r = CliRun.run(v, "check", "Bücher.Example.", "EXAMPLE.COM", "pass.example");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(List.of("Bücher.Example.", "EXAMPLE.COM", "pass.example"), v.asked);
    assertEquals(1, v.created);
    assertTrue(v.closed);
    assertTrue(r.out().contains("Bücher.Example. (xn--bcher-kva.example)"), r.out());
  }

  @Test
  void defaultsGiveSystemDnsTenSecondsAndAStrictOnPremisesPolicy() {
    ScriptedValidator v = new ScriptedValidator(byName());
    CliRun.run(v, "check", "pass.example");
    CheckSettings s = v.settings;
    assertEquals(List.of(), s.dnsServers());
    assertEquals(ResolverBackend.DNSJAVA, s.resolver());
    assertEquals(Duration.ofSeconds(10), s.timeout());
    assertEquals(Profile.ON_PREMISES, s.profile());
    assertTrue(s.publicRoots());
    assertFalse(s.allowPrivateAddresses());
    assertFalse(s.requireClientAuth());
    assertEquals(List.of(), s.extraTrustAnchors());
    assertFalse(s.offlineDns());
    assertNull(s.certificateDirectory());
    assertFalse(s.policy().allowPrivateAddresses());
    assertEquals(Duration.ofSeconds(2), s.resolverOptions().queryTimeout());
  }

  @Test
  void everyCheckOptionReachesTheSettings() throws IOException {
    Path pem = tmp.resolve("roots.pem");
    try (var in = Reports.class.getResourceAsStream(Reports.PEM_RESOURCE)) {
      Files.write(pem, ("# private root\n" + new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    Path zone = Files.writeString(tmp.resolve("lab.zone"), "$ORIGIN example.com.\n");
    Path certs = Files.createDirectory(tmp.resolve("certs"));
    ScriptedValidator v = new ScriptedValidator(byName());
    CliRun r = CliRun.run(v, "check",
        "--dns-server", "127.0.0.1:5353", "--dns-server", "[::1]:53", "--dns-server", "::1",
        "--resolver", "JDK", "--timeout", "500ms", "--trust-store", pem.toString(), "--no-public-roots",
        "--profile", "microsoft365", "--require-client-auth", "--allow-private-addresses",
        "--zone-file", zone.toString(), "--cert-dir", certs.toString(), "pass.example");
    assertEquals(0, r.exitCode(), r.err());
    CheckSettings s = v.settings;
    InetAddress v6 = InetAddress.getByName("::1");
    assertEquals(List.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5353),
        new InetSocketAddress(v6, 53), new InetSocketAddress(v6, 53)), s.dnsServers());
    assertEquals(ResolverBackend.JDK, s.resolver());
    assertEquals(Duration.ofMillis(500), s.timeout());
    assertEquals(List.of(Reports.certificate()), s.extraTrustAnchors());
    assertFalse(s.publicRoots());
    assertEquals(Profile.MICROSOFT_365, s.profile());
    assertTrue(s.policy().requiresPublicCa());
    assertTrue(s.policy().requireClientAuthEku());
    assertTrue(s.policy().allowPrivateAddresses());
    assertEquals(List.of(Reports.certificate()), s.policy().extraTrustAnchors());
    assertEquals(List.of(zone), s.resolverOptions().zoneFiles());
    assertEquals(certs, s.inspectorOptions().certificateDirectory());
    assertEquals(s.dnsServers(), s.resolverOptions().servers());
    // A quarter of the deadline per DNS attempt, so retries fit inside it.
    assertEquals(Duration.ofMillis(125), s.resolverOptions().queryTimeout());
  }

  @Test
  void outputFileGetsTheReportsAndStdoutStaysEmpty() throws IOException {
    Path file = tmp.resolve("reports.json");
    Files.writeString(file, "old content that must be replaced");
    CliRun r = CliRun.run(new ScriptedValidator(byName()), "check", "--format", "json", "--output", file.toString(),
        "pass.example", "fail.example");
    assertEquals(1, r.exitCode(), r.err());
    assertEquals("", r.out());
    var tree = ReportJson.MAPPER.readTree(file.toFile());
    assertEquals(2, tree.size());
    assertEquals("FAIL", tree.get(1).get("verdict").asText());
  }

  @Test
  void outputFileInAMissingDirectoryIsAUsageError() {
    ScriptedValidator v = new ScriptedValidator(byName());
    CliRun r = CliRun.run(v, "check", "--output", tmp.resolve("no/such/dir/out.txt").toString(), "pass.example");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().startsWith("fedcheck: cannot write "), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(v.closed, "the validator is closed when the output cannot be opened");
  }

  @Test
  void aValidatorThatCannotBeBuiltIsAnInternalErrorOnOneLine() {
    CliRun r = CliRun.run(s -> {
      throw new IllegalStateException("no backend\nsecond line");
    }, "check", "pass.example");
    assertEquals(4, r.exitCode());
    assertEquals("fedcheck: no backend\n", r.err());
    assertEquals("", r.out());
  }

  @Test
  void theRealSetupWithADeadDnsServerGivesUnknownNotAStackTrace() throws Exception {
    // A loopback UDP port that nobody answers: every lookup times out, so no honest verdict exists.
    try (java.net.DatagramSocket silent = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      CliRun r = CliRun.run(new ValidatorSetup(), "check", "--dns-server", "127.0.0.1:" + silent.getLocalPort(),
          "--timeout", "2s", "--format", "jsonl", "pass.example");
      assertEquals(3, r.exitCode(), r.err());
      assertEquals("UNKNOWN", ReportJson.MAPPER.readTree(r.out()).get("verdict").asText());
      assertFalse(r.err().contains("\tat "), r.err());
    }
  }

  @Test
  void versionNamesTheProgramAndExitsZero() {
    CliRun r = CliRun.run(new ScriptedValidator(byName()), "--version");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().startsWith("fedcheck "), r.out());
    assertFalse(r.out().startsWith("fedcheck unknown"), "the build filters the version in: " + r.out());
    assertTrue(r.out().contains("Java "), r.out());
  }

  @Test
  void helpListsCommandsAndDocumentsExitCodes() {
    CliRun top = CliRun.run(new ScriptedValidator(byName()), "--help");
    assertEquals(0, top.exitCode());
    assertTrue(top.out().contains("check") && top.out().contains("demo"), top.out());
    CliRun check = CliRun.run(new ScriptedValidator(byName()), "check", "--help");
    assertEquals(0, check.exitCode());
    for (String s : List.of("Exit codes:", "  3  ", "--dns-server", "--trust-store", "--no-public-roots",
        "--allow-private-addresses", "--zone-file", "--cert-dir", "--format", "--output", "--color",
        "--quiet", "--verbose", "--timeout", "--resolver", "--profile", "--require-client-auth")) {
      assertTrue(check.out().contains(s), s + " missing from:\n" + check.out());
    }
  }

  @Test
  void contextFromTheSystemUsesTheRealSetup() {
    CliContext c = FedcheckCommand.systemContext();
    assertTrue(c.validators() instanceof ValidatorSetup);
    assertEquals(System.getenv(), Map.copyOf(c.environment()));
  }
}
