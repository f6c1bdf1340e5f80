package io.fedcheck.benchmarks.dns;

import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.RecordType;
import io.fedcheck.dnsjava.DnsjavaResolver;
import io.fedcheck.testkit.dns.AuthoritativeDnsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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
 * DNS queries per second of {@link DnsjavaResolver} for a bulk audit's DNS step: for each domain,
 * the {@code _sipfederationtls._tcp} SRV lookup, then the A lookup of its target, with {@code
 * window} domains in flight. Each invocation resolves {@value #BATCH} domains (2 x {@value #BATCH}
 * queries) of the {@value BenchmarkDomains#DOMAINS} in {@link BenchmarkDomains}, as a pipeline that
 * never drains; the score is queries/s.
 * {@code failedLookups} counts domains that did not end with two answers (timeouts and the like).
 *
 * <p>{@code server=testkit} (the default) starts the test kit's {@link AuthoritativeDnsServer} in
 * the benchmark's JVM; {@code server=127.0.0.1:PORT} asks a server already running with the
 * {@link BenchmarkDomains} zone, such as NSD. Run:
 * <pre>
 * mvn -B -o -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar ResolverThroughput -f 1 -wi 2 -i 3 -w 2s -r 3s
 * java -cp benchmarks/target/benchmarks.jar io.fedcheck.benchmarks.dns.BenchmarkDomains zone /tmp/nsd/bench.zone
 * scripts/nsd-lab.sh start /tmp/nsd 5399 bench.lab=/tmp/nsd/bench.zone
 * java -jar benchmarks/target/benchmarks.jar ResolverThroughput -f 1 -wi 2 -i 3 -w 2s -r 3s -p server=127.0.0.1:5399
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ResolverThroughputBenchmark {
  static final int BATCH = 1_000;
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  /** The transport under test. */
  @Param({"MULTIPLEXED", "PER_QUERY"})
  public DnsjavaResolver.Transport transport;

  /** How many domains the harness keeps in flight (each has one query on the wire at a time). */
  @Param({"128", "1024"})
  public int window;

  /** {@code testkit}, or {@code HOST:PORT} of a running server holding the benchmark zone. */
  @Param({"testkit"})
  public String server;

  private AuthoritativeDnsServer testkit;
  private DnsjavaResolver resolver;
  private Semaphore inFlight;
  private final Semaphore completed = new Semaphore(0);
  private final LongAdder failed = new LongAdder();
  private int cursor;

  /** Domains that did not end with an SRV and an A answer, reported next to the score. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Failures {
    /** Failed domains in this iteration. */
    public long failedLookups;

    /** Starts each iteration at zero. */
    @Setup(Level.Iteration)
    public void reset() {
      failedLookups = 0;
    }
  }

  /** Starts the server (unless external) and the resolver. */
  @Setup(Level.Trial)
  public void setUp() throws UnknownHostException {
    InetSocketAddress address;
    if (server.equals("testkit")) {
      testkit = AuthoritativeDnsServer.builder().zone(BenchmarkDomains.zone()).recordQueries(false).start();
      address = testkit.address();
    } else {
      int colon = server.lastIndexOf(':');
      address = new InetSocketAddress(InetAddress.getByName(server.substring(0, colon)),
          Integer.parseInt(server.substring(colon + 1)));
    }
    resolver = DnsjavaResolver.builder()
        .server(address).queryTimeout(Duration.ofSeconds(2)).retries(2).transport(transport).build();
    inFlight = new Semaphore(window);
  }

  /** Stops the resolver and the server. */
  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    inFlight.acquire(window); // let the last lookups end
    resolver.close();
    if (testkit != null) {
      testkit.close();
    }
  }

  /**
   * Starts SRV-then-A lookups for {@value #BATCH} more domains and waits for {@value #BATCH} lookups
   * to end (not necessarily these: a lookup stalled on a lost packet does not hold the pipeline).
   */
  @Benchmark
  @OperationsPerInvocation(2 * BATCH)
  public void srvThenA(Failures failures) throws InterruptedException {
    long before = failed.sum();
    for (int k = 0; k < BATCH; k++) {
      int domain = cursor;
      cursor = (cursor + 1) % BenchmarkDomains.DOMAINS;
      inFlight.acquire();
      resolver.resolve(new DnsQuery(BenchmarkDomains.srvName(domain), RecordType.SRV, DEADLINE))
          .thenCompose(srv -> srv.outcome() == DnsOutcome.ANSWER && !srv.srvRecords().isEmpty()
              ? resolver.resolve(new DnsQuery(srv.srvRecords().get(0).target(), RecordType.A, DEADLINE))
              : CompletableFuture.completedFuture(srv))
          .whenComplete((DnsResult a, Throwable e) -> {
            if (e != null || a.outcome() != DnsOutcome.ANSWER || a.query().type() != RecordType.A) {
              failed.increment();
            }
            inFlight.release();
            completed.release();
          });
    }
    completed.acquire(BATCH);
    failures.failedLookups += failed.sum() - before;
  }
}
