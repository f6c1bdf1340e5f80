package io.fedcheck.jdk;

import io.fedcheck.api.CertificateInspector;
import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.ClientIdentity;
import io.fedcheck.api.InspectorOptions;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.TlsProbe;
import java.io.IOException;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CertificateInspector} on the JDK's own TLS stack (JSSE): connects to the probe's
 * address, sends the target FQDN as SNI, offers TLS 1.3 and 1.2 only, and records the chain the
 * server presents, trusted or not. It notes when a client certificate is asked for and presents
 * the options' {@link ClientIdentity}, or none. When the probe asks for SIP, it sends one {@code
 * OPTIONS} on the same connection after the handshake and reads the answer, within the same
 * deadline ({@link io.fedcheck.api.sip.SipOptionsExchange}). A hard wall-clock deadline per probe closes the socket, so silent and dripping servers end on
 * time. Handshakes run on threads this inspector owns, at most {@code maxConcurrentHandshakes} at
 * once; {@link #inspect} returns at once. The probe's deadline runs from the call to {@link
 * #inspect}, waiting for a free handshake thread included: the stage completes by {@link
 * TlsProbe#timeout()} (plus scheduling jitter) wherever the probe is, and a probe whose deadline
 * passes while it waits ends as {@link TlsOutcome#HANDSHAKE_FAILED} ("not started within the
 * deadline") without ever connecting.
 *
 * <p>Limits of JSSE, reported as {@link TlsOutcome#HANDSHAKE_FAILED} with a detail rather than
 * worked around (they are global JDK properties, which a library must not change): a handshake
 * message over {@code jdk.tls.maxHandshakeMessageSize} (32 KiB) and a chain longer than {@code
 * jdk.tls.maxCertificateChainLength} (10).
 *
 * <p>Thread-safe. {@link #close()} ends handshakes in flight and answers queued probes with {@link
 * TlsOutcome#NOT_ATTEMPTED}.
 */
public final class JsseCertificateInspector implements CertificateInspector {
  private static final Logger LOG = LoggerFactory.getLogger(JsseCertificateInspector.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final ThreadPoolExecutor handshakes;
  private final ScheduledThreadPoolExecutor deadlines;
  private final JsseClientContext client;
  private final Set<Socket> live = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private JsseCertificateInspector(int maxConcurrentHandshakes, ClientIdentity identity) {
    client = new JsseClientContext(new SecureRandom(), identity);
    int instance = INSTANCES.incrementAndGet();
    handshakes = new ThreadPoolExecutor(
        maxConcurrentHandshakes, maxConcurrentHandshakes, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), threads("fedcheck-jsse-" + instance + "-handshake-"));
    handshakes.allowCoreThreadTimeOut(true);
    deadlines = new ScheduledThreadPoolExecutor(1, threads("fedcheck-jsse-" + instance + "-deadline-"));
    deadlines.setRemoveOnCancelPolicy(true);
  }

  /** An inspector with {@link InspectorOptions#ofDefaults()} (64 handshakes in flight). */
  public static JsseCertificateInspector create() {
    return create(InspectorOptions.ofDefaults());
  }

  /**
   * An inspector with the given options; {@code certificateDirectory} is ignored, {@code
   * clientIdentity} is presented to servers that ask for a client certificate.
   */
  public static JsseCertificateInspector create(InspectorOptions options) {
    return new JsseCertificateInspector(options.maxConcurrentHandshakes(), options.clientIdentity());
  }

  @Override
  public CompletionStage<CertificateObservation> inspect(TlsProbe probe) {
    CompletableFuture<CertificateObservation> result = new CompletableFuture<>();
    if (closed) {
      result.complete(notAttempted(probe));
      return result;
    }
    int ahead = handshakes.getActiveCount() + handshakes.getQueue().size();
    Task task = new Task(probe, result, System.nanoTime(), ahead);
    try {
      // The caller's deadline holds while the probe waits for a thread: the task gives up then.
      task.expiry = deadlines.schedule(task::expire, probe.timeout().toNanos(), TimeUnit.NANOSECONDS);
      handshakes.execute(task);
    } catch (RejectedExecutionException e) {
      task.cancelExpiry();
      result.complete(notAttempted(probe));
    }
    return result;
  }

  /** Ends handshakes in flight, answers queued probes as not attempted, stops threads. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<Runnable> queued = handshakes.shutdownNow();
    for (Runnable r : queued) {
      if (r instanceof Task task) {
        task.result.complete(notAttempted(task.probe));
      }
    }
    live.forEach(JsseCertificateInspector::closeQuietly);
    deadlines.shutdownNow();
    try {
      if (!handshakes.awaitTermination(5, TimeUnit.SECONDS)
          || !deadlines.awaitTermination(1, TimeUnit.SECONDS)) {
        LOG.warn("JSSE inspector: threads still running after close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sessions in the shared client context's cache; none once probes have ended. For tests. */
  int cachedClientSessions() {
    return client.cachedSessions();
  }

  private static CertificateObservation notAttempted(TlsProbe probe) {
    return CertificateObservation.failed(
        probe, TlsOutcome.NOT_ATTEMPTED, "the inspector was closed", Duration.ZERO);
  }

  private final class Task implements Runnable {
    private static final int QUEUED = 0;
    private static final int STARTED = 1;
    private static final int EXPIRED = 2;

    final TlsProbe probe;
    final CompletableFuture<CertificateObservation> result;
    final long enqueuedNanos;
    final int ahead;
    final AtomicInteger state = new AtomicInteger(QUEUED);
    volatile ScheduledFuture<?> expiry;

    Task(TlsProbe probe, CompletableFuture<CertificateObservation> result, long enqueuedNanos, int ahead) {
      this.probe = probe;
      this.result = result;
      this.enqueuedNanos = enqueuedNanos;
      this.ahead = ahead;
    }

    /** The probe's deadline passed before a handshake thread took it: answer now, never connect. */
    void expire() {
      if (state.compareAndSet(QUEUED, EXPIRED)) {
        result.complete(CertificateObservation.failed(probe, TlsOutcome.HANDSHAKE_FAILED,
            "not started within the deadline of " + probe.timeout().toMillis() + " ms: " + ahead
                + " handshake(s) ahead", Duration.ofNanos(System.nanoTime() - enqueuedNanos)));
      }
    }

    void cancelExpiry() {
      ScheduledFuture<?> f = expiry;
      if (f != null) {
        f.cancel(false);
      }
    }

    @Override
    public void run() {
      long left = probe.timeout().toNanos() - (System.nanoTime() - enqueuedNanos);
      if (left <= 0) {
        expire();
      }
      if (!state.compareAndSet(QUEUED, STARTED)) {
        return; // expired while queued: the caller has its answer, so do not connect
      }
      cancelExpiry();
      try {
        // What is left of the caller's budget, not a fresh one: the wait counted.
        TlsProbe shortened = probe.withTimeout(Duration.ofNanos(left));
        CertificateObservation seen = new JsseHandshake(shortened, client, deadlines, live).run();
        LOG.debug("{}:{} {} {}", probe.serverName(), probe.port(), seen.outcome(), seen.detail());
        result.complete(seen);
      } catch (RuntimeException | Error e) {
        // Last resort: a stage must never complete exceptionally. RejectedExecution of the
        // deadline task after close() lands here too.
        result.complete(CertificateObservation.failed(probe,
            closed ? TlsOutcome.NOT_ATTEMPTED : TlsOutcome.HANDSHAKE_FAILED,
            closed ? "the inspector was closed" : "inspection failed: " + JsseHandshake.describe(e),
            Duration.ZERO));
        if (e instanceof Error error && !(e instanceof StackOverflowError)) {
          throw error;
        }
      }
    }
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      LOG.debug("closing socket: {}", e.toString());
    }
  }
}
