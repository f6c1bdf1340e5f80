package io.fedcheck.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.AuditProgress;
import io.fedcheck.api.BulkOptions;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.api.RecordType;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BulkValidationTest extends FakeBackendsTest {
  private FederationValidator validator() {
    validator = FederationValidators.builder().resolver(dns).inspector(tls)
        .resilience(ResilienceSettings.minimal()).build();
    return validator;
  }

  @Test
  void everyInputGetsOneReportIncludingDuplicatesAndInvalidLines() throws Exception {
    List<String> input = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String d = "d" + i + ".example";
      dns.srv(d, 0, 0, 5061, "sip." + d).a("sip." + d, "203.0.113." + (i + 1));
      input.add(d);
    }
    input.add("D3.example.");   // same domain, other spelling
    input.add("d3.example");
    input.add("d3.example");
    input.add("not a domain");
    input.add("");
    input.add(null);
    Collections.shuffle(input, new java.util.Random(7));
    dns.latency(Duration.ofMillis(5));

    List<FederationReport> out = new CopyOnWriteArrayList<>();
    validator().validateAll(input.iterator(), out::add).toCompletableFuture().get(60, TimeUnit.SECONDS);

    assertEquals(input.size(), out.size());
    List<String> inputs = new ArrayList<>(out.stream().map(FederationReport::input).toList());
    List<String> expected = new ArrayList<>(input.stream().map(s -> s == null ? "" : s).toList());
    Collections.sort(inputs);
    Collections.sort(expected);
    assertEquals(expected, inputs);
    assertEquals(3, out.stream().filter(r -> r.verdict() == Verdict.FAIL && r.observation() == null).count());
    // d3 appears four times but was looked up at most once per in-flight/recent window: once here.
    assertEquals(1, dns.calls("_sipfederationtls._tcp.d3.example", RecordType.SRV));
  }

  @Test
  void pullsTheNextDomainOnlyWhenASlotIsFree() throws Exception {
    int concurrency = 3;
    int n = 25;
    for (int i = 0; i < n; i++) {
      dns.srv("b" + i + ".example", 0, 0, 5061, "sip.b" + i + ".example");
    }
    dns.latency(Duration.ofMillis(20));
    AtomicInteger pulled = new AtomicInteger();
    AtomicInteger delivered = new AtomicInteger();
    AtomicInteger worst = new AtomicInteger();
    Iterator<String> source = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return pulled.get() < n;
      }

      @Override
      public String next() {
        int inFlight = pulled.get() - delivered.get(); // before this one is taken
        worst.accumulateAndGet(inFlight, Math::max);
        return "b" + pulled.getAndIncrement() + ".example";
      }
    };

    validator().validateAll(source, r -> delivered.incrementAndGet(), BulkOptions.ofDefaults().withConcurrency(concurrency),
        p -> {}).toCompletableFuture().get(60, TimeUnit.SECONDS);

    assertEquals(n, delivered.get());
    assertTrue(worst.get() < concurrency, "a domain was pulled with " + worst.get() + " in flight");
    assertTrue(dns.maxInFlight() <= concurrency, "dns in flight " + dns.maxInFlight());
  }

  @Test
  void reportsProgressWithCountsAndAFinalEvent() throws Exception {
    dns.srv("ok.example", 0, 0, 5061, "sip.ok.example");
    List<String> input = List.of("ok.example", "bad domain", "a.example", "b.example", "c.example");
    List<AuditProgress> events = new CopyOnWriteArrayList<>();
    AtomicLong reportsAtEvent = new AtomicLong();
    AtomicInteger reports = new AtomicInteger();

    validator().validateAll(input.iterator(), r -> reports.incrementAndGet(),
        BulkOptions.ofDefaults().withExpectedTotal(input.size()).withProgressInterval(Duration.ZERO),
        p -> {
          events.add(p);
          reportsAtEvent.set(reports.get());
        }).toCompletableFuture().get(60, TimeUnit.SECONDS);

    AuditProgress last = events.get(events.size() - 1);
    assertTrue(last.finished());
    assertEquals(5, last.done());
    assertEquals(5, last.totalIfKnown().orElseThrow());
    assertEquals(1, last.count(Verdict.FAIL) >= 1 ? 1 : 0, "the invalid line is a FAIL");
    assertEquals(5, last.verdicts().values().stream().mapToLong(Long::longValue).sum());
    assertEquals(6, events.size(), "one event per report plus the final one");
    for (int i = 1; i < events.size(); i++) {
      assertTrue(events.get(i).done() >= events.get(i - 1).done());
    }
    assertEquals(5, reportsAtEvent.get());
    assertTrue(last.ratePerSecond() > 0);
  }

  @Test
  void consumerFailureStopsTheAuditWithThatException() {
    List<String> input = List.of("a.example", "b.example", "c.example");
    CompletableFuture<Void> done = validator().validateAll(input.iterator(), r -> {
      throw new IllegalStateException("disk full");
    }).toCompletableFuture();
    var e = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
        () -> done.get(60, TimeUnit.SECONDS));
    assertTrue(e.getCause().getMessage().contains("disk full"));
  }

  @Test
  void emptyInputCompletes() throws Exception {
    List<AuditProgress> events = new CopyOnWriteArrayList<>();
    validator().validateAll(Collections.emptyIterator(), r -> {}, BulkOptions.ofDefaults(), events::add)
        .toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertEquals(1, events.size());
    assertTrue(events.get(0).finished());
    assertEquals(0, events.get(0).done());
  }

  @Test
  void concurrentValidationsSharingATargetMakeOneHandshake() throws Exception {
    for (int i = 0; i < 10; i++) {
      dns.srv("tenant" + i + ".example", 0, 0, 5061, "sipfed.online.lync.com");
    }
    dns.a("sipfed.online.lync.com", "52.112.0.1");
    tls.on("sipfed.online.lync.com", 5061).present(TestCertificates.selfSigned("sipfed.online.lync.com"))
        .after(Duration.ofMillis(200));
    FederationValidator v = validator();

    List<CompletableFuture<FederationReport>> all = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      all.add(v.validate("tenant" + i + ".example").toCompletableFuture());
    }
    for (CompletableFuture<FederationReport> f : all) {
      FederationReport r = f.get(30, TimeUnit.SECONDS);
      assertEquals(TlsOutcome.HANDSHAKE_COMPLETED, r.observation().targets().get(0).certificate().outcome());
    }
    assertEquals(1, tls.calls().size());
    assertEquals(1, dns.calls("sipfed.online.lync.com", RecordType.A));
  }
}
