package io.fedcheck.testkit.fake;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * How the fakes hand over their answers: at once, after a delay on a timer thread, never, or as a
 * failure; counting the calls in flight and the most seen at once. Thread-safe.
 */
final class FakeDelivery implements AutoCloseable {
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final ScheduledExecutorService timer;

  FakeDelivery(String timerName) {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, timerName);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * The answer of one call: never completed when {@code never}; otherwise after {@code delay},
   * failed with {@code failure} when it is set, else completed with {@code value}'s result.
   */
  <T> CompletableFuture<T> deliver(boolean never, Duration delay, Throwable failure, Supplier<T> value) {
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    CompletableFuture<T> result = new CompletableFuture<>();
    if (never) {
      return result;
    }
    Runnable answer = () -> {
      inFlight.decrementAndGet(); // before completing: dependents may run a new call at once
      if (failure != null) {
        result.completeExceptionally(failure);
      } else {
        result.complete(value.get());
      }
    };
    if (delay.isZero()) {
      answer.run();
    } else {
      timer.schedule(answer, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
    return result;
  }

  /** The most calls that were unfinished at the same time. */
  int maxInFlight() {
    return maxInFlight.get();
  }

  /** Starts counting the maximum afresh from the calls in flight now. */
  void resetMaxInFlight() {
    maxInFlight.set(inFlight.get());
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
