package io.fedcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedcheck.cli.explain.ExplainCommandTest;
import io.fedcheck.cli.options.ValidatorSetup;
import io.fedcheck.cli.report.ReportJson;
import io.fedcheck.testkit.dns.AuthoritativeDnsServer;
import io.fedcheck.testkit.dns.DnsFault;
import io.fedcheck.testkit.dns.DnsZone;
import io.fedcheck.testkit.dns.HostileAnswers;
import io.fedcheck.testkit.tls.HeldCertificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line given untrusted or hostile input, as a new user would: the zone files of issue
 * #16's table in {@code check}, {@code audit} and {@code plan --verify-zone}; devices as
 * certificate files; far-future {@code --at}; a huge {@code explain} paste; byte-order marks in an
 * audit input; and runs of broken zones next to healthy ones on the test kit's DNS server. Every
 * refusal is one line on stderr, exit 2, no stack trace, well under the catalogue's 2 s.
 */
class UntrustedInputTest {
  private static final Duration BUDGET = Duration.ofSeconds(3);
  private static final String SOA = "$ORIGIN good.lab.\n$TTL 300\n"
      + "@ IN SOA ns hostmaster 1 3600 600 86400 300\n@ IN NS ns\nns IN A 127.0.0.1\n";
  private static final String[] PLAN = {"plan", "steven.lab", "--edge-host", "vcse", "--address", "198.51.100.47"};

  @TempDir Path tmp;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
  }

  private static CliRun run(String... args) {
    return assertTimeoutPreemptively(BUDGET, () -> CliRun.run(new ValidatorSetup(), args));
  }

  private static void assertOneLineUsageError(CliRun r, String contains) {
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains(contains), r.err());
    assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
  }

  /** The zone files of the table, by case. */
  private Path zone(String kase) throws IOException {
    return switch (kase) {
      case "generate" -> write("gen.zone", SOA + "$GENERATE 1-100000000 h$ A 127.0.0.1\n");
      case "devzero" -> write("dev.zone", SOA + "$INCLUDE /dev/zero\n");
      case "cycle" -> {
        write("b.zone", "$INCLUDE a.zone\n");
        yield write("a.zone", SOA + "$INCLUDE b.zone\n");
      }
      case "passwd" -> write("passwd.zone", SOA + "$INCLUDE /etc/passwd\n");
      case "garbage" -> write("garbage.zone", "\u0000\u0001 this is not a zone {{{\n");
      default -> throw new IllegalArgumentException(kase);
    };
  }

  private static String expected(String kase, boolean includes) {
    return switch (kase) {
      case "generate" -> "$GENERATE";
      case "devzero", "passwd" -> includes ? "outside" : "--zone-include";
      case "cycle" -> includes ? "cycle: a.zone -> b.zone -> a.zone" : "--zone-include";
      default -> "garbage.zone";
    };
  }

  @ParameterizedTest(name = "check --zone-file {0}")
  @ValueSource(strings = {"generate", "devzero", "cycle", "passwd", "garbage"})
  void checkRefusesHostileZoneFiles(String kase) throws Exception {
    Path f = zone(kase);
    CliRun r = run("check", "--zone-file", f.toString(), "good.lab");
    assertOneLineUsageError(r, expected(kase, false));
    assertFalse(r.err().contains("root:"), "nothing of /etc/passwd: " + r.err());
    CliRun on = run("check", "--zone-include", "--zone-file", f.toString(), "good.lab");
    assertOneLineUsageError(on, expected(kase, true));
    assertFalse(on.err().contains("root:"), on.err());
  }

  @ParameterizedTest(name = "plan --verify-zone {0}")
  @ValueSource(strings = {"generate", "devzero", "cycle", "passwd", "garbage"})
  void planRefusesHostileZoneFiles(String kase) throws Exception {
    Path f = zone(kase);
    List<String> args = new ArrayList<>(List.of(PLAN));
    args.addAll(List.of("--verify-zone", f.toString()));
    assertOneLineUsageError(run(args.toArray(String[]::new)), expected(kase, false));
    args.add("--zone-include");
    assertOneLineUsageError(run(args.toArray(String[]::new)), expected(kase, true));
  }

  @ParameterizedTest(name = "audit --zone-file {0}")
  @ValueSource(strings = {"generate", "devzero", "cycle", "passwd", "garbage"})
  void auditRefusesHostileZoneFiles(String kase) throws Exception {
    Path f = zone(kase);
    Path in = write("domains.txt", "good.lab\n");
    assertOneLineUsageError(run("audit", "--input", in.toString(), "--skip-tls", "-q", "--zone-file", f.toString()),
        expected(kase, false));
  }

  @Test
  void zoneMaxRecordsRaisesOrLowersTheCap() throws Exception {
    Path f = write("small.zone", SOA + "$GENERATE 1-50 h$ A 127.0.0.1\n");
    assertOneLineUsageError(run("check", "--zone-max-records", "20", "--zone-file", f.toString(), "good.lab"),
        "at most 20");
    CliRun ok = run("check", "--zone-max-records", "100", "--zone-file", f.toString(), "good.lab");
    assertTrue(ok.exitCode() != 2, ok.err());
    assertOneLineUsageError(run("check", "--zone-max-records", "0", "--zone-file", f.toString(), "good.lab"),
        "--zone-max-records");
  }

  // --- bounded reads of devices ----------------------------------------------------------------

  @Test
  void certificateFromADeviceIsCappedWhileRead() {
    assumeTrue(Files.isReadable(Path.of("/dev/zero")), "/dev/zero is not available");
    assertOneLineUsageError(run("cert", "/dev/zero", "--host", "x.example.com"), "larger than 4 MiB");
  }

  @Test
  void verifyCertFromADeviceIsCappedWhileRead() {
    assumeTrue(Files.isReadable(Path.of("/dev/zero")), "/dev/zero is not available");
    List<String> args = new ArrayList<>(List.of(PLAN));
    args.addAll(List.of("--verify-cert", "/dev/zero"));
    assertOneLineUsageError(run(args.toArray(String[]::new)), "larger than 4 MiB");
  }

  @Test
  void trustStoreFromADeviceIsCappedWhileRead() {
    assumeTrue(Files.isReadable(Path.of("/dev/zero")), "/dev/zero is not available");
    assertOneLineUsageError(run("check", "--trust-store", "/dev/zero", "x.example.com"), "larger than 4 MiB");
  }

  // --- error classification --------------------------------------------------------------------

  @Test
  void farFutureAtIsARangeError() throws Exception {
    HeldCertificate leaf = HeldCertificate.builder().commonName("sip.example.com").build();
    Path pem = write("leaf.pem", leaf.chainPem());
    assertOneLineUsageError(run("cert", pem.toString(), "--host", "sip.example.com", "--at",
        "+1000000000-01-01T00:00:00Z"), "out of range");
  }

  @Test
  void explainSaysWhenTheInputWasCut() throws Exception {
    StringBuilder big = new StringBuilder();
    while (big.length() < (3 << 20)) {
      big.append("an unrelated log line of no interest to anyone at all\n");
    }
    big.append(ExplainCommandTest.seed("seed-client-1009.txt"));
    Path f = write("big.log", big.toString());
    CliRun r = run("explain", f.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("read the first 1 MiB of") && r.err().contains("the rest was ignored"), r.err());
  }

  // --- audit input -----------------------------------------------------------------------------

  @Test
  void auditInputWithAUtf8BomKeepsItsFirstLineComment() throws Exception {
    Path zoneFile = write("good.lab.zone", SOA);
    Path in = tmp.resolve("bom.txt");
    Files.write(in, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        "# tenants\r\ngood.lab\r\nx.good.lab\r\n".getBytes(StandardCharsets.UTF_8)));
    CliRun r = run("audit", "--input", in.toString(), "--skip-tls", "-q", "--format", "jsonl",
        "--zone-file", zoneFile.toString());
    assertEquals(2, r.out().lines().count(), "one result per domain, none for the comment: " + r.out());
    assertFalse(r.out().contains("tenants"), r.out());
  }

  @Test
  void auditInputInUtf16IsRefused() throws Exception {
    Path in = tmp.resolve("utf16.txt");
    Files.write(in, concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "good.lab\n".getBytes(StandardCharsets.UTF_16LE)));
    assertOneLineUsageError(run("audit", "--input", in.toString(), "--skip-tls", "-q"), "UTF-16");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  // --- breaker isolation -----------------------------------------------------------------------

  @Test
  void brokenTenantsDoNotSpoilHealthyOnesInCheckAndAudit() throws Exception {
    try (AuthoritativeDnsServer dns = AuthoritativeDnsServer.builder().start()) {
      List<String> healthy = new ArrayList<>();
      List<String> mixed = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        dns.addZone(DnsZone.builder("loop" + i + ".iso").build());
        dns.fault("_sipfederationtls._tcp.loop" + i + ".iso", HostileAnswers.compressionPointerLoop());
        dns.addZone(DnsZone.builder("silent" + i + ".iso").build());
        dns.fault("_sipfederationtls._tcp.silent" + i + ".iso", DnsFault.dropAll());
        dns.addZone(DnsZone.builder("ok" + i + ".iso").build()); // no SRV: a conclusive FAIL
        mixed.add("loop" + i + ".iso");
        mixed.add("silent" + i + ".iso");
      }
      for (int i = 0; i < 12; i++) {
        mixed.add("ok" + i + ".iso");
        healthy.add("ok" + i + ".iso");
      }
      String server = "127.0.0.1:" + dns.port();
      Path in = write("mixed.txt", String.join("\n", mixed) + "\n");
      CliRun audit = CliRun.run(new ValidatorSetup(), "audit", "--input", in.toString(), "--skip-tls", "-q",
          "--format", "jsonl", "--concurrency", "1", "--timeout", "1s", "--dns-server", server);
      Map<String, String> verdicts = verdicts(audit.out());
      assertEquals(mixed.size(), verdicts.size(), audit.err());
      for (String d : healthy) {
        assertEquals("FAIL", verdicts.get(d), d + " keeps its verdict in audit: " + verdicts);
      }
      List<String> checkArgs = new ArrayList<>(List.of("check", "--format", "jsonl", "--timeout", "1s",
          "--dns-server", server));
      checkArgs.addAll(mixed);
      CliRun check = CliRun.run(new ValidatorSetup(), checkArgs.toArray(String[]::new));
      Map<String, String> checked = verdicts(check.out());
      for (String d : healthy) {
        assertEquals("FAIL", checked.get(d), d + " keeps its verdict in check: " + checked);
      }
    }
  }

  private static Map<String, String> verdicts(String jsonl) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (String line : jsonl.lines().toList()) {
      JsonNode n = ReportJson.MAPPER.readTree(line);
      out.put(n.path("domain").asText(), n.path("verdict").asText());
    }
    return out;
  }
}
