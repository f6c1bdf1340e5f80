package io.fedcheck.benchmarks.tls;

import io.fedcheck.api.CertificateInspector;
import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.InspectorOptions;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.TlsProbe;
import io.fedcheck.jdk.JsseCertificateInspector;
import io.fedcheck.netty.NettyCertificateInspector;
import io.fedcheck.testkit.tls.TestCertificateAuthority;
import io.fedcheck.testkit.tls.TlsEndpoint;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Full TLS handshakes per second of {@link JsseCertificateInspector}: {@code endpoints} distinct
 * test-kit {@link TlsEndpoint}s on loopback, each with its own leaf (EC P-256, leaf + intermediate
 * presented) and its own SNI name, probed round-robin with {@code inFlight} probes outstanding at
 * all times (the inspector is created with the same number of handshake threads). Each invocation
 * runs {@value #BATCH} probes as a pipeline that never drains; the score is handshakes/s.
 *
 * <p><b>Both ends run here.</b> The endpoints' server side (accept, ECDSA signing, key exchange, one
 * pooled thread per connection) runs in this JVM on the same cores as the inspector, so the score
 * is the throughput of client and server together: roughly half of the machine goes to the server.
 * Against a server on another host the client alone would go faster.
 *
 * <p>{@code failedProbes} counts probes that did not end with {@link
 * TlsOutcome#HANDSHAKE_COMPLETED} and a presented chain; a resumed session would show no chain and
 * count here, so a non-zero figure means the score is not of full handshakes. {@code
 * serverHandshakes} is what the endpoints counted in the iteration (one per probe when nothing
 * failed). {@code clientCpuMicros} and {@code serverCpuMicros} are the CPU time the inspector's
 * threads and the endpoints' threads used in the iteration (JVM thread CPU time of threads alive
 * at the end of each invocation): divided by {@code serverHandshakes} they give the CPU cost of
 * one handshake on each side, a figure that a loaded machine disturbs far less than the score.
 *
 * <p><b>Warm-up matters.</b> JDK 17's elliptic-curve arithmetic (ECDSA P-256, X25519) is Java code,
 * and a handshake runs it slowly until C2 has compiled it; on a loaded 2-core machine that takes
 * thousands of handshakes. The short run below is dominated by that warm-up; the long one is the
 * steady state.
 *
 * <p>Run:
 *
 * <pre>
 * mvn -B -o -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar InspectorThroughput -f 1 -wi 2 -i 3 -w 3s -r 5s
 * java -jar benchmarks/target/benchmarks.jar InspectorThroughput -f 1 -wi 5 -i 5 -w 5s -r 10s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InspectorThroughputBenchmark {
  static final int BATCH = 256;
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  /** How many distinct endpoints (ports, leaves, SNI names) the probes cycle through. */
  @Param({"64"})
  public int endpoints;

  /** The inspector: the JDK's TLS, or Netty with native BoringSSL. */
  @Param({"jsse", "netty"})
  public String backend;

  /** How many probes are outstanding at all times (and the JSSE inspector's handshake threads). */
  @Param({"16"})
  public int inFlight;

  private final List<TlsEndpoint> servers = new ArrayList<>();
  private final List<TlsProbe> probes = new ArrayList<>();
  private CertificateInspector inspector;
  private String clientThreads;
  private Semaphore window;
  private final Semaphore completed = new Semaphore(0);
  private final LongAdder failed = new LongAdder();
  private int cursor;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  /** Probes that did not end with a completed handshake and a chain, and the servers' count. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Counts {
    /** Failed probes in this iteration. */
    public long failedProbes;
    /** Handshakes the endpoints completed in this iteration. */
    public long serverHandshakes;
    /** CPU time of the inspector's threads in this iteration, microseconds. */
    public long clientCpuMicros;
    /** CPU time of the endpoints' threads in this iteration, microseconds. */
    public long serverCpuMicros;

    /** Starts each iteration at zero. */
    @Setup(Level.Iteration)
    public void reset() {
      failedProbes = 0;
      serverHandshakes = 0;
      clientCpuMicros = 0;
      serverCpuMicros = 0;
    }
  }

  /** Issues the leaves, starts the endpoints and the inspector. */
  @Setup(Level.Trial)
  public void setUp() {
    TestCertificateAuthority issuing =
        TestCertificateAuthority.create("fedcheck Bench Root").intermediate("fedcheck Bench Issuing CA");
    for (int i = 0; i < endpoints; i++) {
      String name = "sip" + i + ".tls.bench";
      TlsEndpoint server = TlsEndpoint.serving(issuing.leaf(name));
      servers.add(server);
      probes.add(new TlsProbe(name, server.host(), server.port(), DEADLINE));
    }
    InspectorOptions options = new InspectorOptions(null, inFlight);
    switch (backend) {
      case "jsse" -> {
        inspector = JsseCertificateInspector.create(options);
        clientThreads = "fedcheck-jsse-";
      }
      case "netty" -> {
        inspector = NettyCertificateInspector.create(options);
        clientThreads = "fedcheck-netty-";
      }
      default -> throw new IllegalArgumentException("backend must be jsse or netty: " + backend);
    }
    window = new Semaphore(inFlight);
  }

  /** Lets the last probes end, then closes the inspector and the endpoints. */
  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    window.acquire(inFlight);
    inspector.close();
    servers.forEach(TlsEndpoint::close);
  }

  /** Starts {@value #BATCH} more probes and waits for {@value #BATCH} probes to end. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void handshakes(Counts counts) throws InterruptedException {
    long failedBefore = failed.sum();
    long serverBefore = serverHandshakes();
    Map<Long, long[]> cpuBefore = cpuNanos();
    for (int k = 0; k < BATCH; k++) {
      TlsProbe probe = probes.get(cursor);
      cursor = (cursor + 1) % probes.size();
      window.acquire();
      inspector.inspect(probe).whenComplete((CertificateObservation seen, Throwable e) -> {
        if (e != null || seen.outcome() != TlsOutcome.HANDSHAKE_COMPLETED || seen.chain().isEmpty()) {
          failed.increment();
        }
        window.release();
        completed.release();
      });
    }
    completed.acquire(BATCH);
    counts.failedProbes += failed.sum() - failedBefore;
    counts.serverHandshakes += serverHandshakes() - serverBefore;
    long[] cpu = cpuUsed(cpuBefore, cpuNanos());
    counts.clientCpuMicros += cpu[0] / 1_000;
    counts.serverCpuMicros += cpu[1] / 1_000;
  }

  /** CPU nanoseconds so far of each live inspector thread (side 0) and endpoint thread (side 1). */
  private Map<Long, long[]> cpuNanos() {
    Map<Long, long[]> seen = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      String name = info.getThreadName();
      int side = name.startsWith(clientThreads) ? 0 : name.startsWith("fedcheck-tls-") ? 1 : -1;
      long cpu = threads.getThreadCpuTime(info.getThreadId());
      if (side >= 0 && cpu >= 0) {
        seen.put(info.getThreadId(), new long[] {side, cpu});
      }
    }
    return seen;
  }

  /**
   * CPU nanoseconds used between two snapshots, per side. A thread born in between counts in full;
   * one that ended in between is lost (rare: both pools keep their threads while busy).
   */
  private static long[] cpuUsed(Map<Long, long[]> before, Map<Long, long[]> after) {
    long[] used = new long[2];
    after.forEach((id, now) -> {
      long[] then = before.get(id);
      used[(int) now[0]] += now[1] - (then == null ? 0 : then[1]);
    });
    return used;
  }

  private long serverHandshakes() {
    long sum = 0;
    for (TlsEndpoint server : servers) {
      sum += server.completedHandshakes();
    }
    return sum;
  }
}
