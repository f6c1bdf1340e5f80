package io.fedcheck.core.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.api.ResolverOptions;
import io.fedcheck.api.Verdict;
import io.fedcheck.core.FederationValidators;
import io.fedcheck.core.ResilienceSettings;
import io.fedcheck.testkit.dns.AuthoritativeDnsServer;
import io.fedcheck.testkit.dns.DnsFault;
import io.fedcheck.testkit.dns.DnsZone;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A dead DNS server (real dnsjava backend, real UDP): the circuit opens and cuts the retries; each
 * domain is still asked once, so no domain goes UNKNOWN without a real attempt of its own.
 */
class DeadResolverEndToEndTest {
  private AuthoritativeDnsServer server;
  private FederationValidator validator;

  @AfterEach
  void close() {
    if (validator != null) {
      validator.close();
    }
    server.close();
  }

  @Test
  void openCircuitAsksEachDomainOnceWithoutRetries() throws Exception {
    server = AuthoritativeDnsServer.builder().zone(DnsZone.builder("example.test").build())
        .globalFault(DnsFault.dropAll()).start();
    validator = FederationValidators.builder()
        .resolverName("dnsjava")
        .resolverOptions(ResolverOptions.ofDefaults().withServers(List.of(server.address()))
            .withQueryTimeout(Duration.ofMillis(200)).withRetries(0))
        .resilience(ResilienceSettings.builder().dnsRetries(2).circuitMinimumCalls(5).circuitWindowSize(5)
            .circuitOpenDuration(Duration.ofMinutes(5)).build())
        .queryTimeout(Duration.ofMillis(300))
        .skipTls(true)
        .concurrency(4)
        .build();
    List<String> domains = IntStream.range(0, 60).mapToObj(i -> "d" + i + ".example.test").toList();
    List<FederationReport> reports = new CopyOnWriteArrayList<>();

    validator.validateAll(domains.iterator(), reports::add).toCompletableFuture().get(120, TimeUnit.SECONDS);

    assertEquals(60, reports.size());
    assertTrue(reports.stream().allMatch(r -> r.verdict() == Verdict.UNKNOWN));
    long open = reports.stream().filter(r -> r.observation().srvLookup().detail().contains("circuit open")).count();
    assertTrue(open >= 40, "most domains had their retries cut by the open circuit: " + open);
    assertTrue(server.queryCount() >= 60, "every domain was asked: " + server.queryCount());
    assertTrue(server.queryCount() <= 80, "no retries once the circuit opened: " + server.queryCount());
  }
}
