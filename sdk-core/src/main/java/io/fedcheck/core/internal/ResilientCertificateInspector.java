package io.fedcheck.core.internal;

import io.fedcheck.api.CertificateInspector;
import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.TlsProbe;
import io.fedcheck.core.ResilienceSettings;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link CertificateInspector} decorator that caps handshakes in flight, overall (a Resilience4j
 * {@link Bulkhead}) and per address (so a bulk audit never hammers one shared host). A probe that
 * finds no free slot waits in a FIFO queue without holding a thread; the wait counts against its
 * timeout, and a probe whose timeout runs out while waiting ends as {@code HANDSHAKE_FAILED}
 * without connecting. Thread-safe; closing it closes nothing.
 */
public final class ResilientCertificateInspector implements CertificateInspector {
  private static final Duration GRACE = Duration.ofMillis(250);

  private record Waiter(TlsProbe probe, long enqueuedNanos, CompletableFuture<CertificateObservation> result) {}

  private final CertificateInspector delegate;
  private final ScheduledExecutorService timer;
  private final Bulkhead bulkhead;
  private final int perAddress;
  private final Object lock = new Object();
  private final ArrayDeque<Waiter> queue = new ArrayDeque<>(); // guarded by lock
  private final Map<InetAddress, Integer> active = new HashMap<>(); // guarded by lock
  private final AtomicInteger drainRequests = new AtomicInteger();

  /** Decorates {@code delegate}. */
  public ResilientCertificateInspector(
      CertificateInspector delegate, ResilienceSettings settings, ScheduledExecutorService timer) {
    this.delegate = delegate;
    this.timer = timer;
    this.perAddress = settings.maxConnectionsPerAddress();
    this.bulkhead = Bulkhead.of("fedcheck-tls", BulkheadConfig.custom()
        .maxConcurrentCalls(settings.maxConcurrentHandshakes())
        .maxWaitDuration(Duration.ZERO)
        .build());
  }

  @Override
  public CompletionStage<CertificateObservation> inspect(TlsProbe probe) {
    Waiter w = new Waiter(probe, System.nanoTime(), new CompletableFuture<>());
    synchronized (lock) {
      queue.add(w);
    }
    drain();
    return w.result();
  }

  /** Starts every queued probe that has a free slot; a loop, not recursion, however probes finish. */
  private void drain() {
    if (drainRequests.getAndIncrement() != 0) {
      return; // the thread already draining will loop once more
    }
    do {
      Waiter next;
      while ((next = take()) != null) {
        start(next);
      }
    } while (drainRequests.decrementAndGet() != 0);
  }

  private Waiter take() {
    synchronized (lock) {
      for (Iterator<Waiter> it = queue.iterator(); it.hasNext(); ) {
        Waiter w = it.next();
        if (active.getOrDefault(w.probe().address(), 0) >= perAddress) {
          continue;
        }
        if (!bulkhead.tryAcquirePermission()) {
          return null;
        }
        it.remove();
        active.merge(w.probe().address(), 1, Integer::sum);
        return w;
      }
      return null;
    }
  }

  private void start(Waiter w) {
    TlsProbe p = w.probe();
    long left = p.timeout().toNanos() - (System.nanoTime() - w.enqueuedNanos());
    CompletableFuture<CertificateObservation> call;
    if (left <= 0) {
      call = CompletableFuture.completedFuture(CertificateObservation.failed(p, TlsOutcome.HANDSHAKE_FAILED,
          "no handshake slot free within " + p.timeout().toMillis() + " ms", BackendCalls.since(w.enqueuedNanos())));
    } else {
      TlsProbe shortened = p.withTimeout(Duration.ofNanos(left));
      call = BackendCalls.inspect(delegate, shortened, Duration.ofNanos(left).plus(GRACE), timer);
    }
    call.whenComplete((o, t) -> {
      synchronized (lock) {
        active.computeIfPresent(p.address(), (a, n) -> n <= 1 ? null : n - 1);
      }
      bulkhead.onComplete();
      w.result().complete(o);
      drain();
    });
  }
}
