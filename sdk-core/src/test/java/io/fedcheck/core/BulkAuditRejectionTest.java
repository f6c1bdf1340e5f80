package io.fedcheck.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.FederationReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A bulk audit whose executor refuses work, or whose validator closes mid-way, ends: never a hang. */
class BulkAuditRejectionTest extends FakeBackendsTest {
  private static List<String> domains(int n) {
    return IntStream.range(0, n).mapToObj(i -> "d" + i + ".example").toList();
  }

  @Test
  void closingTheValidatorMidAuditEndsTheAuditInsteadOfHanging() throws Exception {
    dns.latency(Duration.ofMillis(100));
    validator = FederationValidators.builder().resolver(dns).inspector(tls).concurrency(4).build();
    CountDownLatch firstReport = new CountDownLatch(1);
    AtomicInteger reports = new AtomicInteger();
    CompletableFuture<Void> audit = validator.validateAll(domains(200).iterator(), r -> {
      reports.incrementAndGet();
      firstReport.countDown();
    }).toCompletableFuture();
    assertTrue(firstReport.await(30, TimeUnit.SECONDS));

    validator.close();

    try {
      audit.get(20, TimeUnit.SECONDS); // java.util.concurrent.TimeoutException here is the bug
      assertEquals(200, reports.get(), "a normal completion means every report was delivered");
    } catch (ExecutionException e) {
      assertTrue(e.getCause().getMessage().contains("closed"), e.getCause().toString());
    }
    assertTrue(reports.get() < 200 || audit.isDone());
  }

  @Test
  void validateAllAfterCloseEndsAtOnce() throws Exception {
    validator = FederationValidators.builder().resolver(dns).inspector(tls).build();
    validator.close();
    CompletableFuture<Void> audit = validator.validateAll(domains(3).iterator(), r -> {}).toCompletableFuture();
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> audit.get(20, TimeUnit.SECONDS));
    assertTrue(e.getCause().getMessage().contains("closed"));
  }

  @Test
  void executorThatRejectsStillDeliversEveryReport() throws Exception {
    AtomicInteger rejected = new AtomicInteger();
    Executor full = task -> {
      rejected.incrementAndGet();
      throw new RejectedExecutionException("executor full");
    };
    dns.latency(Duration.ofMillis(5));
    validator = FederationValidators.builder().resolver(dns).inspector(tls).executor(full).concurrency(4).build();
    List<FederationReport> got = new ArrayList<>();

    validator.validateAll(domains(20).iterator(), got::add).toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertEquals(20, got.size());
    assertTrue(rejected.get() > 0, "the executor really refused work");
    for (FederationReport r : got) {
      assertTrue(!r.findings().isEmpty(), "each report says why it is what it is: " + r);
    }
  }
}
