package io.fedcheck.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedcheck.cli.FedcheckCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.EnumSource.Mode;

/**
 * Kills an audit process with SIGKILL at a random point, resumes it, and checks that every input
 * line ends up in the output exactly once and that the file parses. The kill point is random (and
 * printed); what is asserted does not depend on it.
 */
class AuditKillTest {
  private static final int LINES = 2500;

  @TempDir Path tmp;

  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void killChildren() throws InterruptedException {
    for (Process p : children) {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** A fixed input: domains, repeats, comments, blank and invalid lines. Returns line to domain. */
  private Map<Long, String> writeInput(Path file) throws IOException {
    Random r = new Random(42);
    StringBuilder b = new StringBuilder();
    Map<Long, String> expected = new TreeMap<>();
    for (long line = 1; line <= LINES; line++) {
      int kind = r.nextInt(50);
      String text;
      String domain;
      if (kind == 0) {
        text = "# comment " + line;
        domain = null;
      } else if (kind == 1) {
        text = "";
        domain = null;
      } else if (kind == 2) {
        text = "not a domain " + line;
        domain = text;
      } else if (kind < 6) {
        domain = "d" + r.nextInt(20) + ".example"; // a repeat
        text = domain;
      } else {
        domain = "d" + line + ".example";
        text = domain + (kind == 7 ? "   # note" : "");
      }
      b.append(text).append('\n');
      if (domain != null) {
        expected.put(line, domain);
      }
    }
    Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    return expected;
  }

  private Process start(String mainClass, List<String> extra, Path out, AuditFormat format, Path in,
      boolean resume, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        mainClass, "audit", "--input", in.toString(), "--output", out.toString(),
        "--format", format.cliName(), "--concurrency", "8"));
    cmd.addAll(extra);
    if (resume) {
      cmd.add("--resume");
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    children.add(p);
    return p;
  }

  private static long newlines(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    byte[] bytes = Files.readAllBytes(file);
    long n = 0;
    for (byte b : bytes) {
      if (b == '\n') {
        n++;
      }
    }
    return n;
  }

  @ParameterizedTest
  @EnumSource(value = AuditFormat.class, mode = Mode.EXCLUDE, names = "JSON")
  void killedAtARandomPointAndResumedGivesEveryLineExactlyOnce(AuditFormat format) throws Exception {
    killAndResume(format, AuditChild.class.getName(), List.of());
  }

  /**
   * The same with the real {@code fedcheck} main class and the offline zone-file resolver (DNS only,
   * rate-limited so that the kill lands mid-run).
   */
  @ParameterizedTest
  @EnumSource(value = AuditFormat.class, mode = Mode.EXCLUDE, names = "JSON")
  void theRealCommandKilledAndResumedGivesEveryLineExactlyOnce(AuditFormat format) throws Exception {
    Path zone = tmp.resolve("example.zone");
    StringBuilder z = new StringBuilder("$ORIGIN example.\n$TTL 300\n"
        + "@ SOA ns.example. hostmaster.example. 1 3600 600 86400 300\n@ NS ns.example.\nns A 192.0.2.53\n");
    for (int i = 0; i <= LINES; i++) {
      z.append("_sipfederationtls._tcp.d").append(i).append(" SRV 0 0 5061 sip.d").append(i).append(".example.\n")
          .append("sip.d").append(i).append(" A 192.0.2.").append(1 + i % 200).append('\n');
    }
    Files.writeString(zone, z.toString());
    killAndResume(format, FedcheckCommand.class.getName(),
        List.of("--zone-file", zone.toString(), "--skip-tls", "--qps", "1000"));
  }

  private void killAndResume(AuditFormat format, String mainClass, List<String> extra) throws Exception {
    Path in = tmp.resolve("domains.txt");
    Map<Long, String> expected = writeInput(in);
    Path out = tmp.resolve("out." + format.cliName());
    long killAfter = ThreadLocalRandom.current().nextLong(20, expected.size() / 2);
    System.out.println("AuditKillTest " + format + ": killing after " + killAfter + " lines");

    Process first = start(mainClass, extra, out, format, in, false, tmp.resolve("first.log"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (first.isAlive() && newlines(out) < killAfter && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    first.destroyForcibly();
    assertTrue(first.waitFor(60, TimeUnit.SECONDS), "the killed child exits");
    long before = newlines(out);
    System.out.println("AuditKillTest " + format + ": " + before + " lines at the kill, "
        + Files.size(out) + " bytes, exit " + first.exitValue());

    Process second = start(mainClass, extra, out, format, in, true, tmp.resolve("second.log"));
    assertTrue(second.waitFor(180, TimeUnit.SECONDS), "the resumed audit finishes");
    String log = Files.readString(tmp.resolve("second.log"));
    assertEquals(1, second.exitValue(), "invalid lines are FAILs: " + log);
    assertTrue(log.contains("audit: " + expected.size() + " results:"), log);

    assertEquals(expected, format == AuditFormat.JSONL ? jsonlLines(out) : csvLines(out));
  }

  private static Map<Long, String> jsonlLines(Path out) {
    Map<Long, String> got = new TreeMap<>();
    for (JsonNode n : AuditScripts.jsonl(out)) {
      String before = got.put(n.path("line").asLong(), n.path("domain").asText());
      assertEquals(null, before, "line " + n.path("line") + " is in the output twice");
    }
    return got;
  }

  /** csv: a result has one or more rows; its rows must be adjacent and each line one result. */
  private static Map<Long, String> csvLines(Path out) {
    List<List<String>> rows = AuditScripts.csv(out);
    assertEquals(AuditResultWriter.CSV_HEADER, rows.get(0));
    Map<Long, String> got = new TreeMap<>();
    long previous = -1;
    for (List<String> row : rows.subList(1, rows.size())) {
      assertEquals(7, row.size(), row.toString());
      long line = Long.parseLong(row.get(0));
      if (line != previous) {
        assertEquals(null, got.put(line, row.get(1)), "line " + line + " is in the output twice");
        previous = line;
      }
    }
    return got;
  }
}
