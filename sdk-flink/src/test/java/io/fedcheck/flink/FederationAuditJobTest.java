package io.fedcheck.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.api.RuleId;
import io.fedcheck.report.FederationReportJson;
import io.fedcheck.testkit.FederationLab;
import io.fedcheck.testkit.SeedLab;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a MiniCluster (one task manager, two slots, parallelism 2) against the seed lab's
 * real DNS server and TLS endpoints on loopback.
 */
class FederationAuditJobTest {
  @RegisterExtension
  static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1)
          .setNumberSlotsPerTaskManager(2)
          .build());

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int COPIES = 40;

  private static FederationLab lab;
  private static Path trust;

  @TempDir
  Path dir;

  @BeforeAll
  static void startLab(@TempDir Path shared) {
    lab = SeedLab.start();
    trust = lab.writeTrustStore(shared.resolve("lab-root.pem"));
  }

  @AfterAll
  static void stopLab() {
    lab.close();
  }

  /** The seed domains, COPIES times, with comments, blank lines and malformed entries between. */
  private Path input(List<String> malformed) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("# the seed lab, " + COPIES + " times");
    for (int i = 0; i < COPIES; i++) {
      lines.addAll(lab.domains());
      lines.add("");
      if (i < malformed.size()) {
        lines.add(malformed.get(i) + "   # a bad one");
      }
    }
    Path file = dir.resolve("domains.txt");
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }

  private String[] args(Path in, Path out, String... more) {
    List<String> a = new ArrayList<>(List.of("--input", in.toString(), "--output", out.toString(),
        "--parallelism", "2", "--dns-server", "127.0.0.1:" + lab.dnsServer().getPort(),
        "--trust-store", trust.toString(), "--no-public-roots", "--allow-private-addresses", "--timeout", "10s"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  /** Every JSON line of the part files under {@code out}. */
  private static List<JsonNode> results(Path out) throws IOException {
    List<JsonNode> all = new ArrayList<>();
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part")
          && p.getFileName().toString().endsWith(".jsonl")).toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          all.add(JSON.readTree(line));
        }
      }
    }
    return all;
  }

  /** N in, N out: every input line has exactly one result (none lost, none twice). */
  private static List<JsonNode> assertOneResultPerLine(Map<Long, String> expected, Path out) throws IOException {
    List<JsonNode> got = results(out);
    assertEquals(expected.size(), got.size(), "N in, N out");
    TreeSet<Long> lines = new TreeSet<>();
    got.forEach(n -> lines.add(n.path("line").asLong()));
    assertEquals(new TreeSet<>(expected.keySet()), lines, "each input line exactly once");
    return got;
  }

  private static Map<Long, String> inputLines(Path in) throws IOException {
    Map<Long, String> lines = new HashMap<>();
    try (var s = Files.newInputStream(in)) {
      new io.fedcheck.report.DomainListReader(s).forEachRemaining(e -> lines.put(e.line(), e.domain()));
    }
    return lines;
  }

  @Test
  void batchJobWritesOneResultPerLineWithTheVerdictsOfTheValidator() throws Exception {
    Path in = input(List.of("not a domain", "-bad-.example", "a..b"));
    Path out = dir.resolve("out");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int code = FederationAuditJob.run(args(in, out), new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8));
    assertEquals(0, code, stderr.toString(StandardCharsets.UTF_8));

    Map<Long, String> expected = inputLines(in);
    List<JsonNode> got = assertOneResultPerLine(expected, out);

    // The reference: the same spec's validator called directly, as fedcheck audit does, and the
    // jsonl line the CLI's writer makes from its report (timings and times aside).
    ValidatorSpec spec = JobOptions.parse(args(in, out)).spec();
    Map<String, FederationReport> reference = new HashMap<>();
    try (FederationValidator validator = spec.newValidator()) {
      for (String d : new TreeSet<>(expected.values())) {
        reference.put(d, validator.validateAndWait(d));
      }
    }
    for (JsonNode n : got) {
      String domain = n.path("domain").asText();
      assertEquals(expected.get(n.path("line").asLong()), domain, "the line's own domain");
      FederationReport ref = reference.get(domain);
      JsonNode cli = FederationReportJson.auditResult(n.path("line").asLong(), ref);
      assertEquals(cli.path("verdict"), n.path("verdict"), domain);
      assertEquals(rules(cli), rules(n), domain);
      assertEquals(fieldNames(cli), fieldNames(n), "the shape of an audit jsonl line");
      if (lab.domains().contains(domain)) {
        assertEquals(lab.expectedVerdict(domain).orElseThrow().name(), n.path("verdict").asText(), domain);
      }
    }
    long invalid = got.stream().filter(n -> rules(n).contains(RuleId.DOMAIN_INVALID.name())).count();
    assertEquals(3, invalid, "each malformed line is a DOMAIN_INVALID result");
    String summary = stdout.toString(StandardCharsets.UTF_8);
    assertTrue(summary.contains("fedcheck-flink: done"), summary);
  }

  @Test
  void aDirectoryInputTagsEachResultWithItsFile() throws Exception {
    Path lists = Files.createDirectories(dir.resolve("lists"));
    Files.write(lists.resolve("a.txt"), lab.domains(), StandardCharsets.UTF_8);
    List<String> b = new ArrayList<>(List.of("# tenants of the second reseller"));
    b.addAll(lab.domains());
    b.add("not a domain");
    Files.createDirectories(lists.resolve("sub"));
    Files.write(lists.resolve("sub").resolve("b.txt"), b, StandardCharsets.UTF_8);
    Path out = dir.resolve("out-dir");
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int code = FederationAuditJob.run(args(lists, out), new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
    assertEquals(0, code, stderr.toString(StandardCharsets.UTF_8));

    Map<String, String> expected = new HashMap<>();
    inputLines(lists.resolve("a.txt")).forEach((line, d) -> expected.put("a.txt:" + line, d));
    inputLines(lists.resolve("sub").resolve("b.txt")).forEach((line, d) -> expected.put("sub/b.txt:" + line, d));
    List<JsonNode> got = results(out);
    assertEquals(expected.size(), got.size(), "N in, N out over both files");
    Map<String, String> seen = new HashMap<>();
    for (JsonNode n : got) {
      seen.put(n.path("file").asText() + ":" + n.path("line").asLong(), n.path("domain").asText());
      assertEquals(List.of("line", "file"), fieldNames(n).subList(0, 2), "file right after line");
    }
    assertEquals(expected, seen, "each (file, line) once, with its own domain");
  }

  private static List<String> rules(JsonNode n) {
    List<String> r = new ArrayList<>();
    n.path("findings").forEach(f -> r.add(f.path("rule").asText()));
    return r;
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Fails once, after some records went through, so the job restarts mid-way. */
  static final class FailOnce implements MapFunction<AuditRecord, AuditRecord> {
    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final AtomicLong SEEN = new AtomicLong();

    @Override
    public AuditRecord map(AuditRecord r) throws Exception {
      if (SEEN.incrementAndGet() == 60 && FAILED.compareAndSet(false, true)) {
        throw new IllegalStateException("injected failure after 60 records");
      }
      // Slow enough that a checkpoint completes before the failure.
      Thread.sleep(5);
      return r;
    }
  }

  @Test
  void streamingJobRestartedAfterAFailureStillWritesEveryLineOnce() throws Exception {
    Path in = input(List.of());
    Path out = dir.resolve("out-restart");
    JobOptions options = JobOptions.parse(args(in, out, "--mode", "streaming", "--checkpoint-interval", "100ms"));
    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, java.time.Duration.ofMillis(100));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    FederationAuditJob.configure(env, options);
    DataStream<AuditRecord> records = FederationAuditJob.audit(FederationAuditJob.source(env, options), options, 2)
        .map(new FailOnce()).setParallelism(1);
    FederationAuditJob.sink(records, options);
    env.execute("restart test");

    assertTrue(FailOnce.FAILED.get(), "the failure was injected");
    assertOneResultPerLine(inputLines(in), out);
  }
}
