package io.fedcheck.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.InspectorOptions;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.TlsProbe;
import io.fedcheck.testkit.tls.TlsEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** JSSE-specific behaviour beyond {@link JsseCertificateInspectorContractTest}. */
class JsseCertificateInspectorTest {
  private final TlsEndpoint silent = TlsEndpoint.silent();

  @AfterEach
  void close() {
    silent.close();
  }

  @Test
  void handshakesInFlightAreBounded() throws Exception {
    try (JsseCertificateInspector inspector = JsseCertificateInspector.create(new InspectorOptions(null, 1))) {
      CompletableFuture<CertificateObservation> first = probe(inspector, Duration.ofSeconds(2));
      // long enough to still have time left once the first probe gives up its slot
      CompletableFuture<CertificateObservation> second = probe(inspector, Duration.ofSeconds(10));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (silent.acceptedConnections() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(1, silent.acceptedConnections(), "only one handshake in flight");
      assertFalse(second.isDone(), "the second probe waits for a slot");
      assertEquals(TlsOutcome.HANDSHAKE_FAILED, first.get(15, TimeUnit.SECONDS).outcome());
      assertEquals(TlsOutcome.HANDSHAKE_FAILED, second.get(15, TimeUnit.SECONDS).outcome());
      assertEquals(2, silent.acceptedConnections());
    }
  }

  @Test
  void closeEndsProbesInFlightAndAnswersQueuedOnes() throws Exception {
    JsseCertificateInspector inspector = JsseCertificateInspector.create(new InspectorOptions(null, 1));
    List<CompletableFuture<CertificateObservation>> probes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      probes.add(probe(inspector, Duration.ofSeconds(60)));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (silent.acceptedConnections() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    inspector.close();
    for (CompletableFuture<CertificateObservation> probe : probes) {
      CertificateObservation seen = probe.get(10, TimeUnit.SECONDS);
      assertTrue(seen.chain().isEmpty());
    }
    assertEquals(TlsOutcome.NOT_ATTEMPTED, probes.get(2).join().outcome());
    assertEquals(TlsOutcome.NOT_ATTEMPTED, probe(inspector, Duration.ofSeconds(1)).join().outcome());
    assertTrue(new io.fedcheck.testkit.ResourceSnapshot(java.util.Set.of(), 0)
        .awaitThreadsBackTo(Duration.ofSeconds(2), "fedcheck-jsse-").isEmpty(), "threads stopped");
  }

  @Test
  void queuedProbeEndsByItsDeadlineWithoutConnecting() throws Exception {
    try (JsseCertificateInspector inspector = JsseCertificateInspector.create(new InspectorOptions(null, 1))) {
      CompletableFuture<CertificateObservation> blocker = probe(inspector, Duration.ofSeconds(3));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (silent.acceptedConnections() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      long start = System.nanoTime();
      CompletableFuture<CertificateObservation> queued = probe(inspector, Duration.ofMillis(500));

      CertificateObservation seen = queued.get(15, TimeUnit.SECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertTrue(took.compareTo(Duration.ofMillis(1_500)) < 0, "deadline 500 ms (+1 s) held: " + took);
      assertEquals(TlsOutcome.HANDSHAKE_FAILED, seen.outcome());
      assertTrue(seen.detail().contains("not started within the deadline"), seen.detail());
      assertTrue(seen.detail().contains("1 handshake(s) ahead"), seen.detail());
      assertEquals(TlsOutcome.HANDSHAKE_FAILED, blocker.get(15, TimeUnit.SECONDS).outcome());
      // FIFO on one thread: once a later probe has run, the expired one had its turn, and skipped it.
      assertEquals(TlsOutcome.HANDSHAKE_FAILED, probe(inspector, Duration.ofSeconds(1)).get(15, TimeUnit.SECONDS).outcome());
      assertEquals(2, silent.acceptedConnections(), "the expired probe never connected");
    }
  }

  private CompletableFuture<CertificateObservation> probe(JsseCertificateInspector inspector, Duration timeout) {
    return inspector.inspect(new TlsProbe("vcse.example.com", silent.host(), silent.port(), timeout))
        .toCompletableFuture();
  }
}
