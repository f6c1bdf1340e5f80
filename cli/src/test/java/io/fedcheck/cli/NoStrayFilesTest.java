package io.fedcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SECURITY.md promises that fedcheck writes nothing outside the output files it is asked for. Each
 * command runs here in a child process whose working directory, home directory and temporary
 * directory are empty folders of the test's; afterwards they hold exactly the files requested.
 */
class NoStrayFilesTest {
  @TempDir Path work;
  @TempDir Path home;
  @TempDir Path tmp;

  private int fedcheck(String... args) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Duser.home=" + home, "-Djava.io.tmpdir=" + tmp,
        "-cp", System.getProperty("java.class.path"), FedcheckCommand.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
    pb.environment().put("HOME", home.toString());
    pb.environment().put("TMPDIR", tmp.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "fedcheck did not finish: " + out);
    return p.exitValue();
  }

  private static Set<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  void auditWritesOnlyItsOutputAndReport() throws Exception {
    Files.writeString(work.resolve("stray.lab.zone"), String.join("\n",
        "$ORIGIN stray.lab.", "$TTL 60", "@ IN SOA ns hostmaster 1 60 60 60 60", "@ IN NS ns", "ns IN A 192.0.2.1",
        "_sipfederationtls._tcp IN SRV 0 0 5061 sip.stray.lab.", "sip IN A 192.0.2.10", ""));
    Files.writeString(work.resolve("domains.txt"), "stray.lab\nother.stray.lab\nnot a domain\n");
    int exit = fedcheck("audit", "--input", "domains.txt", "--zone-file", "stray.lab.zone", "--skip-tls",
        "--output", "results.jsonl", "--html-report", "report.html", "--quiet");
    assertEquals(1, exit);
    assertEquals(Set.of("stray.lab.zone", "domains.txt", "results.jsonl", "report.html"), files(work));
    assertEquals(Set.of(), files(home));
    assertEquals(Set.of(), files(tmp));
  }

  @Test
  void planWritesOnlyTheCsrAndTheKey() throws Exception {
    int exit = fedcheck("plan", "--edge-host", "vcse", "--address", "198.51.100.47", "--csr", "edge.csr",
        "--new-key", "edge.key", "steven.lab", "acano.steven.lab");
    assertEquals(0, exit);
    assertEquals(Set.of("edge.csr", "edge.key"), files(work));
    assertEquals(Set.of(), files(home));
    assertEquals(Set.of(), files(tmp));
  }

  @Test
  void checkAndExplainWriteNothingButTheRequestedOutput() throws Exception {
    Files.writeString(work.resolve("pasted.txt"), "ms-diagnostics: 1009;reason=\"No match for domain in DNS SRV"
        + " results\";domain=\"acano.steven.lab\";fqdn1=\"vcse.steven.lab:5061\"\n");
    assertEquals(0, fedcheck("explain", "pasted.txt"));
    // An invalid name fails without any lookup; the report goes to the requested file only.
    assertEquals(1, fedcheck("check", "--output", "report.txt", "bad..name"));
    assertEquals(Set.of("pasted.txt", "report.txt"), files(work));
    assertEquals(Set.of(), files(home));
    assertEquals(Set.of(), files(tmp));
  }
}
