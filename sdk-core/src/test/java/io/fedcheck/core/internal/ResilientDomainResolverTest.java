package io.fedcheck.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResilientDomainResolverTest {
  private final FakeDomainResolver dns = new FakeDomainResolver();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void close() {
    dns.close();
    timer.shutdownNow();
  }

  private static ResilienceSettings.Builder fastRetries() {
    return ResilienceSettings.builder().dnsRetries(2).retryInitialBackoff(Duration.ofMillis(10)).circuitBreaker(false);
  }

  private static DnsQuery query(String name) {
    return new DnsQuery(name, RecordType.A, Duration.ofSeconds(5));
  }

  private static DnsResult get(CompletableFuture<DnsResult> f) throws Exception {
    return f.get(30, TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @EnumSource(value = DnsOutcome.class, names = {"TIMEOUT", "SERVFAIL"})
  void retriesTransientFailuresUntilAnAnswer(DnsOutcome transientOutcome) throws Exception {
    AddressRecord a = new AddressRecord("x.example", InetAddress.getByName("203.0.113.1"), 60);
    dns.on("x.example", RecordType.A).outcome(transientOutcome).then().answer(a);
    var resolver = new ResilientDomainResolver(dns, fastRetries().build(), timer);

    DnsResult r = get(resolver.resolve(query("x.example")).toCompletableFuture());

    assertEquals(DnsOutcome.ANSWER, r.outcome());
    assertEquals(2, dns.calls("x.example", RecordType.A));
  }

  @ParameterizedTest
  @EnumSource(value = DnsOutcome.class, names = {"NXDOMAIN", "NO_DATA", "REFUSED", "MALFORMED"})
  void neverRetriesAnswers(DnsOutcome outcome) throws Exception {
    dns.on("x.example", RecordType.A).outcome(outcome);
    var resolver = new ResilientDomainResolver(dns, fastRetries().build(), timer);

    DnsResult r = get(resolver.resolve(query("x.example")).toCompletableFuture());

    assertEquals(outcome, r.outcome());
    assertEquals(1, dns.calls("x.example", RecordType.A));
  }

  @Test
  void givesUpAfterTheConfiguredRetries() throws Exception {
    dns.on("x.example", RecordType.A).outcome(DnsOutcome.SERVFAIL);
    var resolver = new ResilientDomainResolver(dns, fastRetries().build(), timer);
    DnsResult r = get(resolver.resolve(query("x.example")).toCompletableFuture());
    assertEquals(DnsOutcome.SERVFAIL, r.outcome());
    assertEquals(3, dns.calls("x.example", RecordType.A));
  }

  @Test
  void retriesStayWithinTheQueryTimeout() throws Exception {
    dns.on("x.example", RecordType.A).outcome(DnsOutcome.TIMEOUT).after(Duration.ofMillis(300));
    var resolver = new ResilientDomainResolver(dns, fastRetries().dnsRetries(10).build(), timer);
    long start = System.nanoTime();
    DnsResult r = get(resolver.resolve(new DnsQuery("x.example", RecordType.A, Duration.ofMillis(700)))
        .toCompletableFuture());
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertEquals(DnsOutcome.TIMEOUT, r.outcome());
    assertTrue(ms < 1_700, "took " + ms + " ms for a 700 ms query");
    assertTrue(dns.calls("x.example", RecordType.A) < 11);
  }

  @Test
  void openCircuitCutsRetriesButStillAsksEachQueryOnce() throws Exception {
    for (int i = 0; i < 40; i++) {
      dns.on("d" + i + ".example", RecordType.A).outcome(DnsOutcome.TIMEOUT).after(Duration.ofMillis(20));
    }
    var resolver = new ResilientDomainResolver(dns, ResilienceSettings.builder().dnsRetries(2)
        .retryInitialBackoff(Duration.ofMillis(5))
        .circuitMinimumCalls(5).circuitWindowSize(10).circuitOpenDuration(Duration.ofMinutes(5)).build(), timer);

    for (int i = 0; i < 5; i++) {
      get(resolver.resolve(query("d" + i + ".example")).toCompletableFuture());
    }
    assertEquals(CircuitBreaker.State.OPEN, resolver.circuitState());
    int before = dns.calls().size();

    List<DnsResult> later = new ArrayList<>();
    for (int i = 5; i < 40; i++) {
      later.add(get(resolver.resolve(query("d" + i + ".example")).toCompletableFuture()));
    }
    // Each later query had its one real attempt (a probe), and no retry: 35 calls, not 105.
    assertEquals(before + 35, dns.calls().size(), "one attempt per query while the circuit is open");
    for (DnsResult r : later) {
      assertEquals(DnsOutcome.TIMEOUT, r.outcome());
      assertTrue(r.detail().contains("circuit open"), r.detail());
    }
  }

  @Test
  void nxdomainKeepsTheCircuitClosed() throws Exception {
    var resolver = new ResilientDomainResolver(dns, ResilienceSettings.builder().dnsRetries(0)
        .circuitMinimumCalls(5).circuitWindowSize(10).build(), timer);
    for (int i = 0; i < 20; i++) {
      assertEquals(DnsOutcome.NXDOMAIN, get(resolver.resolve(query("n" + i + ".example")).toCompletableFuture()).outcome());
    }
    assertEquals(CircuitBreaker.State.CLOSED, resolver.circuitState());
  }

  @Test
  void rateLimitBoundsQueriesPerSecond() throws Exception {
    int qps = 10;
    var resolver = new ResilientDomainResolver(dns, ResilienceSettings.builder().dnsRetries(0).circuitBreaker(false)
        .dnsQueriesPerSecond(qps).build(), timer);
    List<CompletableFuture<DnsResult>> all = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      all.add(resolver.resolve(new DnsQuery("r" + i + ".example", RecordType.A, Duration.ofSeconds(30)))
          .toCompletableFuture());
    }
    for (CompletableFuture<DnsResult> f : all) {
      assertEquals(DnsOutcome.NXDOMAIN, get(f).outcome());
    }
    List<Long> at = dns.calls().stream().map(FakeDomainResolver.Call::nanoTime).sorted().toList();
    assertEquals(25, at.size());
    long second = TimeUnit.SECONDS.toNanos(1);
    int worst = 0;
    for (int i = 0; i < at.size(); i++) {
      int inWindow = 0;
      for (int j = i; j < at.size() && at.get(j) - at.get(i) < second; j++) {
        inWindow++;
      }
      worst = Math.max(worst, inWindow);
    }
    // One permit per 100 ms: at most 10 (+1 at the window's edge, +2 for scheduling jitter).
    assertTrue(worst <= qps + 3, worst + " queries within one second, limit " + qps);
  }

  @Test
  void exceptionsBecomeMalformedResults() throws Exception {
    dns.on("x.example", RecordType.A).throwing(new IllegalStateException("bug"));
    var resolver = new ResilientDomainResolver(dns, fastRetries().build(), timer);
    DnsResult r = get(resolver.resolve(query("x.example")).toCompletableFuture());
    assertEquals(DnsOutcome.MALFORMED, r.outcome());
    assertTrue(r.detail().contains("bug"));
  }
}
