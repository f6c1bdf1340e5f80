package io.fedcheck.core.internal;

import io.fedcheck.api.CertificateInspector;
import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.DomainResolver;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.TlsProbe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Calls a backend so that nothing is lost: a backend that throws, completes exceptionally or never
 * completes still yields a value (a {@link DnsResult} or {@link CertificateObservation}) with the
 * reason as detail, by the given limit. The backend's own I/O is not cancelled (a stage timeout
 * cannot do that); backends enforce the deadline passed in the query or probe.
 */
public final class BackendCalls {
  private BackendCalls() {}

  /** Resolves {@code query}; the stage never completes exceptionally and completes by {@code limit}. */
  public static CompletableFuture<DnsResult> resolve(
      DomainResolver resolver, DnsQuery query, Duration limit, ScheduledExecutorService timer) {
    long start = System.nanoTime();
    return guarded(
        () -> resolver.resolve(query),
        t -> failedLookup(query, t, since(start)),
        () -> DnsResult.of(query, DnsOutcome.TIMEOUT,
            "no answer within " + limit.toMillis() + " ms", since(start)),
        limit, timer);
  }

  /** Inspects {@code probe}; the stage never completes exceptionally and completes by {@code limit}. */
  public static CompletableFuture<CertificateObservation> inspect(
      CertificateInspector inspector, TlsProbe probe, Duration limit, ScheduledExecutorService timer) {
    long start = System.nanoTime();
    return guarded(
        () -> inspector.inspect(probe),
        t -> CertificateObservation.failed(probe, TlsOutcome.HANDSHAKE_FAILED, describe(t), since(start)),
        () -> CertificateObservation.failed(probe, TlsOutcome.HANDSHAKE_FAILED,
            "no handshake completed within " + limit.toMillis() + " ms", since(start)),
        limit, timer);
  }

  /** The result recorded for a lookup whose backend failed with {@code t}. */
  public static DnsResult failedLookup(DnsQuery query, Throwable t, Duration elapsed) {
    Throwable cause = unwrap(t);
    DnsOutcome outcome = cause instanceof TimeoutException ? DnsOutcome.TIMEOUT : DnsOutcome.MALFORMED;
    return DnsResult.of(query, outcome, describe(cause), elapsed);
  }

  /** A short, single-line description of a failure, for a detail field. */
  public static String describe(Throwable t) {
    Throwable cause = unwrap(t);
    String message = cause.getMessage();
    String text = cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    text = text.replaceAll("\\s+", " ");
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }

  /** The most a joiner lets an in-flight call's deadline fall short of its own (see {@link #mayJoin}). */
  static final long JOIN_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  /**
   * Whether a caller whose deadline is {@code joinerDeadlineNanos} (budget {@code joinerTimeoutNanos})
   * may share an in-flight call that ends at {@code inFlightDeadlineNanos} instead of making its
   * own: only when that call may run about as long as the caller could wait itself (short by at
   * most a tenth of the caller's budget, and never more than 250 ms), so that a caller never
   * inherits a budget that another caller has almost spent.
   */
  static boolean mayJoin(long inFlightDeadlineNanos, long joinerDeadlineNanos, long joinerTimeoutNanos) {
    long slack = Math.min(JOIN_SLACK_NANOS, Math.max(0, joinerTimeoutNanos) / 10);
    return inFlightDeadlineNanos - (joinerDeadlineNanos - slack) >= 0;
  }

  /** The time since {@code startNanos}. */
  public static Duration since(long startNanos) {
    return Duration.ofNanos(Math.max(0, System.nanoTime() - startNanos));
  }

  /** Completes when every future has, with their values in order. */
  public static <T> CompletableFuture<List<T>> allOf(List<CompletableFuture<T>> futures) {
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .thenApply(v -> futures.stream().map(CompletableFuture::join).toList());
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  private static <T> CompletableFuture<T> guarded(
      Supplier<CompletionStage<T>> call,
      Function<Throwable, T> onFailure,
      Supplier<T> onTimeout,
      Duration limit,
      ScheduledExecutorService timer) {
    CompletableFuture<T> out = new CompletableFuture<>();
    CompletionStage<T> stage;
    try {
      stage = call.get();
      if (stage == null) {
        throw new IllegalStateException("backend returned no stage");
      }
    } catch (RuntimeException | Error e) {
      out.complete(onFailure.apply(e));
      return out;
    }
    ScheduledFuture<?> timeout;
    try {
      timeout = timer.schedule(() -> out.complete(onTimeout.get()), Math.max(1, limit.toNanos()),
          TimeUnit.NANOSECONDS);
    } catch (RuntimeException e) { // timer shut down: the validator is closing
      timeout = null;
    }
    ScheduledFuture<?> cancel = timeout;
    stage.whenComplete(
        (value, failure) -> {
          if (cancel != null) {
            cancel.cancel(false);
          }
          if (failure != null || value == null) {
            out.complete(onFailure.apply(failure != null ? failure : new IllegalStateException("backend returned null")));
          } else {
            out.complete(value);
          }
        });
    return out;
  }
}
