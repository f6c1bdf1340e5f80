package io.fedcheck.core.hardening;

import static io.fedcheck.core.hardening.CatalogueChecks.DEADLINE;
import static io.fedcheck.core.hardening.CatalogueChecks.SLACK;
import static io.fedcheck.core.hardening.CatalogueChecks.assertFinding;
import static io.fedcheck.core.hardening.CatalogueChecks.assertNoFinding;
import static io.fedcheck.core.hardening.CatalogueChecks.assertOnlyInfo;
import static io.fedcheck.core.hardening.CatalogueChecks.describe;
import static io.fedcheck.core.hardening.CatalogueChecks.validateWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.AddressRecord;
import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.api.Policy;
import io.fedcheck.api.ResolverOptions;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Severity;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.Verdict;
import io.fedcheck.core.FederationValidators;
import io.fedcheck.testkit.dns.AuthoritativeDnsServer;
import io.fedcheck.testkit.dns.DnsFault;
import io.fedcheck.testkit.dns.DnsZone;
import io.fedcheck.testkit.dns.HostileAnswers;
import io.fedcheck.testkit.dns.TcpBehaviour;
import io.fedcheck.testkit.fake.FakeCertificateInspector;
import io.fedcheck.testkit.tls.TlsEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Catalogue, DNS: every hostile or broken answer the issue lists, served by the test kit's
 * authoritative DNS server over real UDP/TCP on loopback and read by the real dnsjava backend. Each
 * case has its own domain ({@code <case>.test}, a zone of its own) and its own validator, so a
 * circuit breaker or cache never carries one case into the next.
 *
 * <p>Cases are DNS-only unless TLS is part of the point; address-guard cases use a recording fake
 * inspector, so a broken guard would show as a recorded probe rather than as traffic to a
 * non-loopback address.
 */
class HostileDnsTest extends LeakCheckedTest {
  private static final String PUBLIC_V4 = "192.0.2.10"; // TEST-NET-1: public class, never connected to
  private static final AtomicInteger ZONES = new AtomicInteger();
  private static AuthoritativeDnsServer dns;
  private static TlsEndpoint loopbackEdge;

  /** How a case reaches TLS. */
  enum Tls {
    /** DNS-only audit: nothing is connected. */
    SKIPPED,
    /** A fake inspector that records every probe; the case asserts there was none. */
    MUST_NOT_PROBE,
    /** The real JSSE inspector, private addresses allowed (loopback lab). */
    JSSE_LAB
  }

  /** Publishes a case's records and faults for {@code domain} on the server. */
  @FunctionalInterface
  interface Arrangement {
    void arrange(AuthoritativeDnsServer dns, String domain);
  }

  /**
   * One catalogue case.
   *
   * @param arrangement the records and faults
   * @param tls how TLS is handled
   * @param verdict the expected verdict
   * @param rule the rule that must stand
   * @param severity its severity
   * @param more further assertions on the report
   * @param deadline the validator's per-domain deadline
   */
  record DnsCase(Arrangement arrangement, Tls tls, Verdict verdict, RuleId rule, Severity severity,
      Consumer<FederationReport> more, Duration deadline) {
    DnsCase within(Duration newDeadline) {
      return new DnsCase(arrangement, tls, verdict, rule, severity, more, newDeadline);
    }
  }

  @BeforeAll
  static void start() {
    dns = AuthoritativeDnsServer.builder().tcpIdleTimeout(Duration.ofSeconds(2)).start();
    loopbackEdge = TlsEndpoint.silent();
  }

  @AfterAll
  static void stop() {
    loopbackEdge.close();
    dns.close();
  }

  // ----------------------------------------------------------------------------------------------
  // Zone building

  /** A healthy zone: SRV to sip.<domain>:5061, sip.<domain> A 192.0.2.10. */
  private static DnsZone.Builder healthy(String domain) {
    return DnsZone.builder(domain).srv("_sipfederationtls._tcp", 0, 0, 5061, "sip").a("sip", PUBLIC_V4);
  }

  private static Arrangement zone(java.util.function.UnaryOperator<DnsZone.Builder> records) {
    return (server, domain) -> server.addZone(records.apply(DnsZone.builder(domain)).build());
  }

  private static Arrangement healthyWith(java.util.function.BiConsumer<AuthoritativeDnsServer, String> faults) {
    return (server, domain) -> {
      server.addZone(healthy(domain).build());
      faults.accept(server, domain);
    };
  }

  private static Arrangement srvFault(DnsFault fault) {
    return healthyWith((server, domain) -> server.fault(srv(domain), fault));
  }

  private static Arrangement targetFault(DnsFault fault) {
    return healthyWith((server, domain) -> server.fault("sip." + domain, fault));
  }

  private static String srv(String domain) {
    return "_sipfederationtls._tcp." + domain;
  }

  private static Arguments dnsCase(String name, Arrangement arrangement, Tls tls, Verdict verdict, RuleId rule,
      Severity severity, Consumer<FederationReport> more) {
    return Arguments.of(name, new DnsCase(arrangement, tls, verdict, rule, severity, more, DEADLINE));
  }

  private static Arguments dnsCase(String name, Arrangement arrangement, Verdict verdict, RuleId rule,
      Severity severity) {
    return dnsCase(name, arrangement, Tls.SKIPPED, verdict, rule, severity, r -> { });
  }

  private static Arguments within(Duration deadline, Arguments arguments) {
    Object[] a = arguments.get();
    return Arguments.of(a[0], ((DnsCase) a[1]).within(deadline));
  }

  private static Arguments lookupFails(String name, Arrangement arrangement) {
    return dnsCase(name, arrangement, Verdict.UNKNOWN, RuleId.DNS_LOOKUP_FAILED, Severity.WARNING);
  }

  private static Arguments passes(String name, Arrangement arrangement, Consumer<FederationReport> more) {
    return dnsCase(name, arrangement, Tls.SKIPPED, Verdict.PASS, null, null, more);
  }

  // ----------------------------------------------------------------------------------------------
  // The catalogue

  static Stream<Arguments> cases() {
    return Stream.of(
        dnsCase("NXDOMAIN", zone(z -> z.a("www", PUBLIC_V4)), Verdict.FAIL, RuleId.SRV_MISSING, Severity.ERROR),
        dnsCase("no data (the SRV name exists with an A record only)",
            zone(z -> z.a("_sipfederationtls._tcp", PUBLIC_V4)), Verdict.FAIL, RuleId.SRV_MISSING, Severity.ERROR),
        lookupFails("SERVFAIL", srvFault(DnsFault.servfail())),
        lookupFails("REFUSED", srvFault(DnsFault.refused())),
        lookupFails("timeout: every UDP query dropped", srvFault(DnsFault.dropAll())),
        lookupFails("answer slower than the deadline", srvFault(DnsFault.delay(Duration.ofSeconds(10)))),
        lookupFails("SERVFAIL on the target's A lookup", targetFault(DnsFault.servfail())),
        lookupFails("timeout on the target's A lookup", targetFault(DnsFault.dropAll())),
        dnsCase("SRV target \".\"", srvFault(HostileAnswers.srvTargetRoot()),
            Verdict.FAIL, RuleId.SRV_NOT_AVAILABLE, Severity.ERROR),
        dnsCase("SRV target that is a CNAME",
            zone(z -> z.srv("_sipfederationtls._tcp", 0, 0, 5061, "sip").cname("sip", "edge").a("edge", PUBLIC_V4)),
            Verdict.WARN, RuleId.SRV_TARGET_IS_ALIAS, Severity.WARNING),
        lookupFails("CNAME loop", zone(z -> z.srv("_sipfederationtls._tcp", 0, 0, 5061, "sip")
            .cname("sip", "loop").cname("loop", "sip"))),
        lookupFails("CNAME chain longer than the limit", zone(z -> {
          z.srv("_sipfederationtls._tcp", 0, 0, 5061, "sip").cname("sip", "hop1");
          for (int i = 1; i < 30; i++) {
            z.cname("hop" + i, "hop" + (i + 1));
          }
          return z.a("hop30", PUBLIC_V4);
        })),
        passes("TC bit then a normal TCP answer", srvFault(DnsFault.truncate(TcpBehaviour.NORMAL)), r -> { }),
        lookupFails("TC bit then TCP reset", srvFault(DnsFault.truncate(TcpBehaviour.RESET))),
        lookupFails("TC bit then TCP closed mid-answer", srvFault(DnsFault.truncate(TcpBehaviour.CLOSE_MID_ANSWER))),
        lookupFails("wrong message id", srvFault(DnsFault.wrongId())),
        lookupFails("wrong question", srvFault(DnsFault.wrongQuestion())),
        lookupFails("truncated RDATA", srvFault(HostileAnswers.truncatedRdata())),
        lookupFails("compression-pointer loop", srvFault(HostileAnswers.compressionPointerLoop())),
        lookupFails("label over 63 octets", srvFault(HostileAnswers.labelOver63())),
        lookupFails("garbage after the header", srvFault(HostileAnswers.garbage())),
        lookupFails("truncated RDATA in the target's A answer", targetFault(HostileAnswers.truncatedRdata())),
        // A 34 KB answer over UDP, then TCP: a longer deadline than the fault cases' 2 s, since the
        // case is about the cap, and the first large parse on a cold JVM on a busy CI box is slow.
        within(Duration.ofSeconds(6), dnsCase("1,000 SRV records: capped, and the cap is a finding",
            srvFault(HostileAnswers.manySrv(1000)),
            Tls.SKIPPED, Verdict.FAIL, RuleId.DNS_LOOKUP_FAILED, Severity.INFO, r -> {
              assertEquals(1000, r.srv().size(), "every record is read");
              assertEquals(Policy.onPremises().maxSrvTargets(), r.observation().targets().size(),
                  "only the policy's cap of targets is examined");
              assertTrue(r.has(RuleId.SRV_TARGET_NO_ADDRESS), () -> describe(r));
            })),
        dnsCase("SRV port 0", (server, domain) -> server.addZone(DnsZone.builder(domain)
                .srv("_sipfederationtls._tcp", 0, 0, 0, "sip").a("sip", "127.0.0.1").build()),
            Tls.JSSE_LAB, Verdict.FAIL, RuleId.TLS_CONNECT_FAILED, Severity.ERROR,
            r -> assertTrue(r.has(RuleId.SRV_PORT_UNUSUAL), () -> describe(r))),
        dnsCase("AAAA only", zone(z -> z.srv("_sipfederationtls._tcp", 0, 0, 5061, "sip").aaaa("sip", "2001:db8::10")),
            Verdict.FAIL, RuleId.SRV_TARGET_NO_ADDRESS, Severity.ERROR),
        dnsCase("target on a private address", zone(z -> z.srv("_sipfederationtls._tcp", 0, 0, 5061, "sip")
            .a("sip", "10.1.2.3")), Tls.MUST_NOT_PROBE, Verdict.FAIL, RuleId.TARGET_ADDRESS_NOT_PUBLIC, Severity.ERROR,
            r -> { }),
        dnsCase("target on a CGNAT address", zone(z -> z.srv("_sipfederationtls._tcp", 0, 0, 5061, "sip")
            .a("sip", "100.64.0.1")), Tls.MUST_NOT_PROBE, Verdict.FAIL, RuleId.TARGET_ADDRESS_NOT_PUBLIC, Severity.ERROR,
            r -> { }),
        dnsCase("target on a link-local address", zone(z -> z.srv("_sipfederationtls._tcp", 0, 0, 5061, "sip")
            .a("sip", "169.254.10.10")), Tls.MUST_NOT_PROBE, Verdict.FAIL, RuleId.TARGET_ADDRESS_NOT_PUBLIC,
            Severity.ERROR, r -> { }),
        dnsCase("target on the cloud metadata address", zone(z -> z.srv("_sipfederationtls._tcp", 0, 0, 5061, "sip")
            .a("sip", "169.254.169.254")), Tls.MUST_NOT_PROBE, Verdict.FAIL, RuleId.TARGET_ADDRESS_NOT_PUBLIC,
            Severity.ERROR, r -> { }),
        dnsCase("target on the unspecified address 0.0.0.0", zone(z -> z.srv("_sipfederationtls._tcp", 0, 0, 5061,
            "sip").a("sip", "0.0.0.0")), Tls.MUST_NOT_PROBE, Verdict.FAIL, RuleId.TARGET_ADDRESS_NOT_PUBLIC,
            Severity.ERROR, r -> { }),
        dnsCase("target on loopback, a live TLS endpoint there", (server, domain) -> server.addZone(
                DnsZone.builder(domain).srv("_sipfederationtls._tcp", 0, 0, loopbackEdge.port(), "sip")
                    .a("sip", "127.0.0.1").build()),
            Tls.MUST_NOT_PROBE, Verdict.FAIL, RuleId.TARGET_ADDRESS_NOT_PUBLIC, Severity.ERROR,
            r -> assertEquals(0, loopbackEdge.acceptedConnections(), "no connection to loopback")),
        passes("out-of-bailiwick additional records are ignored",
            healthyWith((server, domain) -> {
              server.fault(srv(domain), HostileAnswers.outOfBailiwickAdditional());
              server.fault("sip." + domain, HostileAnswers.outOfBailiwickAdditional());
            }),
            r -> {
              assertFalse(describe(r).contains("attacker"), () -> describe(r));
              List<String> addresses = r.observation().targets().get(0).addressLookup().addresses().stream()
                  .map(a -> a.getHostAddress()).toList();
              assertEquals(List.of(PUBLIC_V4), addresses, "the additional 127.0.0.1 is not used");
            }),
        passes("duplicate records are kept once",
            healthyWith((server, domain) -> {
              server.fault(srv(domain), HostileAnswers.duplicateRecords());
              server.fault("sip." + domain, HostileAnswers.duplicateRecords());
            }),
            r -> {
              assertEquals(1, r.srv().size(), () -> r.srv().toString());
              assertEquals(1, r.observation().targets().size());
              assertEquals(1, r.observation().targets().get(0).addressLookup().addresses().size());
            }),
        passes("TTL 0", healthyWith((server, domain) -> {
          server.fault(srv(domain), HostileAnswers.ttlZero());
          server.fault("sip." + domain, HostileAnswers.ttlZero());
        }), r -> {
          assertEquals(0, r.srv().get(0).ttl());
          assertTrue(r.observation().targets().get(0).addressLookup().records().stream()
              .filter(x -> x instanceof AddressRecord).allMatch(x -> x.ttl() == 0));
        }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void hostileDnsGetsItsFindingWithinTheDeadline(String name, DnsCase c) {
    String domain = "c" + ZONES.incrementAndGet() + ".test";
    c.arrangement().arrange(dns, domain);
    FakeCertificateInspector recording = new FakeCertificateInspector();
    FederationReport report;
    try (FederationValidator validator = validator(c.tls(), recording, c.deadline())) {
      report = validateWithin(validator, domain, c.deadline());
    } finally {
      recording.close();
    }
    if (c.rule() == null) {
      assertEquals(c.verdict(), report.verdict(), () -> describe(report));
      assertOnlyInfo(report);
    } else {
      assertFinding(report, c.verdict(), c.rule(), c.severity());
    }
    if (c.tls() == Tls.MUST_NOT_PROBE) {
      assertEquals(List.of(), recording.calls(), "the address guard let a probe through");
      assertEquals(TlsOutcome.NOT_ATTEMPTED, report.observation().targets().get(0).certificate().outcome());
    }
    c.more().accept(report);
  }

  /**
   * Timeout under load: 100 domains whose SRV queries all go unanswered, validated at once. Every
   * one is UNKNOWN, and the whole batch ends within one deadline plus a second: timeouts run in
   * parallel, not one after another.
   */
  @Test
  void timeoutsUnderLoadAllEndWithinOneDeadline() {
    int n = 100;
    List<String> domains = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String domain = "load" + i + ".test";
      dns.addZone(healthy(domain).build());
      dns.fault(srv(domain), DnsFault.dropAll());
      domains.add(domain);
    }
    try (FederationValidator validator = validator(Tls.SKIPPED, null, DEADLINE)) {
      long start = System.nanoTime();
      List<CompletableFuture<FederationReport>> all = domains.stream()
          .map(d -> validator.validate(d).toCompletableFuture()).toList();
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      for (CompletableFuture<FederationReport> f : all) {
        FederationReport r = f.join();
        assertFinding(r, Verdict.UNKNOWN, RuleId.DNS_LOOKUP_FAILED, Severity.WARNING);
        assertEquals(DnsOutcome.TIMEOUT, r.observation().srvLookup().outcome(), () -> describe(r));
      }
      assertTrue(took.compareTo(DEADLINE.plus(SLACK)) <= 0, "100 timeouts took " + took.toMillis() + " ms");
    }
  }

  /**
   * TC bit, then a TCP connection that takes the query and never answers: the lookup ends as
   * UNKNOWN within the deadline. It runs on the shared server on purpose: the hung connection must
   * not spoil the TCP fallback of the cases that run after it ("TC bit then a normal TCP answer").
   */
  @Test
  void truncatedThenTcpHangEndsWithinTheDeadline() {
    dns.addZone(healthy("hang.test").build());
    dns.fault(srv("hang.test"), DnsFault.truncate(TcpBehaviour.HANG));
    try (FederationValidator validator = FederationValidators.builder()
        .resolverName("dnsjava")
        .resolverOptions(ResolverOptions.ofDefaults().withServers(List.of(dns.address()))
            .withQueryTimeout(Duration.ofMillis(400)).withRetries(1))
        .skipTls(true)
        .deadline(DEADLINE)
        .build()) {
      FederationReport report = validateWithin(validator, "hang.test", DEADLINE);
      assertFinding(report, Verdict.UNKNOWN, RuleId.DNS_LOOKUP_FAILED, Severity.WARNING);
      assertTrue(dns.queries(srv("hang.test")).stream()
          .anyMatch(q -> q.transport() == io.fedcheck.testkit.dns.ReceivedQuery.Transport.TCP),
          "the truncated answer made the resolver try TCP");
    }
  }

  /** Under a lab policy that allows private addresses, the metadata address is still never probed. */
  @Test
  void metadataAddressIsNeverProbedEvenWhenPrivateAddressesAreAllowed() {
    String domain = "metadata-lab.test";
    dns.addZone(DnsZone.builder(domain).srv("_sipfederationtls._tcp", 0, 0, 5061, "sip")
        .a("sip", "169.254.169.254").build());
    FakeCertificateInspector recording = new FakeCertificateInspector();
    try (FederationValidator validator = baseBuilder()
        .inspector(recording)
        .policy(Policy.onPremises().toBuilder().allowPrivateAddresses(true).build())
        .build()) {
      FederationReport report = validateWithin(validator, domain, DEADLINE);
      assertTrue(report.has(RuleId.TARGET_ADDRESS_NOT_PUBLIC), () -> describe(report));
      assertNoFinding(report, RuleId.TLS_HANDSHAKE_FAILED);
      assertEquals(List.of(), recording.calls());
      assertEquals(TlsOutcome.NOT_ATTEMPTED, report.observation().targets().get(0).certificate().outcome());
    } finally {
      recording.close();
    }
  }

  private static FederationValidators.Builder baseBuilder() {
    return baseBuilder(DEADLINE);
  }

  private static FederationValidators.Builder baseBuilder(Duration deadline) {
    return FederationValidators.builder()
        .resolverName("dnsjava")
        .resolverOptions(ResolverOptions.ofDefaults().withServers(List.of(dns.address()))
            .withQueryTimeout(Duration.ofMillis(400)).withRetries(1))
        .deadline(deadline)
        .concurrency(128);
  }

  private static FederationValidator validator(Tls tls, FakeCertificateInspector recording, Duration deadline) {
    FederationValidators.Builder b = baseBuilder(deadline);
    return switch (tls) {
      case SKIPPED -> b.skipTls(true).build();
      case MUST_NOT_PROBE -> b.inspector(recording).build();
      case JSSE_LAB -> b.inspectorName("jsse")
          .policy(Policy.onPremises().toBuilder().allowPrivateAddresses(true).build()).build();
    };
  }
}
