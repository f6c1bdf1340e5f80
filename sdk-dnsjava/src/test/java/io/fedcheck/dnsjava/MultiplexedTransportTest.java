package io.fedcheck.dnsjava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.RecordType;
import io.fedcheck.testkit.dns.AuthoritativeDnsServer;
import io.fedcheck.testkit.dns.DnsFault;
import io.fedcheck.testkit.dns.DnsZone;
import io.fedcheck.testkit.dns.ReceivedQuery;
import java.net.InetAddress;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The multiplexed UDP transport under load, id pressure, late answers and close. */
class MultiplexedTransportTest {
  private static final String ZONE = "mux.lab";
  private static final int NAMES = 5_000;

  private AuthoritativeDnsServer server;
  private final List<DnsjavaResolver> resolvers = new ArrayList<>();

  @BeforeEach
  void start() {
    DnsZone.Builder z = DnsZone.builder(ZONE).ttl(60).a("sip", "127.0.0.10");
    for (int i = 0; i < NAMES; i++) {
      z.a("host-" + i, address(i));
    }
    server = AuthoritativeDnsServer.builder().zone(z.build()).start();
  }

  @AfterEach
  void stop() {
    resolvers.forEach(DnsjavaResolver::close);
    server.close();
  }

  @Test
  void fiveThousandConcurrentQueriesAreAllAnswered() throws Exception {
    DnsjavaResolver resolver = resolver(DnsjavaResolver.builder());
    Duration deadline = Duration.ofSeconds(60);
    List<CompletableFuture<DnsResult>> futures = new ArrayList<>();
    for (int i = 0; i < NAMES; i++) {
      futures.add(resolver.resolve(new DnsQuery("host-" + i + "." + ZONE, RecordType.A, deadline))
          .toCompletableFuture());
    }
    CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
        .get(deadline.toSeconds() + 5, TimeUnit.SECONDS);
    for (int i = 0; i < NAMES; i++) {
      DnsResult r = futures.get(i).join();
      assertEquals(DnsOutcome.ANSWER, r.outcome(), "host-" + i + ": " + r.detail());
      assertEquals(List.of(InetAddress.getByName(address(i))), r.addresses(), "host-" + i);
    }
    assertEquals(0, mux(resolver).strayAnswers(), "every answer matched its query");
  }

  @Test
  void queriesInFlightTogetherNeverShareAnId() throws Exception {
    // One channel, every answer held back 5 s: 2,000 queries are all in flight at once, so random
    // ids would collide ~30 times without collision avoidance. They are sent 200 at a time so
    // that the test server's receive buffer never overflows.
    server.globalFault(DnsFault.delay(Duration.ofSeconds(5)));
    DnsjavaResolver resolver = resolver(DnsjavaResolver.builder()
        .udpChannels(1).maxInFlight(4_000).queryTimeout(Duration.ofSeconds(20)).retries(0));
    int count = 2_000;
    List<CompletableFuture<DnsResult>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      futures.add(resolver.resolve(new DnsQuery("host-" + i + "." + ZONE, RecordType.A, Duration.ofSeconds(20)))
          .toCompletableFuture());
      if (i % 200 == 199) {
        int sent = i + 1;
        awaitTrue(() -> server.queryCount() >= sent, sent + " queries reached the server");
      }
    }
    assertTrue(futures.stream().noneMatch(CompletableFuture::isDone), "all in flight together");
    for (int i = 0; i < count; i++) {
      DnsResult r = futures.get(i).get(30, TimeUnit.SECONDS);
      assertEquals(DnsOutcome.ANSWER, r.outcome(), "host-" + i + ": " + r.detail());
      assertEquals(List.of(InetAddress.getByName(address(i))), r.addresses(), "host-" + i);
    }
    List<ReceivedQuery> seen = server.queries();
    Set<Integer> ids = new HashSet<>();
    for (ReceivedQuery q : seen) {
      assertTrue(ids.add(q.id()), "id " + q.id() + " used twice while in flight");
    }
    assertEquals(count, ids.size());
  }

  @Test
  void aFullChannelStillFindsItsLastFreeId() throws Exception {
    try (DatagramChannel udp = DatagramChannel.open()) {
      MultiplexedUdpTransport.Channel ch = new MultiplexedUdpTransport.Channel(udp);
      MultiplexedUdpTransport.Attempt holder = new MultiplexedUdpTransport.Attempt(
          server.address(), org.xbill.DNS.Message.newQuery(org.xbill.DNS.Record.newRecord(
              org.xbill.DNS.Name.fromString("sip." + ZONE + "."), org.xbill.DNS.Type.A, org.xbill.DNS.DClass.IN)),
          1, 1);
      for (int id = 0; id < 0x10000; id++) {
        if (id != 4242) {
          ch.pending.put(id, holder);
        }
      }
      SecureRandom random = new SecureRandom();
      assertEquals(4242, ch.reserve(holder, random));
      assertThrows(IllegalStateException.class, () -> ch.reserve(holder, random));
    }
  }

  @Test
  void lateAnswersAfterATimeoutAreDroppedAndDoNotPoisonTheRetry() throws Exception {
    // Every answer comes 400 ms after its query, every attempt gives up after 250 ms: each retry
    // sees the late answer of the attempt before it, which must be dropped, never used, and never
    // turned into MALFORMED.
    server.fault("sip." + ZONE, DnsFault.delay(Duration.ofMillis(400)));
    DnsjavaResolver resolver = resolver(DnsjavaResolver.builder()
        .queryTimeout(Duration.ofMillis(250)).retries(3).udpChannels(1));
    DnsResult r = resolver.resolve(new DnsQuery("sip." + ZONE, RecordType.A, Duration.ofSeconds(5)))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(DnsOutcome.TIMEOUT, r.outcome(), r.detail());
    MultiplexedUdpTransport mux = mux(resolver);
    awaitTrue(() -> mux.lateAnswers() >= 3, "the late answers arrived and were dropped");
    assertEquals(0, mux.strayAnswers());
    // The resolver still works, and the ids kept for late answers are freed after the grace period.
    server.clearFaults();
    DnsResult next = resolver.resolve(new DnsQuery("sip." + ZONE, RecordType.A, Duration.ofSeconds(5)))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(DnsOutcome.ANSWER, next.outcome(), next.detail());
    awaitTrue(() -> mux.reservedIds() == 0, "reserved ids are released");
  }

  @Test
  void closeEndsPendingAndWaitingQueriesWithTimeout() throws Exception {
    server.globalFault(DnsFault.dropAll());
    DnsjavaResolver resolver = resolver(DnsjavaResolver.builder().maxInFlight(10));
    List<CompletableFuture<DnsResult>> futures = new ArrayList<>();
    for (int i = 0; i < 100; i++) { // 10 on the wire, 90 waiting for a permit
      futures.add(resolver.resolve(new DnsQuery("host-" + i + "." + ZONE, RecordType.A, Duration.ofSeconds(30)))
          .toCompletableFuture());
    }
    awaitTrue(() -> server.queryCount() >= 10, "the first queries reached the server");
    assertTrue(futures.stream().noneMatch(CompletableFuture::isDone));
    resolver.close();
    for (CompletableFuture<DnsResult> f : futures) {
      DnsResult r = f.get(5, TimeUnit.SECONDS); // throws if an exception escaped
      assertEquals(DnsOutcome.TIMEOUT, r.outcome());
      assertEquals("resolver closed", r.detail());
    }
    resolver.close(); // idempotent
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> resolver.resolve(new DnsQuery("sip." + ZONE, RecordType.A, Duration.ofSeconds(1)))
            .toCompletableFuture().get(5, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, e.getCause());
    assertEquals(0, mux(resolver).reservedIds());
    awaitTrue(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(
        t -> t.getName().startsWith("fedcheck-dns-mux-") && t.isAlive() && belongsTo(resolver, t)),
        "the IO and timer threads stopped");
  }

  @Test
  void backPressureKeepsAtMostMaxInFlightOnTheWire() throws Exception {
    server.globalFault(DnsFault.delay(Duration.ofMillis(300)));
    DnsjavaResolver resolver = resolver(DnsjavaResolver.builder().maxInFlight(5).udpChannels(1));
    List<CompletableFuture<DnsResult>> futures = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      futures.add(resolver.resolve(new DnsQuery("host-" + i + "." + ZONE, RecordType.A, Duration.ofSeconds(30)))
          .toCompletableFuture());
    }
    awaitTrue(() -> server.queryCount() >= 5, "the first five are sent");
    assertTrue(mux(resolver).reservedIds() <= 5, "never more than five ids in use");
    for (CompletableFuture<DnsResult> f : futures) {
      assertEquals(DnsOutcome.ANSWER, f.get(30, TimeUnit.SECONDS).outcome());
    }
    assertEquals(20, server.queryCount());
  }

  @Test
  void aQueryWaitingPastItsDeadlineTimesOutUnsent() throws Exception {
    server.globalFault(DnsFault.dropAll());
    DnsjavaResolver resolver = resolver(DnsjavaResolver.builder()
        .maxInFlight(1).queryTimeout(Duration.ofSeconds(3)).retries(0));
    CompletableFuture<DnsResult> first = resolver.resolve(
        new DnsQuery("host-1." + ZONE, RecordType.A, Duration.ofSeconds(3))).toCompletableFuture();
    long start = System.nanoTime();
    DnsResult second = resolver.resolve(new DnsQuery("host-2." + ZONE, RecordType.A, Duration.ofMillis(500)))
        .toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertEquals(DnsOutcome.TIMEOUT, second.outcome(), second.detail());
    assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(1500), "ended near its own deadline");
    assertEquals(DnsOutcome.TIMEOUT, first.get(10, TimeUnit.SECONDS).outcome());
    assertTrue(server.queries("host-2." + ZONE).isEmpty(), "never sent: " + server.queries());
  }

  @Test
  void builderRejectsMoreInFlightThanTheChannelsCanNumber() {
    assertThrows(IllegalArgumentException.class,
        () -> DnsjavaResolver.builder().server(server.address()).udpChannels(1).maxInFlight(20_000).build());
    assertThrows(IllegalArgumentException.class, () -> DnsjavaResolver.builder().udpChannels(0));
  }

  private DnsjavaResolver resolver(DnsjavaResolver.Builder b) {
    DnsjavaResolver r = b.server(server.address()).build();
    resolvers.add(r);
    return r;
  }

  private static MultiplexedUdpTransport mux(DnsjavaResolver r) {
    return (MultiplexedUdpTransport) r.transport();
  }

  private static boolean belongsTo(DnsjavaResolver r, Thread t) {
    return t.getName().startsWith(mux(r).threadPrefix());
  }

  private static String address(int i) {
    return "10.0." + (i / 250) + "." + (i % 250);
  }

  private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertFalse(System.nanoTime() > end, "timed out waiting until " + what);
      Thread.sleep(20);
    }
  }
}
