package io.fedcheck.core.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.api.ResolverOptions;
import io.fedcheck.core.FederationValidators;
import io.fedcheck.core.ResilienceSettings;
import io.fedcheck.testkit.dns.AuthoritativeDnsServer;
import io.fedcheck.testkit.dns.DnsFault;
import io.fedcheck.testkit.dns.DnsZone;
import io.fedcheck.testkit.dns.ReceivedQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code dnsQueriesPerSecond(N)} holds for the packets the DNS server actually receives, with
 * timeouts (retries) and CNAME-chasing in the mix: the discovered dnsjava backend does not retry
 * below the rate limiter, and alias follow-ups are charged. An upper bound only, never a speed.
 */
class QueryRateOnTheWireTest {
  private static final int QPS = 20;
  private static final int DOMAINS = 30;
  private AuthoritativeDnsServer server;
  private FederationValidator validator;

  @AfterEach
  void close() {
    if (validator != null) {
      validator.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void noOneSecondWindowSeesMoreThanTheLimit() throws Exception {
    DnsZone.Builder zone = DnsZone.builder("rate.test");
    List<String> domains = new ArrayList<>();
    for (int i = 0; i < DOMAINS; i++) {
      String d = "d" + i;
      domains.add(d + ".rate.test");
      zone.srv("_sipfederationtls._tcp." + d, 0, 0, 5061, "sip." + d);
      if (i % 5 == 0) {
        zone.cname("sip." + d, "edge" + i + ".other.test."); // followed with a query of its own
      } else {
        zone.a("sip." + d, "127.0.0.1");
      }
    }
    DnsZone.Builder other = DnsZone.builder("other.test");
    for (int i = 0; i < DOMAINS; i += 5) {
      other.a("edge" + i, "127.0.0.1");
    }
    server = AuthoritativeDnsServer.start(zone.build(), other.build());
    for (int i = 1; i < DOMAINS; i += 3) {
      server.fault("_sipfederationtls._tcp.d" + i + ".rate.test", DnsFault.dropAll()); // timeouts, retried
    }
    validator = FederationValidators.builder()
        .resolverName("dnsjava")
        .resolverOptions(ResolverOptions.ofDefaults().withServers(List.of(server.address()))
            .withQueryTimeout(Duration.ofMillis(300)))
        .resilience(ResilienceSettings.builder().dnsQueriesPerSecond(QPS).dnsRetries(2)
            .retryInitialBackoff(Duration.ofMillis(10)).circuitBreaker(false).build())
        .skipTls(true)
        .deadline(Duration.ofSeconds(20))
        .concurrency(16)
        .build();

    List<FederationReport> reports = new CopyOnWriteArrayList<>();
    validator.validateAll(domains.iterator(), reports::add).toCompletableFuture().get(120, TimeUnit.SECONDS);

    assertEquals(DOMAINS, reports.size());
    List<Instant> at = server.queries().stream().map(ReceivedQuery::receivedAt).sorted().toList();
    assertTrue(at.size() > QPS, "enough traffic to test the limit: " + at.size());
    int worst = 0;
    for (int i = 0, j = 0; i < at.size(); i++) {
      while (j < at.size() && at.get(j).isBefore(at.get(i).plusSeconds(1))) {
        j++;
      }
      worst = Math.max(worst, j - i);
    }
    assertTrue(worst <= QPS + 2, "at most " + QPS + " (+2) queries in any second on the wire, saw " + worst);
  }
}
