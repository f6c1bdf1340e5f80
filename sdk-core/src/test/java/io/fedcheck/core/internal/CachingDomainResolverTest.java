package io.fedcheck.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.base.Ticker;
import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.RecordType;
import io.fedcheck.core.CacheSettings;
import io.fedcheck.testkit.fake.FakeDomainResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CachingDomainResolverTest {
  private final FakeDomainResolver dns = new FakeDomainResolver();
  private final ManualTicker ticker = new ManualTicker();

  /** A ticker the test moves by hand. */
  static final class ManualTicker extends Ticker {
    private final java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();

    @Override
    public long read() {
      return nanos.get();
    }

    void advance(long amount, TimeUnit unit) {
      nanos.addAndGet(unit.toNanos(amount));
    }
  }

  @AfterEach
  void close() {
    dns.close();
  }

  private static DnsQuery a(String name) {
    return new DnsQuery(name, RecordType.A, Duration.ofSeconds(5));
  }

  @Test
  void keepsAnAnswerForItsTtlClamped() throws Exception {
    dns.ttl(30).a("x.example", "203.0.113.1");
    var cache = new CachingDomainResolver(dns, CacheSettings.builder().minTtl(Duration.ofSeconds(5))
        .maxTtl(Duration.ofSeconds(20)).build(), ticker);

    cache.resolve(a("x.example")).toCompletableFuture().get(5, TimeUnit.SECONDS);
    ticker.advance(19, TimeUnit.SECONDS);
    cache.resolve(a("x.example")).toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertEquals(1, dns.calls("x.example", RecordType.A));
    ticker.advance(2, TimeUnit.SECONDS); // past maxTtl (20 s) though the record says 30 s
    cache.resolve(a("x.example")).toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertEquals(2, dns.calls("x.example", RecordType.A));
  }

  @Test
  void neverKeepsTimeoutsButSharesThemInFlight() throws Exception {
    dns.on("x.example", RecordType.A).outcome(DnsOutcome.TIMEOUT).after(Duration.ofMillis(100));
    var cache = new CachingDomainResolver(dns, CacheSettings.ofDefaults(), ticker);
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      all.add(cache.resolve(a("x.example")).toCompletableFuture());
    }
    for (CompletableFuture<?> f : all) {
      f.get(5, TimeUnit.SECONDS);
    }
    assertEquals(1, dns.calls("x.example", RecordType.A));
    cache.resolve(a("x.example")).toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertEquals(2, dns.calls("x.example", RecordType.A));
  }

  @Test
  void answersCarryTheCallersQuery() throws Exception {
    dns.a("x.example", "203.0.113.1");
    var cache = new CachingDomainResolver(dns, CacheSettings.ofDefaults(), ticker);
    cache.resolve(a("x.example")).toCompletableFuture().get(5, TimeUnit.SECONDS);
    DnsQuery other = new DnsQuery("x.example", RecordType.A, Duration.ofMillis(1234));
    assertEquals(other, cache.resolve(other).toCompletableFuture().get(5, TimeUnit.SECONDS).query());
  }
}
