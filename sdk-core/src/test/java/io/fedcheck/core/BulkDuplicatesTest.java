package io.fedcheck.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.api.RecordType;
import io.fedcheck.api.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Duplicates in a bulk audit are checked once within {@link CacheSettings#maxRecentReports()},
 * whatever the DNS cache size, and each gets its own input text. DNS and TLS answers are not kept
 * (TTL 0), so every SRV query the fake sees is one validation.
 */
class BulkDuplicatesTest extends FakeBackendsTest {
  private FederationValidator validator(CacheSettings.Builder cache, int concurrency) {
    validator = FederationValidators.builder().resolver(dns).inspector(tls)
        .resilience(ResilienceSettings.minimal())
        .cache(cache.minTtl(Duration.ZERO).maxTtl(Duration.ZERO).negativeTtl(Duration.ZERO)
            .tlsTtl(Duration.ZERO).build())
        .concurrency(concurrency)
        .build();
    return validator;
  }

  private static List<String> withFillerBetween(String first, String again, int fillers) {
    List<String> in = new ArrayList<>();
    in.add(first);
    for (int i = 0; i < fillers; i++) {
      in.add("filler" + i + ".example");
    }
    in.add(again);
    return in;
  }

  private List<FederationReport> run(List<String> input) throws Exception {
    List<FederationReport> out = new CopyOnWriteArrayList<>();
    validator.validateAll(input.iterator(), out::add).toCompletableFuture().get(60, TimeUnit.SECONDS);
    return out;
  }

  @Test
  void duplicateFarBeyondTheDnsCacheSizeIsReusedWithItsOwnInput() throws Exception {
    dns.srv("dup.example", 0, 0, 5061, "sip.dup.example").a("sip.dup.example", "203.0.113.7");
    validator(CacheSettings.builder().maxDnsEntries(1), 1);

    List<FederationReport> out = run(withFillerBetween("dup.example", "DUP.example.", 50));

    assertEquals(52, out.size());
    assertEquals(1, dns.calls("_sipfederationtls._tcp.dup.example", RecordType.SRV), "validated once");
    FederationReport first = out.get(0);
    FederationReport again = out.get(51);
    assertEquals("dup.example", first.input());
    assertEquals("DUP.example.", again.input(), "each duplicate carries its own input text");
    assertEquals("dup.example", again.asciiDomain());
    assertEquals(first.verdict(), again.verdict());
    assertEquals(first.findings(), again.findings());
  }

  @Test
  void duplicateFurtherApartThanTheRecentReportsIsCheckedAgain() throws Exception {
    validator(CacheSettings.builder().maxRecentReports(2), 1);

    List<FederationReport> out = run(withFillerBetween("dup.example", "dup.example", 10));

    assertEquals(12, out.size());
    assertEquals(2, dns.calls("_sipfederationtls._tcp.dup.example", RecordType.SRV),
        "documented trade-off: memory stays bounded");
  }

  @Test
  void duplicatesInFlightShareOneValidationEvenWithoutRecentReports() throws Exception {
    dns.latency(Duration.ofMillis(200));
    validator(CacheSettings.builder().maxRecentReports(0), 8);
    List<String> in = List.of("a.example", "A.EXAMPLE", "a.example.", "a.example", "b.example");

    List<FederationReport> out = run(in);

    assertEquals(5, out.size());
    assertEquals(1, dns.calls("_sipfederationtls._tcp.a.example", RecordType.SRV));
    assertEquals(List.of("A.EXAMPLE", "a.example", "a.example", "a.example.", "b.example"),
        out.stream().map(FederationReport::input).sorted().toList());
    assertEquals(Verdict.FAIL, out.get(0).verdict());
  }
}
