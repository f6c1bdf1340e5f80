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

/**
 * With no retries of its own (the validator retries above it), the backend still fails over: after
 * its first server times out, later lookups start at the next server.
 */
class DeadServerFailoverTest {
  private final AuthoritativeDnsServer dead = AuthoritativeDnsServer.builder()
      .zone(DnsZone.builder("example.test").a("sip", "203.0.113.5").build())
      .globalFault(DnsFault.dropAll()).start();
  private final AuthoritativeDnsServer alive =
      AuthoritativeDnsServer.start(DnsZone.builder("example.test").a("sip", "203.0.113.5").build());
  private DnsjavaResolver resolver;

  @AfterEach
  void close() {
    if (resolver != null) {
      resolver.close();
    }
    dead.close();
    alive.close();
  }

  @Test
  void laterLookupsSkipAServerThatTimedOut() throws Exception {
    resolver = DnsjavaResolver.builder().servers(List.of(dead.address(), alive.address()))
        .queryTimeout(Duration.ofMillis(300)).retries(0).build();
    DnsQuery q = new DnsQuery("sip.example.test", RecordType.A, Duration.ofSeconds(2));

    DnsResult first = resolver.resolve(q).toCompletableFuture().get(30, TimeUnit.SECONDS);
    DnsResult second = resolver.resolve(q).toCompletableFuture().get(30, TimeUnit.SECONDS);
    DnsResult third = resolver.resolve(q).toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertEquals(DnsOutcome.TIMEOUT, first.outcome(), first.detail());
    assertEquals(DnsOutcome.ANSWER, second.outcome(), second.detail());
    assertEquals(DnsOutcome.ANSWER, third.outcome(), third.detail());
    assertEquals(1, dead.queries().size(), "the dead server cost one timeout, not one per lookup");
  }
}
