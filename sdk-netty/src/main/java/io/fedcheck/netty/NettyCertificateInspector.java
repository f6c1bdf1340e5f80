package io.fedcheck.netty;

import io.fedcheck.api.CertificateInspector;
import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.ClientIdentity;
import io.fedcheck.api.InspectorOptions;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.TlsProbe;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CertificateInspector} on Netty with the native BoringSSL engine (netty-tcnative):
 * non-blocking, so thousands of probes can be in flight on a few event-loop threads, with the
 * handshake's cryptography in native code. It behaves as the JSSE backend does and passes the same
 * contract: the probe's address, the target FQDN as SNI, TLS 1.3 and 1.2 only, the chain recorded
 * exactly as presented (trusted or not: the rules judge it later), whether the server asked for a
 * client certificate (presenting the options' {@link ClientIdentity}, or none), and, when the probe
 * asks for SIP, one {@code OPTIONS} on the same connection ({@link
 * io.fedcheck.api.sip.SipOptionsExchange}). The probe's deadline is scheduled on the event loop and
 * counts from the call to {@link #inspect}, waiting for a free slot included.
 *
 * <p>Stages complete on an event-loop thread: what runs in a dependent stage must not block.
 *
 * <p>Where BoringSSL differs from JSSE: it has no 32 KiB handshake-message or 10-certificate chain
 * limit, so oversized handshakes that JSSE fails are captured here (the contract allows both).
 *
 * <p>Thread-safe. {@link #close()} ends probes in flight and answers waiting ones with {@link
 * TlsOutcome#NOT_ATTEMPTED}.
 */
public final class NettyCertificateInspector implements CertificateInspector {
  private static final Logger LOG = LoggerFactory.getLogger(NettyCertificateInspector.class);

  private final EventLoopGroup group;
  private final Bootstrap template;
  private final NettyClientContext client;
  private final int maxInFlight;
  /** The probes in flight, by their caller's request. */
  private final Map<Waiting, NettyProbe> live = new ConcurrentHashMap<>();
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private int inFlight; // guarded by waiting

  private NettyCertificateInspector(InspectorOptions options, int eventLoopThreads) {
    if (eventLoopThreads < 1) {
      throw new IllegalArgumentException("eventLoopThreads must be at least 1: " + eventLoopThreads);
    }
    client = new NettyClientContext(options.clientIdentity());
    maxInFlight = options.maxConcurrentHandshakes();
    group = new MultiThreadIoEventLoopGroup(eventLoopThreads,
        new DefaultThreadFactory("fedcheck-netty", true), NioIoHandler.newFactory());
    template = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, false);
  }

  /** An inspector with {@link InspectorOptions#ofDefaults()} and one event-loop thread per core. */
  public static NettyCertificateInspector create() {
    return create(InspectorOptions.ofDefaults());
  }

  /**
   * An inspector with the given options and one event-loop thread per core.
   *
   * @param options {@code maxConcurrentHandshakes} bounds the probes in flight; {@code
   *     clientIdentity} is presented to servers that ask; {@code certificateDirectory} is ignored
   * @return a new inspector, which the caller closes
   * @throws IllegalStateException when the native BoringSSL library does not load here
   */
  public static NettyCertificateInspector create(InspectorOptions options) {
    return create(options, Runtime.getRuntime().availableProcessors());
  }

  /**
   * An inspector with the given options and event-loop threads.
   *
   * @param options as for {@link #create(InspectorOptions)}
   * @param eventLoopThreads the I/O threads (at least 1); handshakes never block them
   * @return a new inspector, which the caller closes
   * @throws IllegalStateException when the native BoringSSL library does not load here
   */
  public static NettyCertificateInspector create(InspectorOptions options, int eventLoopThreads) {
    return new NettyCertificateInspector(options, eventLoopThreads);
  }

  /** Whether the native BoringSSL library loads on this platform, so that {@link #create} works. */
  public static boolean isAvailable() {
    return io.netty.handler.ssl.OpenSsl.isAvailable();
  }

  @Override
  public CompletionStage<CertificateObservation> inspect(TlsProbe probe) {
    long start = System.nanoTime();
    CompletableFuture<CertificateObservation> result = new CompletableFuture<>();
    if (closed.get()) {
      result.complete(notAttempted(probe));
      return result;
    }
    Waiting w = new Waiting(probe, start, result);
    boolean now;
    synchronized (waiting) {
      now = inFlight < maxInFlight;
      if (now) {
        inFlight++;
      } else {
        waiting.add(w);
        // The caller's deadline holds while the probe waits for a slot.
        w.expiry = group.schedule(() -> expire(w), probe.timeout().toNanos(), TimeUnit.NANOSECONDS);
      }
    }
    if (now) {
      run(w);
    }
    return result;
  }

  private void run(Waiting w) {
    NettyProbe p = new NettyProbe(w.probe, client, w.start, seen -> {
      live.remove(w);
      LOG.debug("{}:{} {} {}", w.probe.serverName(), w.probe.port(), seen.outcome(), seen.detail());
      w.result.complete(seen);
      released();
    });
    live.put(w, p);
    if (closed.get()) {
      live.remove(w);
      w.result.complete(notAttempted(w.probe));
      released();
      return;
    }
    try {
      p.start(template);
    } catch (RuntimeException e) {
      // Last resort (an event loop shut down under us): a stage never completes exceptionally.
      live.remove(w);
      w.result.complete(CertificateObservation.failed(w.probe,
          closed.get() ? TlsOutcome.NOT_ATTEMPTED : TlsOutcome.HANDSHAKE_FAILED,
          closed.get() ? "the inspector was closed" : "inspection failed: " + NettyProbe.describe(e),
          Duration.ofNanos(System.nanoTime() - w.start)));
      released();
    }
  }

  /** A slot is free: start the next waiting probe whose deadline has not passed. */
  private void released() {
    Waiting next;
    synchronized (waiting) {
      next = waiting.poll();
      if (next == null) {
        inFlight--;
        return;
      }
    }
    if (next.expiry != null) {
      next.expiry.cancel(false);
    }
    if (next.result.isDone()) {
      released();
      return;
    }
    run(next);
  }

  private void expire(Waiting w) {
    boolean removed;
    int ahead;
    synchronized (waiting) {
      removed = waiting.remove(w);
      ahead = inFlight + waiting.size();
    }
    if (removed) {
      w.result.complete(CertificateObservation.failed(w.probe, TlsOutcome.HANDSHAKE_FAILED,
          "not started within the deadline of " + w.probe.timeout().toMillis() + " ms: " + ahead
              + " handshake(s) ahead", Duration.ofNanos(System.nanoTime() - w.start)));
    }
  }

  /** Ends probes in flight, answers waiting ones as not attempted, stops the event loop. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    List<Waiting> queued;
    synchronized (waiting) {
      queued = new ArrayList<>(waiting);
      waiting.clear();
    }
    for (Waiting w : queued) {
      if (w.expiry != null) {
        w.expiry.cancel(false);
      }
      w.result.complete(notAttempted(w.probe));
    }
    live.values().forEach(NettyProbe::abort);
    try {
      if (!group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS)) {
        LOG.warn("Netty inspector: event loop still running after close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    client.close();
  }

  /** Engines still registered with the shared context; none once probes have ended. For tests. */
  int liveEngines() {
    return client.liveEngines();
  }

  private static CertificateObservation notAttempted(TlsProbe probe) {
    return CertificateObservation.failed(
        probe, TlsOutcome.NOT_ATTEMPTED, "the inspector was closed", Duration.ZERO);
  }

  /** A probe and its caller's stage, waiting for a slot. */
  private static final class Waiting {
    final TlsProbe probe;
    final long start;
    final CompletableFuture<CertificateObservation> result;
    volatile ScheduledFuture<?> expiry;

    Waiting(TlsProbe probe, long start, CompletableFuture<CertificateObservation> result) {
      this.probe = probe;
      this.start = start;
      this.result = result;
    }
  }
}
