package io.fedcheck.core.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.api.ResolverOptions;
import io.fedcheck.api.Verdict;
import io.fedcheck.core.FederationValidators;
import io.fedcheck.testkit.dns.AuthoritativeDnsServer;
import io.fedcheck.testkit.dns.DnsFault;
import io.fedcheck.testkit.dns.DnsZone;
import io.fedcheck.testkit.dns.HostileAnswers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Catalogue, breaker isolation: runs of tenants whose zones answer with a compression-pointer loop
 * or never answer, interleaved with healthy tenants, audited through the real dnsjava backend
 * against the test kit's DNS server with the default resilience settings (circuit breaker on).
 * Every healthy domain must keep the verdict it gets when audited alone, at any concurrency.
 */
class BreakerIsolationTest extends LeakCheckedTest {
  private static final int RUN = 12;
  private static AuthoritativeDnsServer dns;

  @BeforeAll
  static void start() {
    dns = AuthoritativeDnsServer.builder().start();
    for (int i = 0; i < RUN; i++) {
      DnsZone.Builder zone = DnsZone.builder("ok" + i + ".iso");
      if (i % 2 == 0) { // half the healthy tenants publish an edge, half have none (NXDOMAIN SRV)
        zone.srv("_sipfederationtls._tcp", 0, 0, 5061, "sip.ok" + i + ".iso.").a("sip", "127.0.0.1");
      }
      dns.addZone(zone.build());
      dns.addZone(DnsZone.builder("loop" + i + ".iso").build());
      dns.fault("_sipfederationtls._tcp.loop" + i + ".iso", HostileAnswers.compressionPointerLoop());
      dns.addZone(DnsZone.builder("silent" + i + ".iso").build());
      dns.fault("_sipfederationtls._tcp.silent" + i + ".iso", DnsFault.dropAll());
    }
  }

  @AfterAll
  static void stop() {
    dns.close();
  }

  private static FederationValidator validator(int concurrency) {
    return FederationValidators.builder()
        .resolverName("dnsjava")
        .resolverOptions(ResolverOptions.ofDefaults().withServers(List.of(dns.address()))
            .withQueryTimeout(Duration.ofMillis(250)).withRetries(0))
        .queryTimeout(Duration.ofMillis(400))
        .skipTls(true)
        .concurrency(concurrency)
        .build();
  }

  private static Map<String, Verdict> audit(List<String> domains, int concurrency) throws Exception {
    Map<String, Verdict> verdicts = new ConcurrentHashMap<>();
    try (FederationValidator v = validator(concurrency)) {
      v.validateAll(domains.iterator(), (FederationReport r) -> verdicts.put(r.input(), r.verdict()))
          .toCompletableFuture().get(120, TimeUnit.SECONDS);
    }
    assertEquals(domains.size(), verdicts.size(), "one result per domain");
    return verdicts;
  }

  @ParameterizedTest(name = "concurrency {0}")
  @ValueSource(ints = {1, 16, 256})
  void healthyDomainsKeepTheirVerdictAmongBrokenZones(int concurrency) throws Exception {
    List<String> healthy = new ArrayList<>();
    List<String> mixed = new ArrayList<>();
    for (int block = 0; block < RUN; block += 4) {
      // Runs long enough to open a naive breaker (more than its minimum of 10 calls) come first.
      for (int i = block; i < block + 4; i++) {
        mixed.add("silent" + i + ".iso");
        mixed.add("loop" + i + ".iso");
      }
      for (int i = block; i < block + 4; i++) {
        mixed.add("ok" + i + ".iso");
        healthy.add("ok" + i + ".iso");
      }
    }
    Map<String, Verdict> alone = new TreeMap<>(audit(healthy, concurrency));
    Map<String, Verdict> among = audit(mixed, concurrency);
    Map<String, Verdict> healthyAmong = new TreeMap<>();
    healthy.forEach(d -> healthyAmong.put(d, among.get(d)));
    assertEquals(alone, healthyAmong, "healthy tenants' verdicts next to broken zones");
  }
}
