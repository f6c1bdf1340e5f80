package io.fedcheck.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fedcheck.api.AddressRecord;
import io.fedcheck.api.CnameRecord;
import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.DnsRecord;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.DomainResolver;
import io.fedcheck.api.RecordType;
import io.fedcheck.api.SrvRecord;
import io.fedcheck.testkit.dns.AuthoritativeDnsServer;
import io.fedcheck.testkit.dns.DnsFault;
import io.fedcheck.testkit.dns.DnsZone;
import io.fedcheck.testkit.dns.HostileAnswers;
import io.fedcheck.testkit.dns.ReceivedQuery;
import io.fedcheck.testkit.dns.TcpBehaviour;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every {@link DomainResolver} backend must meet, run against a real {@link
 * AuthoritativeDnsServer} on loopback. A backend's tests extend this class and implement {@link
 * #newResolver}; the suite starts and stops the server around each test.
 *
 * <pre>{@code
 * class DnsjavaResolverContractTest extends DomainResolverContract {
 *   protected DomainResolver newResolver(InetSocketAddress server, Duration queryTimeout, int retries) {
 *     return DnsjavaResolver.builder().server(server).queryTimeout(queryTimeout).retries(retries).build();
 *   }
 * }
 * }</pre>
 *
 * <p>It checks answer parsing (SRV, A, AAAA, CNAME chains), the exact mapping of every outcome
 * (NXDOMAIN, NO_DATA, SERVFAIL, REFUSED, TIMEOUT, MALFORMED), TCP fallback on truncation, retries,
 * deadlines under every fault (every call ends within its {@link DnsQuery#timeout()} plus {@link
 * #SLACK}), IDN names, 200 concurrent queries, hostile answers, and a server dying mid-audit; and
 * that no exception escapes {@link DomainResolver#resolve}.
 *
 * <p>A backend that cannot do something overrides the matching capability hook ({@link
 * #supportsTcpFallback()}, {@link #detectsWrongId()}, {@link #detectsWrongQuestion()}, {@link
 * #detectsMalformedAnswers()}, {@link #detectsFailedTcpFallback()}, {@link #reportsTtl()}); the tests for that capability are then skipped with a message
 * saying so, never passed silently. The deadline checks for those faults still run.
 */
public abstract class DomainResolverContract {
  /** The zone the server serves. */
  protected static final String ZONE = "contract.lab";
  /** The SRV name every SIP federation lookup asks for. */
  protected static final String SRV_NAME = "_sipfederationtls._tcp." + ZONE;
  /** Scheduling slack allowed on top of a query's deadline. */
  protected static final Duration SLACK = Duration.ofSeconds(1);
  /** The deadline of every query the suite sends. */
  protected static final Duration QUERY_DEADLINE = Duration.ofSeconds(4);
  /** The per-attempt timeout given to {@link #newResolver}. */
  protected static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(700);
  /** The retries given to {@link #newResolver}. */
  protected static final int RETRIES = 2;

  private static final int BIG_SRV_COUNT = 150;
  private static final int CONCURRENT_NAMES = 200;

  /** The server of the running test; started before each test, closed after it. */
  protected AuthoritativeDnsServer server;
  private final List<DomainResolver> resolvers = new ArrayList<>();

  /**
   * Builds the resolver under test, asking only {@code server} (UDP and TCP on the same port).
   *
   * @param server the DNS server address
   * @param queryTimeout how long one attempt waits for an answer
   * @param retries how many times a timed-out attempt is repeated
   */
  protected abstract DomainResolver newResolver(InetSocketAddress server, Duration queryTimeout, int retries);

  /** Whether the backend retries over TCP when a UDP answer has the TC bit (RFC 7766). */
  protected boolean supportsTcpFallback() {
    return true;
  }

  /** Whether an answer with another message id is reported as MALFORMED (not ignored until TIMEOUT). */
  protected boolean detectsWrongId() {
    return true;
  }

  /** Whether an answer to another question is reported as MALFORMED. */
  protected boolean detectsWrongQuestion() {
    return true;
  }

  /** Whether unparseable answers (garbage, truncated RDATA, pointer loops, long labels) are MALFORMED. */
  protected boolean detectsMalformedAnswers() {
    return true;
  }

  /**
   * Whether a TCP retry that fails after a truncated UDP answer (reset, hang, closed mid-answer)
   * is reported as TIMEOUT or MALFORMED, rather than the empty truncated answer being used.
   */
  protected boolean detectsFailedTcpFallback() {
    return true;
  }

  /** Whether records carry the TTL of the answer; a backend that cannot see TTLs reports 0. */
  protected boolean reportsTtl() {
    return true;
  }

  @BeforeEach
  void startServer() {
    server = AuthoritativeDnsServer.builder().zone(contractZone()).start();
  }

  @AfterEach
  void closeAll() {
    for (DomainResolver r : resolvers) {
      r.close();
    }
    resolvers.clear();
    server.close();
  }

  /** The zone served in every test. */
  protected static DnsZone contractZone() {
    DnsZone.Builder z = DnsZone.builder(ZONE)
        .ttl(300)
        .srv("_sipfederationtls._tcp", 10, 60, 5061, "sip")
        .srv("_sipfederationtls._tcp", 20, 40, 5062, "sip2")
        .a("sip", "127.0.0.10")
        .aaaa("sip", "2001:db8::10")
        .a("sip2", "127.0.0.11")
        .cname("alias", "alias2")
        .cname("alias2", "sip")
        .srv("_sipfederationtls._tcp.bücher", 0, 0, 5061, "sip.bücher")
        .a("sip.bücher", "127.0.0.12")
        .a("victim", "127.0.0.13");
    for (int i = 0; i < BIG_SRV_COUNT; i++) {
      z.srv("_big._tcp", i % 5, i, 5061, "target-number-" + i + "." + ZONE + ".");
    }
    for (int i = 0; i < CONCURRENT_NAMES; i++) {
      z.a("host-" + i, "127.0." + (1 + i / 250) + "." + (i % 250));
    }
    return z.build();
  }

  // ---------------------------------------------------------------------------------------------
  // Answers

  @Test
  void srvAnswerIsParsed() {
    DnsResult r = resolve(SRV_NAME, RecordType.SRV);
    assertEquals(DnsOutcome.ANSWER, r.outcome(), r.detail());
    List<SrvRecord> srv = sorted(r.srvRecords());
    assertEquals(2, srv.size(), r.records().toString());
    assertEquals(new SrvRecord(SRV_NAME, 10, 60, 5061, "sip." + ZONE, ttl(300)), srv.get(0));
    assertEquals(new SrvRecord(SRV_NAME, 20, 40, 5062, "sip2." + ZONE, ttl(300)), srv.get(1));
  }

  @Test
  void aAnswerIsParsed() throws Exception {
    DnsResult r = resolve("sip." + ZONE, RecordType.A);
    assertEquals(DnsOutcome.ANSWER, r.outcome(), r.detail());
    assertEquals(List.of(new AddressRecord("sip." + ZONE, InetAddress.getByName("127.0.0.10"), ttl(300))), r.records());
  }

  @Test
  void aaaaAnswerIsParsed() throws Exception {
    DnsResult r = resolve("sip." + ZONE, RecordType.AAAA);
    assertEquals(DnsOutcome.ANSWER, r.outcome(), r.detail());
    assertEquals(List.of(InetAddress.getByName("2001:db8::10")), r.addresses());
    assertEquals(ttl(300), r.records().get(0).ttl());
  }

  @Test
  void cnameChainPrecedesTheAddresses() throws Exception {
    DnsResult r = resolve("alias." + ZONE, RecordType.A);
    assertEquals(DnsOutcome.ANSWER, r.outcome(), r.detail());
    assertEquals(
        List.of(
            new CnameRecord("alias." + ZONE, "alias2." + ZONE, ttl(300)),
            new CnameRecord("alias2." + ZONE, "sip." + ZONE, ttl(300)),
            new AddressRecord("sip." + ZONE, InetAddress.getByName("127.0.0.10"), ttl(300))),
        r.records());
  }

  @Test
  void cnameQuestionReturnsTheAlias() {
    DnsResult r = resolve("alias." + ZONE, RecordType.CNAME);
    assertEquals(DnsOutcome.ANSWER, r.outcome(), r.detail());
    assertEquals(List.of(new CnameRecord("alias." + ZONE, "alias2." + ZONE, ttl(300))), r.cnames());
  }

  @Test
  void idnNamesAreAskedInPunycode() throws Exception {
    String domain = "xn--bcher-kva." + ZONE;
    DnsResult srv = resolve("_sipfederationtls._tcp." + domain, RecordType.SRV);
    assertEquals(DnsOutcome.ANSWER, srv.outcome(), srv.detail());
    assertEquals("sip." + domain, srv.srvRecords().get(0).target());
    DnsResult a = resolve("sip." + domain, RecordType.A);
    assertEquals(List.of(InetAddress.getByName("127.0.0.12")), a.addresses());
    assertTrue(server.queries().stream().allMatch(q -> q.name().contains("xn--bcher-kva")));
  }

  // ---------------------------------------------------------------------------------------------
  // Negative outcomes

  @Test
  void nxdomain() {
    DnsResult r = resolve("missing." + ZONE, RecordType.A);
    assertEquals(DnsOutcome.NXDOMAIN, r.outcome(), r.detail());
    assertTrue(r.records().isEmpty());
  }

  @Test
  void noDataForAnExistingNameWithoutThatType() {
    DnsResult r = resolve("sip2." + ZONE, RecordType.AAAA);
    assertEquals(DnsOutcome.NO_DATA, r.outcome(), r.detail());
    assertTrue(r.records().isEmpty());
  }

  @Test
  void noDataForAnEmptyNonTerminal() {
    DnsResult r = resolve("_tcp." + ZONE, RecordType.SRV);
    assertEquals(DnsOutcome.NO_DATA, r.outcome(), r.detail());
  }

  @Test
  void servfail() {
    server.fault("sip." + ZONE, DnsFault.servfail());
    DnsResult r = resolve("sip." + ZONE, RecordType.A);
    assertEquals(DnsOutcome.SERVFAIL, r.outcome(), r.detail());
    assertFalse(r.detail().isEmpty(), "a non-answer says why");
  }

  @Test
  void refused() {
    server.fault("sip." + ZONE, DnsFault.refused());
    DnsResult r = resolve("sip." + ZONE, RecordType.A);
    assertEquals(DnsOutcome.REFUSED, r.outcome(), r.detail());
  }

  @Test
  void refusedForANameOutsideEveryZone() {
    DnsResult r = resolve("example.com", RecordType.A);
    assertEquals(DnsOutcome.REFUSED, r.outcome(), r.detail());
  }

  @Test
  void timeoutWhenEveryQueryIsDropped() {
    server.fault("sip." + ZONE, DnsFault.dropAll());
    DnsResult r = resolve("sip." + ZONE, RecordType.A);
    assertEquals(DnsOutcome.TIMEOUT, r.outcome(), r.detail());
  }

  @Test
  void timeoutWhenTheAnswerComesAfterTheDeadline() {
    server.fault("sip." + ZONE, DnsFault.delay(QUERY_DEADLINE.plusSeconds(2)));
    DnsResult r = resolve("sip." + ZONE, RecordType.A);
    assertEquals(DnsOutcome.TIMEOUT, r.outcome(), r.detail());
  }

  @Test
  void queryDeadlineBoundsEveryRetry() {
    server.fault("sip." + ZONE, DnsFault.dropAll());
    DomainResolver slow = resolver(Duration.ofSeconds(3), 5);
    DnsResult r = resolve(slow, new DnsQuery("sip." + ZONE, RecordType.A, Duration.ofSeconds(1)));
    assertEquals(DnsOutcome.TIMEOUT, r.outcome(), r.detail());
  }

  @Test
  void slowAnswerWithinTheAttemptTimeoutIsAnAnswer() {
    server.fault("sip." + ZONE, DnsFault.delay(Duration.ofMillis(150)));
    DnsResult r = resolve("sip." + ZONE, RecordType.A);
    assertEquals(DnsOutcome.ANSWER, r.outcome(), r.detail());
  }

  @Test
  void droppedQueryIsRetried() {
    server.fault(SRV_NAME, DnsFault.dropFirst(1));
    DnsResult r = resolve(SRV_NAME, RecordType.SRV);
    assertEquals(DnsOutcome.ANSWER, r.outcome(), r.detail());
    assertEquals(2, r.srvRecords().size());
    assertTrue(server.queries(SRV_NAME).size() >= 2, "the server saw the retry");
  }

  @Test
  void deadServerTimesOut() {
    DomainResolver r0 = resolver(ATTEMPT_TIMEOUT, RETRIES);
    server.stop();
    DnsResult r = resolve(r0, query(SRV_NAME, RecordType.SRV));
    assertEquals(DnsOutcome.TIMEOUT, r.outcome(), r.detail());
  }

  // ---------------------------------------------------------------------------------------------
  // Mismatched and malformed answers

  @Test
  void wrongIdEndsWithinTheDeadline() {
    server.fault("sip." + ZONE, DnsFault.wrongId());
    DnsResult r = resolve("sip." + ZONE, RecordType.A);
    assertFalse(r.outcome().isConclusive(), r.toString());
  }

  @Test
  void wrongIdIsMalformed() {
    assumeTrue(detectsWrongId(), "this backend ignores answers with a foreign id until it times out");
    server.fault("sip." + ZONE, DnsFault.wrongId());
    DnsResult r = resolve("sip." + ZONE, RecordType.A);
    assertEquals(DnsOutcome.MALFORMED, r.outcome(), r.detail());
  }

  @Test
  void wrongQuestionEndsWithinTheDeadline() {
    server.fault("sip." + ZONE, DnsFault.wrongQuestion());
    DnsResult r = resolve("sip." + ZONE, RecordType.A); // asserts the deadline
    assertTrue(r.records().stream().allMatch(x -> x.name().equals("sip." + ZONE)), r.toString());
  }

  @Test
  void wrongQuestionIsMalformed() {
    assumeTrue(detectsWrongQuestion(), "this backend does not check the question section of an answer");
    server.fault("sip." + ZONE, DnsFault.wrongQuestion());
    DnsResult r = resolve("sip." + ZONE, RecordType.A);
    assertEquals(DnsOutcome.MALFORMED, r.outcome(), r.detail());
  }

  static Stream<Arguments> malformedAnswers() {
    return Stream.of(
        Arguments.of("garbage", HostileAnswers.garbage()),
        Arguments.of("truncated RDATA", HostileAnswers.truncatedRdata()),
        Arguments.of("compression pointer loop", HostileAnswers.compressionPointerLoop()),
        Arguments.of("label over 63 bytes", HostileAnswers.labelOver63()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedAnswers")
  void malformedAnswerEndsWithinTheDeadline(String what, DnsFault fault) {
    server.fault("sip." + ZONE, fault);
    DnsResult r = resolve("sip." + ZONE, RecordType.A); // asserts the deadline and that nothing escapes
    assertTrue(r.outcome() != DnsOutcome.ANSWER || !detectsMalformedAnswers(), what + ": " + r);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedAnswers")
  void malformedAnswerIsMalformed(String what, DnsFault fault) {
    assumeTrue(detectsMalformedAnswers(), "this backend cannot tell a malformed answer from a lost one");
    server.fault("sip." + ZONE, fault);
    DnsResult r = resolve("sip." + ZONE, RecordType.A);
    assertEquals(DnsOutcome.MALFORMED, r.outcome(), what + ": " + r.detail());
  }

  // ---------------------------------------------------------------------------------------------
  // Truncation and TCP

  @Test
  void truncatedAnswerIsCompletedOverTcp() {
    assumeTrue(supportsTcpFallback(), "this backend has no TCP fallback");
    server.fault("sip." + ZONE, DnsFault.truncate(TcpBehaviour.NORMAL));
    DnsResult r = resolve("sip." + ZONE, RecordType.A);
    assertEquals(DnsOutcome.ANSWER, r.outcome(), r.detail());
    assertEquals(1, r.addresses().size());
    assertTrue(transports("sip." + ZONE).contains(ReceivedQuery.Transport.TCP));
  }

  @Test
  void answerTooLargeForUdpIsCompletedOverTcp() {
    assumeTrue(supportsTcpFallback(), "this backend has no TCP fallback");
    String name = "_big._tcp." + ZONE;
    DnsResult r = resolve(name, RecordType.SRV);
    assertEquals(DnsOutcome.ANSWER, r.outcome(), r.detail());
    assertEquals(BIG_SRV_COUNT, r.srvRecords().size());
  }

  @Test
  void thousandSrvRecordsAreAllReturned() {
    assumeTrue(supportsTcpFallback(), "this backend has no TCP fallback");
    server.fault(SRV_NAME, HostileAnswers.manySrv(1000));
    DnsResult r = resolve(SRV_NAME, RecordType.SRV);
    assertEquals(DnsOutcome.ANSWER, r.outcome(), r.detail());
    assertEquals(1000, r.srvRecords().size());
  }

  @Test
  void tcpHangAfterTruncationTimesOut() {
    server.fault("sip." + ZONE, DnsFault.truncate(TcpBehaviour.HANG));
    DnsResult r = resolve("sip." + ZONE, RecordType.A); // asserts the deadline
    assumeTrue(detectsFailedTcpFallback(), "this backend uses the empty truncated answer when TCP fails");
    assertEquals(DnsOutcome.TIMEOUT, r.outcome(), r.detail());
  }

  @Test
  void tcpResetAfterTruncationIsNotAnAnswer() {
    server.fault("sip." + ZONE, DnsFault.truncate(TcpBehaviour.RESET));
    DnsResult r = resolve("sip." + ZONE, RecordType.A);
    assertNotConclusiveFailure(r);
  }

  @Test
  void tcpClosedMidAnswerIsNotAnAnswer() {
    server.fault("sip." + ZONE, DnsFault.truncate(TcpBehaviour.CLOSE_MID_ANSWER));
    DnsResult r = resolve("sip." + ZONE, RecordType.A);
    assertNotConclusiveFailure(r);
  }

  /** A connection failure is either TIMEOUT (no answer) or MALFORMED (a partial one); never more. */
  private void assertNotConclusiveFailure(DnsResult r) {
    assumeTrue(detectsFailedTcpFallback(), "this backend uses the empty truncated answer when TCP fails");
    assertTrue(r.outcome() == DnsOutcome.TIMEOUT || r.outcome() == DnsOutcome.MALFORMED, r.toString());
  }

  // ---------------------------------------------------------------------------------------------
  // Odd but well-formed answers

  @Test
  void srvTargetRootMeansNotAvailable() {
    server.fault(SRV_NAME, HostileAnswers.srvTargetRoot());
    DnsResult r = resolve(SRV_NAME, RecordType.SRV);
    assertEquals(DnsOutcome.ANSWER, r.outcome(), r.detail());
    assertTrue(r.srvRecords().get(0).isNotAvailable(), r.records().toString());
  }

  @Test
  void srvPortZeroIsPassedThrough() {
    server.fault(SRV_NAME, HostileAnswers.srvPortZero());
    DnsResult r = resolve(SRV_NAME, RecordType.SRV);
    assertEquals(DnsOutcome.ANSWER, r.outcome(), r.detail());
    assertEquals(0, r.srvRecords().get(0).port());
  }

  @Test
  void ttlZeroIsPassedThrough() {
    assumeTrue(reportsTtl(), "this backend cannot see TTLs, so a TTL of 0 proves nothing");
    server.fault(SRV_NAME, HostileAnswers.ttlZero());
    DnsResult r = resolve(SRV_NAME, RecordType.SRV);
    assertEquals(DnsOutcome.ANSWER, r.outcome(), r.detail());
    assertTrue(r.records().stream().allMatch(x -> x.ttl() == 0), r.records().toString());
  }

  @Test
  void duplicateRecordsAreAnAnswer() {
    server.fault(SRV_NAME, HostileAnswers.duplicateRecords());
    DnsResult r = resolve(SRV_NAME, RecordType.SRV);
    assertEquals(DnsOutcome.ANSWER, r.outcome(), r.detail());
    assertEquals(Set.of("sip." + ZONE, "sip2." + ZONE),
        Set.copyOf(r.srvRecords().stream().map(SrvRecord::target).toList()));
  }

  @Test
  void outOfBailiwickRecordsAreNotReturned() {
    server.fault("victim." + ZONE, HostileAnswers.outOfBailiwickAdditional());
    DnsResult r = resolve("victim." + ZONE, RecordType.A);
    assertEquals(DnsOutcome.ANSWER, r.outcome(), r.detail());
    for (DnsRecord rec : r.records()) {
      assertEquals("victim." + ZONE, rec.name(), "only records of the question name: " + r.records());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Concurrency and lifecycle

  @Test
  void twoHundredConcurrentQueriesAreAllAnswered() throws Exception {
    DomainResolver resolver = resolver(Duration.ofSeconds(2), RETRIES);
    Duration deadline = Duration.ofSeconds(15);
    Map<String, CompletableFuture<DnsResult>> futures = new java.util.LinkedHashMap<>();
    for (int i = 0; i < CONCURRENT_NAMES; i++) {
      String name = "host-" + i + "." + ZONE;
      futures.put(name, resolver.resolve(new DnsQuery(name, RecordType.A, deadline)).toCompletableFuture());
    }
    CompletableFuture.allOf(futures.values().toArray(new CompletableFuture<?>[0]))
        .get(deadline.plus(SLACK).toMillis(), TimeUnit.MILLISECONDS);
    int i = 0;
    for (Map.Entry<String, CompletableFuture<DnsResult>> e : futures.entrySet()) {
      DnsResult r = e.getValue().join();
      assertEquals(DnsOutcome.ANSWER, r.outcome(), e.getKey() + ": " + r.detail());
      assertEquals(List.of(InetAddress.getByName("127.0." + (1 + i / 250) + "." + (i % 250))), r.addresses(),
          e.getKey());
      assertEquals(e.getKey(), r.query().name());
      i++;
    }
  }

  @Test
  void serverDyingMidAuditEndsEveryQueryWithinItsDeadline() throws Exception {
    DomainResolver resolver = resolver(ATTEMPT_TIMEOUT, RETRIES);
    server.globalFault(DnsFault.delay(Duration.ofMillis(200)));
    List<CompletableFuture<DnsResult>> futures = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < 50; i++) {
      futures.add(resolver.resolve(query("host-" + i + "." + ZONE, RecordType.A)).toCompletableFuture());
    }
    server.stop();
    for (CompletableFuture<DnsResult> f : futures) {
      DnsResult r = awaitWithinDeadline(f, QUERY_DEADLINE, start);
      assertTrue(r.outcome() == DnsOutcome.ANSWER || r.outcome() == DnsOutcome.TIMEOUT, r.toString());
    }
  }

  @Test
  void closeIsIdempotent() {
    DomainResolver resolver = resolver(ATTEMPT_TIMEOUT, RETRIES);
    assertEquals(DnsOutcome.ANSWER, resolve(resolver, query("sip." + ZONE, RecordType.A)).outcome());
    resolver.close();
    resolver.close();
  }

  // ---------------------------------------------------------------------------------------------
  // Support

  /** A resolver for the running server, closed after the test. */
  protected final DomainResolver resolver(Duration attemptTimeout, int retries) {
    DomainResolver r = newResolver(server.address(), attemptTimeout, retries);
    resolvers.add(r);
    return r;
  }

  /** A query with the suite's deadline. */
  protected static DnsQuery query(String name, RecordType type) {
    return new DnsQuery(name, type, QUERY_DEADLINE);
  }

  /** Resolves with a fresh default resolver, asserting the call ends normally within its deadline. */
  protected final DnsResult resolve(String name, RecordType type) {
    return resolve(resolver(ATTEMPT_TIMEOUT, RETRIES), query(name, type));
  }

  /** Resolves, asserting the stage completes normally within the query's deadline plus {@link #SLACK}. */
  protected static DnsResult resolve(DomainResolver resolver, DnsQuery query) {
    long start = System.nanoTime();
    CompletableFuture<DnsResult> f;
    try {
      f = resolver.resolve(query).toCompletableFuture();
    } catch (RuntimeException e) {
      throw new AssertionError("resolve() threw instead of returning an outcome", e);
    }
    DnsResult r = awaitWithinDeadline(f, query.timeout(), start);
    assertEquals(query, r.query(), "the result names its query");
    if (r.outcome() != DnsOutcome.ANSWER) {
      assertTrue(r.records().isEmpty(), "records only with an answer: " + r);
    }
    return r;
  }

  private static DnsResult awaitWithinDeadline(CompletableFuture<DnsResult> f, Duration deadline, long startNanos) {
    long budget = deadline.plus(SLACK).toNanos() - (System.nanoTime() - startNanos);
    try {
      return f.get(Math.max(0, budget), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      fail("the lookup did not end within its deadline " + deadline + " + " + SLACK);
    } catch (ExecutionException e) {
      throw new AssertionError("an exception escaped the resolver", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    throw new AssertionError("unreachable");
  }

  /** The TTL a record of the zone is expected to carry: {@code seconds}, or 0 without {@link #reportsTtl()}. */
  protected final long ttl(long seconds) {
    return reportsTtl() ? seconds : 0;
  }

  private List<ReceivedQuery.Transport> transports(String name) {
    return server.queries(name).stream().map(ReceivedQuery::transport).toList();
  }

  private static List<SrvRecord> sorted(List<SrvRecord> records) {
    return records.stream().sorted(Comparator.comparingInt(SrvRecord::priority)).toList();
  }
}
