package io.fedcheck.dnsjava;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.RecordType;
import io.fedcheck.testkit.dns.AuthoritativeDnsServer;
import io.fedcheck.testkit.dns.DnsFault;
import io.fedcheck.testkit.dns.DnsZone;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The backend retries only timeouts (and network errors) and SERVFAIL, never answers (issue 7). */
class BackendRetryPolicyTest {
  private static final String NAME = "sip.example.test";
  private final AuthoritativeDnsServer first = AuthoritativeDnsServer.start(zone());
  private final AuthoritativeDnsServer second = AuthoritativeDnsServer.start(zone());
  private DnsjavaResolver resolver;

  private static DnsZone zone() {
    return DnsZone.builder("example.test").a("sip", "203.0.113.5").build();
  }

  @AfterEach
  void close() {
    if (resolver != null) {
      resolver.close();
    }
    first.close();
    second.close();
  }

  private DnsResult resolve(DnsjavaResolver.Builder b) throws Exception {
    resolver = b.queryTimeout(Duration.ofMillis(500)).retries(2).build();
    return resolver.resolve(new DnsQuery(NAME, RecordType.A, Duration.ofSeconds(5))).toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  @Test
  void refusedIsFinalEvenWithAnotherServer() throws Exception {
    first.fault(NAME, DnsFault.refused());
    DnsResult r = resolve(DnsjavaResolver.builder().servers(List.of(first.address(), second.address())));
    assertEquals(DnsOutcome.REFUSED, r.outcome(), r.detail());
    assertEquals(1, first.queries(NAME).size());
    assertEquals(0, second.queries(NAME).size());
  }

  @Test
  void malformedAnswerIsNotAskedAgain() throws Exception {
    first.fault(NAME, DnsFault.wrongQuestion());
    DnsResult r = resolve(DnsjavaResolver.builder().server(first.address())
        .transport(DnsjavaResolver.Transport.PER_QUERY));
    assertEquals(DnsOutcome.MALFORMED, r.outcome(), r.detail());
    assertEquals(1, first.queries(NAME).size());
  }

  @Test
  void servfailIsRetriedOnTheNextServer() throws Exception {
    first.fault(NAME, DnsFault.servfail());
    DnsResult r = resolve(DnsjavaResolver.builder().servers(List.of(first.address(), second.address())));
    assertEquals(DnsOutcome.ANSWER, r.outcome(), r.detail());
    assertEquals(1, second.queries(NAME).size());
  }

  @Test
  void servfailFromTheOnlyServerIsRetriedToo() throws Exception {
    first.fault(NAME, DnsFault.servfail());
    DnsResult r = resolve(DnsjavaResolver.builder().server(first.address()));
    assertEquals(DnsOutcome.SERVFAIL, r.outcome(), r.detail());
    assertEquals(3, first.queries(NAME).size(), "one attempt and two retries");
  }

  @Test
  void timeoutIsRetried() throws Exception {
    first.fault(NAME, DnsFault.dropFirst(1));
    DnsResult r = resolve(DnsjavaResolver.builder().server(first.address()));
    assertEquals(DnsOutcome.ANSWER, r.outcome(), r.detail());
    assertEquals(2, first.queries(NAME).size());
  }
}
