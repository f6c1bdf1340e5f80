package io.fedcheck.core.internal;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.fedcheck.api.AuditProgress;
import io.fedcheck.api.BulkOptions;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Verdict;
import io.fedcheck.core.rules.DomainNameResult;
import io.fedcheck.core.rules.DomainNames;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bulk audit: pulls domains from an iterator only when a slot is free (so memory is bounded by
 * the concurrency, not the input), validates each, and hands every report to the consumer from one
 * thread at a time, in completion order, followed by a progress event. N domains in, N reports
 * out: a domain seen again while in flight or recently finished is validated once and reported for
 * each occurrence, with its own input text. Every input holds a slot until its report has been
 * consumed, so a slow consumer slows the intake.
 *
 * <p>If the iterator or the consumer throws, no further domain is pulled; the audit completes
 * exceptionally with that exception once the domains in flight are delivered. If the executor
 * rejects a delivery (a bounded executor that is full, or one shut down), the delivery runs on the
 * thread that completed the report instead, still one at a time: a report is never dropped and the
 * audit never hangs. {@link #stop} (the validator is closing) completes the audit exceptionally at
 * once, since reports still in flight may never arrive once the backends and timers are gone.
 */
public final class BulkAudit {
  private static final Logger LOG = LoggerFactory.getLogger(BulkAudit.class);

  private final Function<String, CompletableFuture<FederationReport>> validate;
  private final Iterator<String> domains;
  private final Consumer<? super FederationReport> consumer;
  private final Consumer<? super AuditProgress> progress;
  private final BulkOptions options;
  private final int concurrency;
  private final Executor executor;
  /** Deliveries waiting to run, one at a time (our own serialization, so a rejection can fall back). */
  private final ConcurrentLinkedQueue<Runnable> deliveries = new ConcurrentLinkedQueue<>();
  private final AtomicInteger deliveryRequests = new AtomicInteger();
  private final CompletableFuture<Void> completion = new CompletableFuture<>();
  private final AtomicInteger pumpRequests = new AtomicInteger();
  private final Object lock = new Object();
  private final long startNanos = System.nanoTime();

  // guarded by lock
  private final Map<String, CompletableFuture<FederationReport>> inFlightByDomain = new HashMap<>();
  private int inFlight;
  private boolean exhausted;
  private Throwable failure;
  private boolean finishing;
  // touched only by the delivery executor (one thread at a time)
  private long done;
  private final EnumMap<Verdict, Long> verdicts = new EnumMap<>(Verdict.class);
  private long lastProgressNanos = Long.MIN_VALUE;

  private final Cache<String, FederationReport> recent;

  /**
   * An audit; call {@link #run()} once.
   *
   * @param validate validates one domain (the stage must complete normally)
   * @param executor runs the deliveries, serialized
   * @param concurrency the most domains in flight (at least 1)
   * @param recentReports how many finished reports to keep for repeated domains (0: none; duplicates
   *     are still coalesced while in flight)
   */
  public BulkAudit(Function<String, CompletableFuture<FederationReport>> validate, Iterator<String> domains,
      Consumer<? super FederationReport> consumer, BulkOptions options,
      Consumer<? super AuditProgress> progress, Executor executor, int concurrency, long recentReports) {
    this.validate = validate;
    this.domains = domains;
    this.consumer = consumer;
    this.options = options;
    this.progress = progress;
    this.concurrency = Math.max(1, concurrency);
    this.executor = executor;
    this.recent = recentReports > 0 ? CacheBuilder.newBuilder().maximumSize(recentReports).build() : null;
  }

  /** Starts the audit; the stage completes when every report has been delivered. */
  public CompletableFuture<Void> run() {
    pump();
    return completion;
  }

  /** Fills free slots; a loop rather than recursion however fast reports complete. */
  private void pump() {
    if (pumpRequests.getAndIncrement() != 0) {
      return;
    }
    do {
      while (startNext()) {
        // keep filling
      }
    } while (pumpRequests.decrementAndGet() != 0);
  }

  private boolean startNext() {
    String input;
    synchronized (lock) {
      if (exhausted || failure != null || inFlight >= concurrency) {
        maybeFinish();
        return false;
      }
      try {
        if (!domains.hasNext()) {
          exhausted = true;
          maybeFinish();
          return false;
        }
        input = domains.next();
      } catch (RuntimeException e) {
        failure = e;
        maybeFinish();
        return false;
      }
      inFlight++;
    }
    String in = input == null ? "" : input;
    reportFor(in).whenComplete((report, t) -> dispatch(() -> deliver(in, report, t)));
    return true;
  }

  private CompletableFuture<FederationReport> reportFor(String input) {
    DomainNameResult name = DomainNames.normalize(input);
    if (!name.isValid()) {
      return validate.apply(input);
    }
    String key = name.ascii();
    CompletableFuture<FederationReport> mine = new CompletableFuture<>();
    CompletableFuture<FederationReport> shared;
    // One lock for both maps, so a duplicate always finds the report in one of them: a
    // validation that just finished moves from in flight to recent atomically.
    synchronized (lock) {
      FederationReport known = recent == null ? null : recent.getIfPresent(key);
      if (known != null) {
        return CompletableFuture.completedFuture(known);
      }
      shared = inFlightByDomain.putIfAbsent(key, mine);
    }
    if (shared != null) {
      return shared;
    }
    validate.apply(input).whenComplete((r, t) -> {
      synchronized (lock) {
        if (r != null && recent != null) {
          recent.put(key, r);
        }
        inFlightByDomain.remove(key, mine);
      }
      if (t != null) {
        mine.completeExceptionally(t);
      } else {
        mine.complete(r);
      }
    });
    return mine;
  }

  /**
   * Stops the audit because its validator is closing: nothing more is pulled or delivered, and the
   * audit completes exceptionally with {@code reason} now rather than after the reports in flight,
   * which may never come once the backends and timers are closed. Idempotent.
   */
  public void stop(RuntimeException reason) {
    synchronized (lock) {
      if (failure == null) {
        failure = reason;
      }
      finishing = true;
    }
    completion.completeExceptionally(reason);
  }

  /**
   * Runs {@code task} after the deliveries before it, one at a time, on the executor; if the
   * executor refuses, on this thread (a report is never dropped, and the audit never waits for a
   * task that will not run).
   */
  private void dispatch(Runnable task) {
    deliveries.add(task);
    if (deliveryRequests.getAndIncrement() != 0) {
      return; // a drain is running or scheduled and will pick it up
    }
    try {
      executor.execute(this::drainDeliveries);
    } catch (RejectedExecutionException e) {
      LOG.debug("delivery executor rejected a task ({}); delivering on this thread", e.toString());
      drainDeliveries();
    }
  }

  private void drainDeliveries() {
    int missed = 1;
    do {
      Runnable next;
      while ((next = deliveries.poll()) != null) {
        try {
          next.run();
        } catch (RuntimeException e) {
          LOG.warn("bulk audit delivery failed: {}", BackendCalls.describe(e), e);
        }
      }
      missed = deliveryRequests.addAndGet(-missed);
    } while (missed != 0);
  }

  private void deliver(String input, FederationReport shared, Throwable t) {
    if (completion.isDone()) {
      return; // stopped: the caller has been told; do not hand it reports after that
    }
    try {
      if (t != null) {
        throw new IllegalStateException("validation of \"" + input + "\" failed", t);
      }
      FederationReport report = shared.input().equals(input) ? shared
          : new FederationReport(input, shared.asciiDomain(), shared.verdict(), shared.findings(),
              shared.observation(), shared.timings(), shared.checkedAt());
      consumer.accept(report);
      done++;
      verdicts.merge(report.verdict(), 1L, Long::sum);
      int flying;
      synchronized (lock) {
        flying = inFlight - 1;
      }
      long now = System.nanoTime();
      if (lastProgressNanos == Long.MIN_VALUE
          || now - lastProgressNanos >= options.progressInterval().toNanos()) {
        lastProgressNanos = now;
        progress.accept(event(flying, false));
      }
    } catch (RuntimeException e) {
      LOG.debug("bulk audit stops: {}", BackendCalls.describe(e));
      synchronized (lock) {
        if (failure == null) {
          failure = e;
        }
      }
    }
    synchronized (lock) {
      inFlight--;
    }
    pump();
    synchronized (lock) {
      maybeFinish();
    }
  }

  /** Completes the audit once nothing is in flight and nothing more will be pulled. */
  private void maybeFinish() {
    if (inFlight > 0 || !(exhausted || failure != null) || finishing) {
      return;
    }
    finishing = true;
    Throwable f = failure;
    // The final event goes through the delivery queue, after every report.
    dispatch(() -> {
      try {
        if (f == null) {
          progress.accept(event(0, true));
        }
      } catch (RuntimeException e) {
        LOG.debug("progress listener failed: {}", BackendCalls.describe(e));
        completion.completeExceptionally(e);
        return;
      }
      if (f != null) {
        completion.completeExceptionally(f);
      } else {
        completion.complete(null);
      }
    });
  }

  private AuditProgress event(int flying, boolean finished) {
    return new AuditProgress(done, options.expectedTotal(), Math.max(0, flying), verdicts,
        Duration.ofNanos(System.nanoTime() - startNanos), finished);
  }
}
