package io.fedcheck.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.TlsProbe;
import io.fedcheck.core.ResilienceSettings;
import io.fedcheck.testkit.fake.FakeCertificateInspector;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResilientCertificateInspectorTest {
  private final FakeCertificateInspector tls = new FakeCertificateInspector();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void close() {
    tls.close();
    timer.shutdownNow();
  }

  @Test
  void capsHandshakesOverallAndPerAddress() throws Exception {
    for (int i = 0; i < 12; i++) {
      tls.on("h" + i + ".example", 5061).outcome(TlsOutcome.CONNECT_FAILED, "refused").after(Duration.ofMillis(30));
    }
    var inspector = new ResilientCertificateInspector(tls, ResilienceSettings.builder()
        .maxConcurrentHandshakes(4).maxConnectionsPerAddress(2).build(), timer);
    InetAddress shared = InetAddress.getByName("203.0.113.5");
    List<CompletableFuture<CertificateObservation>> all = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      InetAddress address = i < 6 ? shared : InetAddress.getByName("198.51.100." + (i + 1));
      all.add(inspector.inspect(new TlsProbe("h" + i + ".example", address, 5061, Duration.ofSeconds(20)))
          .toCompletableFuture());
    }
    for (CompletableFuture<CertificateObservation> f : all) {
      assertEquals(TlsOutcome.CONNECT_FAILED, f.get(30, TimeUnit.SECONDS).outcome());
    }
    assertEquals(12, tls.calls().size());
    assertTrue(tls.maxInFlight() <= 4, "in flight " + tls.maxInFlight());
  }

  @Test
  void capsHandshakesToOneAddress() throws Exception {
    for (int i = 0; i < 6; i++) {
      tls.on("h" + i + ".example", 5061).outcome(TlsOutcome.CONNECT_FAILED, "refused").after(Duration.ofMillis(30));
    }
    var inspector = new ResilientCertificateInspector(tls, ResilienceSettings.builder()
        .maxConcurrentHandshakes(10).maxConnectionsPerAddress(2).build(), timer);
    InetAddress shared = InetAddress.getByName("203.0.113.5");
    List<CompletableFuture<CertificateObservation>> all = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      all.add(inspector.inspect(new TlsProbe("h" + i + ".example", shared, 5061, Duration.ofSeconds(20)))
          .toCompletableFuture());
    }
    for (CompletableFuture<CertificateObservation> f : all) {
      assertEquals(TlsOutcome.CONNECT_FAILED, f.get(30, TimeUnit.SECONDS).outcome());
    }
    assertEquals(6, tls.calls().size());
    assertTrue(tls.maxInFlight() <= 2, "in flight to one address: " + tls.maxInFlight());
  }

  @Test
  void probeWaitingPastItsTimeoutIsNotStarted() throws Exception {
    tls.on("slow.example", 5061).never();
    tls.on("late.example", 5061).outcome(TlsOutcome.CONNECT_FAILED, "refused");
    var inspector = new ResilientCertificateInspector(tls, ResilienceSettings.builder()
        .maxConcurrentHandshakes(1).build(), timer);
    InetAddress a = InetAddress.getByName("203.0.113.5");
    var slow = inspector.inspect(new TlsProbe("slow.example", a, 5061, Duration.ofMillis(200))).toCompletableFuture();
    var late = inspector.inspect(new TlsProbe("late.example", a, 5061, Duration.ofMillis(100))).toCompletableFuture();

    assertEquals(TlsOutcome.HANDSHAKE_FAILED, slow.get(10, TimeUnit.SECONDS).outcome());
    CertificateObservation o = late.get(10, TimeUnit.SECONDS);
    assertEquals(TlsOutcome.HANDSHAKE_FAILED, o.outcome());
    assertTrue(o.detail().contains("slot"), o.detail());
    assertEquals(0, tls.calls("late.example"));
  }
}
