package io.fedcheck.core.internal;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.fedcheck.api.CertificateInspector;
import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.SipProbe;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.TlsProbe;
import io.fedcheck.core.CacheSettings;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A {@link CertificateInspector} decorator that makes one handshake per (address, port, SNI, SIP
 * probe):
 * concurrent identical probes share it, and completed handshakes are kept for {@link
 * CacheSettings#tlsTtl()}; failed ones are shared while in flight but never kept, since a failure
 * may only mean that the deadline share was short. A probe joins a handshake in flight only if
 * that handshake's deadline is about as late as its own (see {@link BackendCalls#mayJoin}); else
 * it makes its own, which later probes then join. Thread-safe. Closing it closes nothing.
 */
public final class CachingCertificateInspector implements CertificateInspector {
  /** Whether and how SIP is asked is part of the key: a probe without SIP cannot answer one with it. */
  private record Key(InetAddress address, int port, String serverName, SipProbe sip) {}

  private static final class Entry {
    final CompletableFuture<CertificateObservation> future = new CompletableFuture<>();
    /** When the call's own budget ends (ticker time); a later caller joins only if it is late enough. */
    final long deadlineNanos;
    volatile long expiresAtNanos = Long.MAX_VALUE;

    Entry(long deadlineNanos) {
      this.deadlineNanos = deadlineNanos;
    }
  }

  private final CertificateInspector delegate;
  private final CacheSettings settings;
  private final Ticker ticker;
  private final Cache<Key, Entry> cache;

  /** Decorates {@code delegate}. */
  public CachingCertificateInspector(CertificateInspector delegate, CacheSettings settings) {
    this(delegate, settings, Ticker.systemTicker());
  }

  /** Decorates {@code delegate}, reading time from {@code ticker} (tests). */
  public CachingCertificateInspector(CertificateInspector delegate, CacheSettings settings, Ticker ticker) {
    this.delegate = delegate;
    this.settings = settings;
    this.ticker = ticker;
    this.cache = CacheBuilder.newBuilder()
        .maximumSize(settings.maxTlsEntries())
        .expireAfterWrite(settings.tlsTtl().toNanos() + TimeUnit.MINUTES.toNanos(5), TimeUnit.NANOSECONDS)
        .ticker(ticker)
        .build();
  }

  @Override
  public CompletionStage<CertificateObservation> inspect(TlsProbe probe) {
    Key key = new Key(probe.address(), probe.port(), probe.serverName(), probe.sip());
    long now = ticker.read();
    long timeout = probe.timeout().toNanos();
    Entry mine = new Entry(now + timeout);
    // Share a kept result, or a call in flight whose deadline is about as late as ours; a call
    // started for a caller with little time left would hand us its early timeout, so then we make
    // our own call, which takes the entry's place for later callers.
    Entry entry = cache.asMap().compute(key, (k, old) -> old != null && old.expiresAtNanos > now
        && (old.future.isDone() || BackendCalls.mayJoin(old.deadlineNanos, mine.deadlineNanos, timeout))
        ? old : mine);
    if (entry == mine) {
      CompletionStage<CertificateObservation> stage;
      try {
        stage = delegate.inspect(probe);
      } catch (RuntimeException e) {
        stage = CompletableFuture.failedFuture(e);
      }
      stage.whenComplete(
          (result, failure) -> {
            CertificateObservation o = failure != null || result == null
                ? CertificateObservation.failed(probe, TlsOutcome.HANDSHAKE_FAILED,
                    failure != null ? BackendCalls.describe(failure) : "backend returned null",
                    java.time.Duration.ZERO)
                : result;
            if (settings.enabled() && o.outcome() == TlsOutcome.HANDSHAKE_COMPLETED
                && !settings.tlsTtl().isZero()) {
              mine.expiresAtNanos = ticker.read() + settings.tlsTtl().toNanos();
              // A fresher handshake may have taken our place; once it is gone or done, ours is kept.
              cache.asMap().compute(key, (k, cur) -> cur == null || cur.future.isDone() ? mine : cur);
            } else {
              cache.asMap().remove(key, mine);
            }
            mine.future.complete(o);
          });
    }
    return entry.future;
  }
}
