package io.fedcheck.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.RecordType;
import io.fedcheck.testkit.dns.AuthoritativeDnsServer;
import io.fedcheck.testkit.dns.DnsZone;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * CNAME chains that JNDI makes the resolver walk with explicit CNAME queries: a loop and a chain
 * longer than the limit are MALFORMED with a detail that says which, within the deadline, as with
 * the dnsjava resolver; a chain within the limit still resolves.
 */
class JndiCnameChainTest {
  private static final String ZONE = "chain.lab";
  private static final Duration DEADLINE = Duration.ofSeconds(4);

  private AuthoritativeDnsServer dns;
  private JndiDomainResolver resolver;

  @BeforeEach
  void start() {
    DnsZone.Builder z = DnsZone.builder(ZONE).cname("a", "b").cname("b", "a").cname("self", "self");
    z.cname("long0", "long1");
    for (int i = 1; i < 30; i++) {
      z.cname("long" + i, "long" + (i + 1));
    }
    z.a("long30", "192.0.2.30");
    z.cname("short0", "short1").cname("short1", "short2").a("short2", "192.0.2.2");
    // 16 hops: the most a lookup follows
    for (int i = 0; i < 16; i++) {
      z.cname("edge" + i, "edge" + (i + 1));
    }
    z.a("edge16", "192.0.2.16");
    dns = AuthoritativeDnsServer.builder().zone(z.build()).start();
    resolver = JndiDomainResolver.builder().server(dns.address())
        .queryTimeout(Duration.ofMillis(700)).retries(1).build();
  }

  @AfterEach
  void stop() {
    resolver.close();
    dns.close();
  }

  @ParameterizedTest
  @EnumSource(value = RecordType.class, names = {"A", "AAAA"})
  void aLoopIsMalformed(RecordType type) throws Exception {
    DnsResult r = resolveWithinDeadline("a." + ZONE, type);
    assertEquals(DnsOutcome.MALFORMED, r.outcome(), r.detail());
    assertTrue(r.detail().contains("loops"), r.detail());
  }

  @Test
  void aNameThatIsItsOwnAliasIsMalformed() throws Exception {
    DnsResult r = resolveWithinDeadline("self." + ZONE, RecordType.A);
    assertEquals(DnsOutcome.MALFORMED, r.outcome(), r.detail());
    assertTrue(r.detail().contains("loops"), r.detail());
  }

  @Test
  void aChainLongerThanTheLimitIsMalformed() throws Exception {
    DnsResult r = resolveWithinDeadline("long0." + ZONE, RecordType.A);
    assertEquals(DnsOutcome.MALFORMED, r.outcome(), r.detail());
    assertTrue(r.detail().contains("longer than 16"), r.detail());
  }

  @Test
  void chainsWithinTheLimitResolve() throws Exception {
    DnsResult shortChain = resolveWithinDeadline("short0." + ZONE, RecordType.A);
    assertEquals(DnsOutcome.ANSWER, shortChain.outcome(), shortChain.detail());
    assertEquals(List.of(InetAddress.getByName("192.0.2.2")), shortChain.addresses());
    assertEquals(2, shortChain.cnames().size());

    DnsResult atTheLimit = resolveWithinDeadline("edge0." + ZONE, RecordType.A);
    assertEquals(DnsOutcome.ANSWER, atTheLimit.outcome(), atTheLimit.detail());
    assertEquals(List.of(InetAddress.getByName("192.0.2.16")), atTheLimit.addresses());
    assertEquals(16, atTheLimit.cnames().size());
  }

  private DnsResult resolveWithinDeadline(String name, RecordType type) throws Exception {
    long start = System.nanoTime();
    DnsResult r = resolver.resolve(new DnsQuery(name, type, DEADLINE)).toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    assertTrue(System.nanoTime() - start < DEADLINE.plusSeconds(1).toNanos(), "ended within the deadline");
    return r;
  }
}
