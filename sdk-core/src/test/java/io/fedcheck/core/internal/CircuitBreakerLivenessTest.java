package io.fedcheck.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fedcheck.api.AddressRecord;
import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.RecordType;
import io.fedcheck.core.ResilienceSettings;
import io.fedcheck.testkit.fake.FakeDomainResolver;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The circuit breaker opens for a dead resolver, not for dead zones: timeouts count only while the
 * resolver answers nothing else. The fake's delays order the answers.
 */
class CircuitBreakerLivenessTest {
  private final FakeDomainResolver dns = new FakeDomainResolver();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void close() {
    dns.close();
    timer.shutdownNow();
  }

  private ResilientDomainResolver resolver() {
    return new ResilientDomainResolver(dns, ResilienceSettings.builder().dnsRetries(0)
        .circuitMinimumCalls(5).circuitWindowSize(20).circuitOpenDuration(Duration.ofMinutes(5)).build(), timer);
  }

  /** Six concurrent queries for d0..d5.example that time out: none sees a reply from the resolver. */
  private static void silenceOpensTheCircuit(ResilientDomainResolver resolver) throws Exception {
    List<CompletableFuture<DnsResult>> first = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      first.add(resolver.resolve(query("d" + i + ".example")).toCompletableFuture());
    }
    for (CompletableFuture<DnsResult> f : first) {
      f.get(30, TimeUnit.SECONDS);
    }
    assertEquals(CircuitBreaker.State.OPEN, resolver.circuitState());
  }

  private static DnsQuery query(String name) {
    return new DnsQuery(name, RecordType.A, Duration.ofSeconds(5));
  }

  @Test
  void timingOutNamesAmongHealthyOnesKeepTheCircuitClosed() throws Exception {
    for (int i = 0; i < 12; i++) { // tenants whose own name servers are dead
      dns.on("dead" + i + ".example", RecordType.A).outcome(DnsOutcome.TIMEOUT).after(Duration.ofMillis(300));
    }
    for (int i = 0; i < 8; i++) {
      dns.on("ok" + i + ".example", RecordType.A)
          .answer(new AddressRecord("ok" + i + ".example", InetAddress.getByName("203.0.113.1"), 60))
          .after(Duration.ofMillis(20));
    }
    var resolver = resolver();
    List<CompletableFuture<DnsResult>> all = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      all.add(resolver.resolve(query("dead" + i + ".example")).toCompletableFuture());
    }
    for (int i = 0; i < 8; i++) {
      all.add(resolver.resolve(query("ok" + i + ".example")).toCompletableFuture());
    }
    for (CompletableFuture<DnsResult> f : all) {
      f.get(30, TimeUnit.SECONDS);
    }

    // 12 timeouts out of the last 20 calls is 60 %, over the 50 % threshold: counted naively, they
    // would have opened the circuit. The resolver answered meanwhile, so they do not count.
    assertEquals(CircuitBreaker.State.CLOSED, resolver.circuitState());
    assertEquals(DnsOutcome.ANSWER,
        resolver.resolve(query("ok0.example")).toCompletableFuture().get(30, TimeUnit.SECONDS).outcome());
  }

  @Test
  void silentResolverOpensTheCircuit() throws Exception {
    for (int i = 0; i < 20; i++) {
      dns.on("d" + i + ".example", RecordType.A).outcome(DnsOutcome.TIMEOUT).after(Duration.ofMillis(50));
    }
    var resolver = resolver();
    silenceOpensTheCircuit(resolver);
    DnsResult later = resolver.resolve(query("d10.example")).toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertEquals(DnsOutcome.TIMEOUT, later.outcome());
    assertEquals(1, dns.calls("d10.example", RecordType.A), "a query is asked once even with the circuit open");
  }

  @Test
  void anyReplyClosesTheCircuitAndHealthyNamesKeepTheirAnswers() throws Exception {
    for (int i = 0; i < 6; i++) {
      dns.on("d" + i + ".example", RecordType.A).outcome(DnsOutcome.TIMEOUT).after(Duration.ofMillis(50));
    }
    dns.on("broken.example", RecordType.A).outcome(DnsOutcome.MALFORMED);
    dns.on("ok.example", RecordType.A)
        .answer(new AddressRecord("ok.example", InetAddress.getByName("203.0.113.1"), 60));
    var resolver = resolver();
    silenceOpensTheCircuit(resolver);

    // A malformed answer is a reply: the server is alive, so the circuit closes at once.
    assertEquals(DnsOutcome.MALFORMED,
        resolver.resolve(query("broken.example")).toCompletableFuture().get(30, TimeUnit.SECONDS).outcome());
    assertEquals(CircuitBreaker.State.CLOSED, resolver.circuitState());
    assertEquals(DnsOutcome.ANSWER,
        resolver.resolve(query("ok.example")).toCompletableFuture().get(30, TimeUnit.SECONDS).outcome());
  }

  @Test
  void malformedAnswersNeverOpenTheCircuit() throws Exception {
    for (int i = 0; i < 30; i++) {
      dns.on("m" + i + ".example", RecordType.A).outcome(DnsOutcome.MALFORMED);
    }
    var resolver = resolver();
    for (int i = 0; i < 30; i++) {
      resolver.resolve(query("m" + i + ".example")).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    assertEquals(CircuitBreaker.State.CLOSED, resolver.circuitState());
  }
}
