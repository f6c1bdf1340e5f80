package io.fedcheck.core.rules;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Decides whether a presented chain validates to a trust anchor. Separate from the rules so that a
 * bulk audit, which meets the same few chains again and again, can cache the decision per chain.
 * Implementations are thread-safe and side-effect free apart from caching.
 */
@FunctionalInterface
public interface TrustEvaluator {
  /** Path-validates {@code chain} (leaf first, as presented) at time {@code at}. */
  TrustDecision evaluate(List<X509Certificate> chain, Instant at);
}
