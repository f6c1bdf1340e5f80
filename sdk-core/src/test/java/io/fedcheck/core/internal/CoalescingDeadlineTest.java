package io.fedcheck.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fedcheck.api.AddressRecord;
import io.fedcheck.api.CertificateInspector;
import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.RecordType;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.TlsProbe;
import io.fedcheck.core.CacheSettings;
import io.fedcheck.core.internal.CachingDomainResolverTest.ManualTicker;
import io.fedcheck.testkit.fake.FakeDomainResolver;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A caller never inherits the budget of an earlier caller that had little time left: it joins a
 * call in flight only if that call's deadline is about as late as its own. Time is a manual ticker;
 * the backends are fakes whose answers the test releases.
 */
class CoalescingDeadlineTest {
  private final FakeDomainResolver dns = new FakeDomainResolver();
  private final ManualTicker ticker = new ManualTicker();

  @AfterEach
  void close() {
    dns.close();
  }

  private static DnsQuery a(String name, Duration timeout) {
    return new DnsQuery(name, RecordType.A, timeout);
  }

  @Test
  void lookupWithALaterDeadlineDoesNotJoinOneAboutToTimeOut() throws Exception {
    dns.on("x.example", RecordType.A).never()
        .then().answer(new AddressRecord("x.example", InetAddress.getByName("203.0.113.1"), 300));
    var cache = new CachingDomainResolver(dns, CacheSettings.ofDefaults(), ticker);

    CompletableFuture<DnsResult> first = cache.resolve(a("x.example", Duration.ofSeconds(1))).toCompletableFuture();
    ticker.advance(900, TimeUnit.MILLISECONDS); // the first caller has 100 ms left
    DnsResult second = cache.resolve(a("x.example", Duration.ofSeconds(3))).toCompletableFuture()
        .get(10, TimeUnit.SECONDS);

    assertEquals(DnsOutcome.ANSWER, second.outcome(), "its own lookup, not the first caller's");
    assertEquals(2, dns.calls("x.example", RecordType.A));
    assertFalse(first.isDone());
    // the fresh answer took the entry's place: later callers reuse it
    cache.resolve(a("x.example", Duration.ofSeconds(3))).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(2, dns.calls("x.example", RecordType.A));
  }

  @Test
  void lookupsWithAboutTheSameDeadlineStillShareOneCall() throws Exception {
    dns.on("y.example", RecordType.A).answer(new AddressRecord("y.example", InetAddress.getByName("203.0.113.2"), 300))
        .after(Duration.ofMillis(300));
    var cache = new CachingDomainResolver(dns, CacheSettings.ofDefaults(), ticker);

    CompletableFuture<DnsResult> first = cache.resolve(a("y.example", Duration.ofSeconds(3))).toCompletableFuture();
    ticker.advance(100, TimeUnit.MILLISECONDS);
    CompletableFuture<DnsResult> second = cache.resolve(a("y.example", Duration.ofSeconds(3))).toCompletableFuture();

    assertEquals(DnsOutcome.ANSWER, first.get(10, TimeUnit.SECONDS).outcome());
    assertEquals(DnsOutcome.ANSWER, second.get(10, TimeUnit.SECONDS).outcome());
    assertEquals(1, dns.calls("y.example", RecordType.A));
  }

  /** An inspector whose handshakes end when the test says so. */
  static final class HeldInspector implements CertificateInspector {
    final List<TlsProbe> probes = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<CertificateObservation>> pending = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<CertificateObservation> inspect(TlsProbe probe) {
      probes.add(probe);
      CompletableFuture<CertificateObservation> f = new CompletableFuture<>();
      pending.add(f);
      return f;
    }

    void finish(int i, String detail) {
      TlsProbe p = probes.get(i);
      pending.get(i).complete(CertificateObservation.failed(p, TlsOutcome.HANDSHAKE_FAILED, detail, Duration.ZERO));
    }
  }

  @Test
  void probeWithALaterDeadlineDoesNotJoinAHandshakeAboutToTimeOut() throws Exception {
    HeldInspector backend = new HeldInspector();
    var cache = new CachingCertificateInspector(backend, CacheSettings.ofDefaults(), ticker);
    InetAddress address = InetAddress.getByName("203.0.113.9");

    CompletableFuture<CertificateObservation> first =
        cache.inspect(new TlsProbe("sip.example", address, 5061, Duration.ofSeconds(1))).toCompletableFuture();
    ticker.advance(900, TimeUnit.MILLISECONDS);
    CompletableFuture<CertificateObservation> second =
        cache.inspect(new TlsProbe("sip.example", address, 5061, Duration.ofSeconds(5))).toCompletableFuture();
    ticker.advance(50, TimeUnit.MILLISECONDS);
    CompletableFuture<CertificateObservation> third =
        cache.inspect(new TlsProbe("sip.example", address, 5061, Duration.ofSeconds(5))).toCompletableFuture();

    assertEquals(2, backend.probes.size(), "the second probe made its own handshake, the third joined it");
    assertEquals(Duration.ofSeconds(5), backend.probes.get(1).timeout());
    backend.finish(1, "fresh");
    assertEquals("fresh", second.get(10, TimeUnit.SECONDS).detail());
    assertEquals("fresh", third.get(10, TimeUnit.SECONDS).detail());
    assertFalse(first.isDone());
    backend.finish(0, "stale");
    assertEquals("stale", first.get(10, TimeUnit.SECONDS).detail());
  }

  @Test
  void mayJoinToleratesALittleSlackOnly() {
    long ms = 1_000_000L;
    assertEquals(true, BackendCalls.mayJoin(3_000 * ms, 3_100 * ms, 3_000 * ms));
    assertEquals(false, BackendCalls.mayJoin(3_000 * ms, 3_300 * ms, 3_000 * ms));
    assertEquals(false, BackendCalls.mayJoin(1_000 * ms, 3_900 * ms, 3_000 * ms));
    assertEquals(false, BackendCalls.mayJoin(100 * ms, 120 * ms, 100 * ms), "slack is a tenth of a short budget");
  }
}
