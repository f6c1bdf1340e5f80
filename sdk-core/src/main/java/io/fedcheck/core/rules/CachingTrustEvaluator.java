package io.fedcheck.core.rules;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Remembers another evaluator's decisions per presented chain, because a bulk audit meets the same
 * few chains (a hosting provider's, a CA's intermediates) again and again.
 *
 * <p>The cache key is the chain itself (certificates compare by their encoded bytes; the JDK caches
 * each certificate's hash code, and identical objects compare at once) together with the chain's
 * <em>validity state</em> at the evaluation time: for each presented certificate, whether {@code at}
 * is before, inside or after its validity window. A PKIX decision depends on the time only through
 * that state, so a decision is reused across evaluation times exactly while it still holds, and is
 * recomputed when, say, an intermediate expires. Chains longer than 31 certificates are keyed by the
 * exact time instead.
 *
 * <p>Bounded (least recently used entries are evicted) and thread-safe. Two threads that miss on the
 * same chain at once may both compute it; the decisions are equal, so either may be kept.
 */
public final class CachingTrustEvaluator implements TrustEvaluator {
  private static final int MAX_STATE_CERTS = 31;

  private final TrustEvaluator delegate;
  private final Cache<Key, TrustDecision> cache;

  private CachingTrustEvaluator(TrustEvaluator delegate, long maximumSize) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.cache = CacheBuilder.newBuilder().maximumSize(maximumSize).build();
  }

  /** Caches up to 10,000 chains' decisions of {@code delegate}. */
  public static CachingTrustEvaluator of(TrustEvaluator delegate) {
    return new CachingTrustEvaluator(delegate, 10_000);
  }

  /** Caches up to {@code maximumSize} chains' decisions of {@code delegate}. */
  public static CachingTrustEvaluator of(TrustEvaluator delegate, long maximumSize) {
    if (maximumSize < 1) {
      throw new IllegalArgumentException("maximumSize must be positive: " + maximumSize);
    }
    return new CachingTrustEvaluator(delegate, maximumSize);
  }

  @Override
  public TrustDecision evaluate(List<X509Certificate> chain, Instant at) {
    // List.copyOf returns an immutable list as it is, and freezes a mutable one for the key.
    Key key = keyOf(List.copyOf(chain), at);
    TrustDecision cached = cache.getIfPresent(key);
    if (cached != null) {
      return cached;
    }
    TrustDecision decision = delegate.evaluate(chain, at);
    cache.put(key, decision);
    return decision;
  }

  /** How many decisions are cached now (approximate). */
  public long size() {
    return cache.size();
  }

  private static Key keyOf(List<X509Certificate> chain, Instant at) {
    if (chain.size() > MAX_STATE_CERTS) {
      return new Key(chain, -1L, at);
    }
    long state = 0;
    for (int i = 0; i < chain.size(); i++) {
      // 2 bits per certificate: 0 before, 1 inside, 2 after its validity window.
      state |= (long) (CertificateFacts.of(chain.get(i)).validityAt(at) + 1) << (2 * i);
    }
    return new Key(chain, state, null);
  }

  private record Key(List<X509Certificate> chain, long validityState, Instant exactTime) {}
}
