package io.fedcheck.core.internal;

import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.DomainResolver;
import io.fedcheck.core.ResilienceSettings;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DomainResolver} decorator with Resilience4j: a circuit breaker that judges the health of
 * the upstream server (see {@link #record}), retries for {@code TIMEOUT} (at once) and {@code
 * SERVFAIL} (after exponential backoff with jitter) only (never NXDOMAIN, no data, REFUSED or a
 * malformed answer, which are answers), and an optional rate limit on queries per second. Nothing
 * blocks a thread: rate-limit waits and backoffs are scheduled on the timer.
 *
 * <p>One rate limiter and one circuit breaker per backend, not per upstream server: the SPI does
 * not say which server answered, and a backend with several servers fails over between them by
 * itself (the dnsjava backend moves to the next server after a timeout). The limit thus caps the
 * sum over the backend's servers, so it holds for each of them; the breaker opens only when the
 * backend as a whole, every server included, has gone silent.
 *
 * <p>Isolation between domains: an open circuit never answers a query's <em>first</em> attempt
 * for it. That attempt still goes out (it is the half-open probe), and only the retries are cut
 * short. So one tenant's silent or broken zone cannot turn another domain UNKNOWN unasked, and a
 * dead server still costs one attempt per query instead of one per retry.
 *
 * <p>Every attempt, wait and backoff fits in the query's timeout, so the decorated resolver keeps
 * the SPI's deadline contract. Thread-safe; closing it closes nothing.
 */
public final class ResilientDomainResolver implements DomainResolver {
  private static final Logger LOG = LoggerFactory.getLogger(ResilientDomainResolver.class);
  /** Extra time a backend gets past the timeout it was given before its answer is replaced. */
  private static final Duration GRACE = Duration.ofMillis(250);
  /** A retry is pointless with less time than this left. */
  private static final long MIN_ATTEMPT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** One attempt's result and whether Retry should try again. */
  private record Attempt(DnsResult result, boolean retryable) {}

  /** What the circuit breaker records for a failed query. */
  static final class LookupFailure extends RuntimeException {
    LookupFailure(DnsResult r) {
      super(r.outcome() + " " + r.query().name(), null, false, false);
    }
  }

  private final DomainResolver delegate;
  private final ScheduledExecutorService timer;
  private final Retry retry;
  private final CircuitBreaker circuitBreaker;
  private final RateLimiter rateLimiter;
  /** When the resolver last gave any reply (not a timeout); far in the past until it does. */
  private final AtomicLong lastResponseNanos = new AtomicLong(System.nanoTime() - TimeUnit.DAYS.toNanos(1));

  /** Decorates {@code delegate}; {@code timer} runs waits and backoffs (never blocking work). */
  public ResilientDomainResolver(
      DomainResolver delegate, ResilienceSettings settings, ScheduledExecutorService timer) {
    this.delegate = delegate;
    this.timer = timer;
    IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(
        settings.retryInitialBackoff(), settings.retryMultiplier(), settings.retryJitter());
    this.retry = Retry.of("fedcheck-dns", RetryConfig.<Attempt>custom()
        .maxAttempts(settings.dnsRetries() + 1)
        .retryOnResult(Attempt::retryable)
        // A timed-out attempt has already waited its whole timeout, so it is asked again at once
        // (as a stub resolver does); a SERVFAIL came back at once, so it waits with backoff.
        .intervalBiFunction((Integer attempt, Either<Throwable, Attempt> outcome) ->
            outcome.isRight() && outcome.get().result().outcome() == DnsOutcome.TIMEOUT
                ? 1L : backoff.apply(attempt))
        .build());
    this.circuitBreaker = settings.circuitBreaker()
        ? CircuitBreaker.of("fedcheck-dns", CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(settings.circuitWindowSize())
            .minimumNumberOfCalls(settings.circuitMinimumCalls())
            .failureRateThreshold(settings.circuitFailureRatePercent())
            .waitDurationInOpenState(settings.circuitOpenDuration())
            .permittedNumberOfCallsInHalfOpenState(Math.min(3, settings.circuitMinimumCalls()))
            .build())
        : null;
    int qps = settings.dnsQueriesPerSecond();
    // One permit per 1/qps period rather than qps permits per second: no burst at each second's start.
    this.rateLimiter = qps > 0
        ? RateLimiter.of("fedcheck-dns", RateLimiterConfig.custom()
            .limitForPeriod(1)
            .limitRefreshPeriod(Duration.ofNanos(Math.max(1_000, 1_000_000_000L / qps)))
            .timeoutDuration(Duration.ofMinutes(1))
            .build())
        : null;
  }

  /** The circuit breaker's state, for logs and tests ({@code DISABLED} when off). */
  public CircuitBreaker.State circuitState() {
    return circuitBreaker == null ? CircuitBreaker.State.DISABLED : circuitBreaker.getState();
  }

  @Override
  public CompletionStage<DnsResult> resolve(DnsQuery query) {
    long end = System.nanoTime() + query.timeout().toNanos();
    AtomicReference<DnsResult> last = new AtomicReference<>();
    return Retry.decorateCompletionStage(retry, timer, () -> attempt(query, end, last))
        .get()
        .thenApply(Attempt::result)
        .exceptionally(t -> BackendCalls.failedLookup(query, t, Duration.ZERO))
        .toCompletableFuture();
  }

  private CompletionStage<Attempt> attempt(DnsQuery query, long end, AtomicReference<DnsResult> last) {
    long start = System.nanoTime();
    long remaining = end - start;
    if (remaining < MIN_ATTEMPT_NANOS) {
      DnsResult previous = last.get();
      return done(previous != null ? previous
          : DnsResult.of(query, DnsOutcome.TIMEOUT, "deadline reached before the query", Duration.ZERO));
    }
    boolean permitted = circuitBreaker == null || circuitBreaker.tryAcquirePermission();
    if (!permitted && last.get() != null) {
      // A retry while the server looks dead: cut short, the query had its real attempt.
      return done(withDetail(last.get(), "circuit open"));
    }
    // Not permitted but never tried: the attempt goes out anyway, as a probe of the server.
    boolean probe = !permitted;
    long wait = 0;
    if (rateLimiter != null) {
      wait = rateLimiter.reservePermission();
      if (wait < 0 || wait >= remaining - MIN_ATTEMPT_NANOS) {
        if (!probe) {
          release();
        }
        return done(DnsResult.of(query, DnsOutcome.TIMEOUT,
            "rate limit: no query slot within the deadline", Duration.ZERO));
      }
    }
    long budget = remaining - wait;
    DnsQuery attemptQuery = new DnsQuery(query.name(), query.type(), Duration.ofNanos(budget));
    CompletableFuture<DnsResult> call;
    if (wait == 0) {
      call = BackendCalls.resolve(delegate, attemptQuery, Duration.ofNanos(budget).plus(GRACE), timer);
    } else {
      call = new CompletableFuture<>();
      CompletableFuture<DnsResult> target = call;
      timer.schedule(
          () -> BackendCalls.resolve(delegate, attemptQuery, Duration.ofNanos(budget).plus(GRACE), timer)
              .whenComplete((r, t) -> target.complete(r)),
          wait, TimeUnit.NANOSECONDS);
    }
    return call.thenApply(raw -> {
      DnsResult r = raw.query().equals(query)
          ? raw : new DnsResult(query, raw.outcome(), raw.records(), raw.detail(), raw.elapsed());
      record(r, start, probe);
      chargeFollowUps(r);
      last.set(r);
      boolean retryable = (r.outcome() == DnsOutcome.TIMEOUT || r.outcome() == DnsOutcome.SERVFAIL)
          && end - System.nanoTime() > MIN_ATTEMPT_NANOS;
      if (retryable) {
        LOG.debug("retrying {} {} after {}", query.type(), query.name(), r.outcome());
      }
      return new Attempt(r, retryable);
    });
  }

  /**
   * Tells the circuit breaker how an attempt that started at {@code startNanos} went. The breaker
   * judges the upstream server, not the names asked about: any reply at all — NXDOMAIN, REFUSED,
   * SERVFAIL or a malformed packet included — proves the server alive, and it clears every failure
   * counted so far (a reply contradicts them) and closes an open circuit at once. A timeout counts
   * as a failure only if no other query got a reply while this one was waiting: a silent
   * <em>zone</em> (a tenant whose own name servers are dead) is not a silent <em>server</em>, and
   * silence across the board is what a dead server, or a dead path to it, looks like.
   */
  private void record(DnsResult r, long startNanos, boolean probe) {
    long now = System.nanoTime();
    boolean silent = r.outcome() == DnsOutcome.TIMEOUT;
    if (!silent) {
      lastResponseNanos.accumulateAndGet(now, (a, b) -> a - b >= 0 ? a : b);
    }
    if (circuitBreaker == null) {
      return;
    }
    long nanos = now - startNanos;
    if (!silent) {
      if (circuitBreaker.getState() != CircuitBreaker.State.CLOSED) {
        LOG.debug("DNS server answered again; closing the circuit");
        circuitBreaker.transitionToClosedState();
      } else if (circuitBreaker.getMetrics().getNumberOfFailedCalls() > 0) {
        circuitBreaker.reset(); // the failures counted so far are contradicted
      }
      if (!probe) {
        circuitBreaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
      }
    } else if (probe) {
      return; // the circuit is open already; a probe holds no permission
    } else if (lastResponseNanos.get() - startNanos > 0) {
      // The resolver answered another question meanwhile: this name's problem, not the resolver's.
      circuitBreaker.releasePermission();
    } else {
      circuitBreaker.onError(nanos, TimeUnit.NANOSECONDS, new LookupFailure(r));
    }
  }

  private static DnsResult withDetail(DnsResult r, String note) {
    String detail = r.detail() == null || r.detail().isEmpty() ? note : r.detail() + " (" + note + ")";
    return new DnsResult(r.query(), r.outcome(), r.records(), detail, r.elapsed());
  }

  /**
   * Charges the rate limiter for queries the backend may have sent on its own to follow a CNAME
   * chain (one per alias: an upper bound, since a server often sends the whole chain at once). They
   * went out already; taking their permits now delays the next queries, so the rate holds.
   */
  private void chargeFollowUps(DnsResult r) {
    if (rateLimiter == null) {
      return;
    }
    int aliases = r.cnames().size();
    for (int i = 0; i < aliases; i++) {
      rateLimiter.reservePermission();
    }
  }

  private void release() {
    if (circuitBreaker != null) {
      circuitBreaker.releasePermission();
    }
  }

  private static CompletionStage<Attempt> done(DnsResult r) {
    return CompletableFuture.completedFuture(new Attempt(r, false));
  }
}
