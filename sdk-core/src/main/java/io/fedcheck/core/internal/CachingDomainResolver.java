package io.fedcheck.core.internal;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.DnsRecord;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.DomainResolver;
import io.fedcheck.api.RecordType;
import io.fedcheck.core.CacheSettings;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A {@link DomainResolver} decorator that asks each (name, type) question once: concurrent
 * identical questions share one lookup, and conclusive answers are kept for their TTL (clamped by
 * the {@link CacheSettings}); timeouts and failures are shared while in flight but never kept. A
 * question joins a lookup in flight only if that lookup's deadline is about as late as its own
 * (see {@link BackendCalls#mayJoin}); else it makes its own, which later questions then join.
 * Thread-safe. Closing it closes nothing: the delegate belongs to whoever built the stack.
 */
public final class CachingDomainResolver implements DomainResolver {
  private record Key(String name, RecordType type) {}

  private static final class Entry {
    final CompletableFuture<DnsResult> future = new CompletableFuture<>();
    /** When the call's own budget ends (ticker time); a later caller joins only if it is late enough. */
    final long deadlineNanos;
    volatile long expiresAtNanos = Long.MAX_VALUE; // in flight: shared until it completes

    Entry(long deadlineNanos) {
      this.deadlineNanos = deadlineNanos;
    }
  }

  private final DomainResolver delegate;
  private final CacheSettings settings;
  private final Ticker ticker;
  private final Cache<Key, Entry> cache;

  /** Decorates {@code delegate}. */
  public CachingDomainResolver(DomainResolver delegate, CacheSettings settings) {
    this(delegate, settings, Ticker.systemTicker());
  }

  /** Decorates {@code delegate}, reading time from {@code ticker} (tests). */
  public CachingDomainResolver(DomainResolver delegate, CacheSettings settings, Ticker ticker) {
    this.delegate = delegate;
    this.settings = settings;
    this.ticker = ticker;
    this.cache = CacheBuilder.newBuilder()
        .maximumSize(settings.maxDnsEntries())
        .expireAfterWrite(settings.maxTtl().plus(Duration.ofMinutes(5)).toNanos(), TimeUnit.NANOSECONDS)
        .ticker(ticker)
        .build();
  }

  @Override
  public CompletionStage<DnsResult> resolve(DnsQuery query) {
    Key key = new Key(query.name(), query.type());
    long now = ticker.read();
    long timeout = query.timeout().toNanos();
    Entry mine = new Entry(now + timeout);
    // Share a kept result, or a call in flight whose deadline is about as late as ours; a call
    // started for a caller with little time left would hand us its early timeout, so then we make
    // our own call, which takes the entry's place for later callers.
    Entry entry = cache.asMap().compute(key, (k, old) -> old != null && old.expiresAtNanos > now
        && (old.future.isDone() || BackendCalls.mayJoin(old.deadlineNanos, mine.deadlineNanos, timeout))
        ? old : mine);
    if (entry == mine) {
      CompletionStage<DnsResult> stage;
      try {
        stage = delegate.resolve(query);
      } catch (RuntimeException e) {
        stage = CompletableFuture.failedFuture(e);
      }
      stage.whenComplete(
          (result, failure) -> {
            DnsResult r = failure != null || result == null
                ? BackendCalls.failedLookup(query,
                    failure != null ? failure : new IllegalStateException("backend returned null"), Duration.ZERO)
                : result;
            Duration keep = keepFor(r);
            if (keep.isZero()) {
              cache.asMap().remove(key, mine);
            } else {
              mine.expiresAtNanos = ticker.read() + keep.toNanos();
              // A fresher call may have taken our place; once it is gone or done, ours is kept.
              cache.asMap().compute(key, (k, cur) -> cur == null || cur.future.isDone() ? mine : cur);
            }
            mine.future.complete(r);
          });
    }
    return entry.future.thenApply(r -> r.query().equals(query)
        ? r : new DnsResult(query, r.outcome(), r.records(), r.detail(), r.elapsed()));
  }

  /** How long to keep {@code r}; zero for results that must not be kept. */
  Duration keepFor(DnsResult r) {
    if (!settings.enabled() || !r.outcome().isConclusive()) {
      return Duration.ZERO;
    }
    Duration ttl = r.outcome() == DnsOutcome.ANSWER
        ? Duration.ofSeconds(r.records().stream().mapToLong(DnsRecord::ttl).min().orElse(0))
        : settings.negativeTtl();
    if (ttl.compareTo(settings.minTtl()) < 0) {
      ttl = settings.minTtl();
    }
    return ttl.compareTo(settings.maxTtl()) > 0 ? settings.maxTtl() : ttl;
  }

  /** How many entries are held (in flight or kept). */
  public long size() {
    return cache.size();
  }
}
