package io.fedcheck.core.hardening;

import static io.fedcheck.core.hardening.CatalogueChecks.DEADLINE;
import static io.fedcheck.core.hardening.CatalogueChecks.assertFinding;
import static io.fedcheck.core.hardening.CatalogueChecks.assertOnlyInfo;
import static io.fedcheck.core.hardening.CatalogueChecks.describe;
import static io.fedcheck.core.hardening.CatalogueChecks.validateWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.api.Policy;
import io.fedcheck.api.ResolverOptions;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Severity;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.Verdict;
import io.fedcheck.core.FederationValidators;
import io.fedcheck.testkit.FederationLab;
import io.fedcheck.testkit.TargetSpec;
import io.fedcheck.testkit.tls.ClientAuth;
import io.fedcheck.testkit.tls.HeldCertificate;
import io.fedcheck.testkit.tls.TestCertificateAuthority;
import io.fedcheck.testkit.tls.TlsBehaviour;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Catalogue, TLS transport: every way a server on the SRV port can fail to complete a handshake,
 * against real loopback endpoints of the test kit ({@link TlsBehaviour}), probed by the real
 * inspector of each live TLS backend ({@link TlsBackend}) through the validator, with the lab's DNS server and the dnsjava backend. Each case is
 * one domain {@code t<n>.lab} with the target {@code sip.t<n>.lab}.
 *
 * <p><b>Black-holed connect.</b> A SYN that is never answered cannot be made with a closed or
 * filtered port on loopback: the kernel answers at once. What stands in for it is real, though: a
 * listener with a backlog of one that never accepts, its accept queue filled by two idle
 * connections. Linux then drops further SYNs ("listen queue overflow"), so the inspector's connect
 * does hang until its deadline, exactly as against a black-holed address. Where the kernel answers
 * anyway (another OS, {@code tcp_abort_on_overflow}), the connect is refused instead; the expected
 * finding is {@code TLS_CONNECT_FAILED} either way, and the test asserts that.
 */
class HostileTlsTest extends LeakCheckedTest {
  private static final TestCertificateAuthority ROOT = TestCertificateAuthority.create("fedcheck hardening root");
  private static final TestCertificateAuthority ISSUING = ROOT.intermediate("fedcheck hardening issuing CA");

  private static FederationLab lab;
  private static final Map<TlsBackend, FederationValidator> validators = new EnumMap<>(TlsBackend.class);
  private static ServerSocket blackHole;
  private static final List<Socket> backlogFillers = new ArrayList<>();

  /**
   * One case.
   *
   * @param name what the server does
   * @param target how the case's target is set up in the lab
   * @param verdict the expected verdict
   * @param rule the rule that must stand, or null when only INFO findings may
   * @param more further assertions on the target's certificate observation
   */
  record TlsCase(String name, Consumer<TargetSpec> target, Verdict verdict, RuleId rule,
      Consumer<CertificateObservation> more, boolean jdkLimit) {
    TlsCase(String name, Consumer<TargetSpec> target, Verdict verdict, RuleId rule,
        Consumer<CertificateObservation> more) {
      this(name, target, verdict, rule, more, false);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static final List<TlsCase> CASES = List.of(
      new TlsCase("healthy handshake (control)", t -> { }, Verdict.PASS, null,
          c -> assertEquals(TlsOutcome.HANDSHAKE_COMPLETED, c.outcome())),
      new TlsCase("TLS 1.2 only (still fine)", t -> t.tls(s -> s.protocols("TLSv1.2")), Verdict.PASS, null,
          c -> assertEquals("TLSv1.2", c.protocol())),
      new TlsCase("connection refused", TargetSpec::noEndpoint, Verdict.FAIL, RuleId.TLS_CONNECT_FAILED,
          c -> assertEquals(TlsOutcome.CONNECT_FAILED, c.outcome())),
      new TlsCase("black-holed connect (full accept queue: SYNs dropped)",
          t -> t.noEndpoint().port(blackHole.getLocalPort()), Verdict.FAIL, RuleId.TLS_CONNECT_FAILED,
          c -> assertEquals(TlsOutcome.CONNECT_FAILED, c.outcome())),
      new TlsCase("accepts and never answers", t -> t.behaviour(TlsBehaviour.SILENT), Verdict.FAIL,
          RuleId.TLS_HANDSHAKE_FAILED, c -> assertEquals(TlsOutcome.HANDSHAKE_FAILED, c.outcome())),
      new TlsCase("one byte a second", t -> t.behaviour(TlsBehaviour.DRIP), Verdict.FAIL,
          RuleId.TLS_HANDSHAKE_FAILED, c -> assertEquals(TlsOutcome.HANDSHAKE_FAILED, c.outcome())),
      new TlsCase("plaintext SIP service on the port", t -> t.behaviour(TlsBehaviour.PLAINTEXT), Verdict.FAIL,
          RuleId.TLS_HANDSHAKE_FAILED, c -> assertEquals(TlsOutcome.HANDSHAKE_FAILED, c.outcome())),
      new TlsCase("reset mid-handshake", t -> t.behaviour(TlsBehaviour.RESET_AFTER_CLIENT_HELLO), Verdict.FAIL,
          RuleId.TLS_HANDSHAKE_FAILED, c -> assertEquals(TlsOutcome.HANDSHAKE_FAILED, c.outcome())),
      new TlsCase("TLS 1.0 only", t -> t.behaviour(TlsBehaviour.TLS10_ONLY), Verdict.FAIL,
          RuleId.TLS_HANDSHAKE_FAILED, c -> assertEquals(TlsOutcome.HANDSHAKE_FAILED, c.outcome())),
      new TlsCase("fatal alert mid-handshake", t -> t.behaviour(TlsBehaviour.ALERT_AFTER_CLIENT_HELLO),
          Verdict.FAIL, RuleId.TLS_HANDSHAKE_FAILED, c -> assertEquals(TlsOutcome.HANDSHAKE_FAILED, c.outcome())),
      new TlsCase("closes right after ServerHello", t -> t.behaviour(TlsBehaviour.CLOSE_AFTER_SERVER_HELLO),
          Verdict.FAIL, RuleId.TLS_HANDSHAKE_FAILED, c -> assertEquals(TlsOutcome.HANDSHAKE_FAILED, c.outcome())),
      new TlsCase("server requests a client certificate", t -> t.clientAuth(ClientAuth.WANT), Verdict.PASS, null,
          c -> assertTrue(c.clientCertificateRequested(), "the request is noted")),
      new TlsCase("server requires a client certificate (as a federation edge does)",
          t -> t.clientAuth(ClientAuth.NEED), null, null, c -> {
            assertTrue(c.clientCertificateRequested(), "the request is noted");
            assertFalse(c.chain().isEmpty(), "the server's chain is still seen: " + c.detail());
          }),
      new TlsCase("chain longer than the JDK's limit of 10", t -> t.certificate(deepChainLeaf(t.host(), 11)),
          Verdict.FAIL, RuleId.TLS_HANDSHAKE_FAILED, c -> assertEquals(TlsOutcome.HANDSHAKE_FAILED, c.outcome()),
          true),
      new TlsCase("handshake message over 32 KiB (2,500 SANs)", t -> t.certificate(hugeLeaf(t.host(), 2_500)),
          Verdict.FAIL, RuleId.TLS_HANDSHAKE_FAILED, c -> assertEquals(TlsOutcome.HANDSHAKE_FAILED, c.outcome()),
          true));

  @BeforeAll
  static void start() throws IOException {
    blackHole = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    InetSocketAddress hole = new InetSocketAddress(InetAddress.getLoopbackAddress(), blackHole.getLocalPort());
    for (int i = 0; i < 2; i++) {
      Socket filler = new Socket();
      filler.connect(hole, 1_000);
      backlogFillers.add(filler);
    }
    FederationLab.Builder b = FederationLab.builder().certificateAuthority(ISSUING);
    for (int i = 0; i < CASES.size(); i++) {
      TlsCase c = CASES.get(i);
      b.domain(domain(i), d -> d.srv("sip." + d.name(), c.target()));
    }
    lab = b.start();
    for (TlsBackend backend : TlsBackend.values()) {
      warmUp(backend);
      validators.put(backend, CatalogueChecks.labValidator(lab, backend));
    }
  }

  /**
   * One healthy validation with a generous deadline through a throw-away validator, so that class
   * loading and JIT of the first DNS lookup and JSSE handshake do not eat the 2 s of the first case.
   */
  private static void warmUp(TlsBackend backend) {
    try (FederationValidator cold = FederationValidators.builder()
        .resolverName("dnsjava")
        .resolverOptions(ResolverOptions.ofDefaults().withServers(List.of(lab.dnsServer())))
        .inspectorName(backend.inspectorName)
        .policy(Policy.onPremises().toBuilder().allowPrivateAddresses(true).build())
        .deadline(java.time.Duration.ofSeconds(20))
        .build()) {
      cold.validateAndWait(domain(0));
    }
  }

  @AfterAll
  static void stop() throws IOException {
    validators.values().forEach(FederationValidator::close);
    lab.close();
    for (Socket s : backlogFillers) {
      s.close();
    }
    blackHole.close();
  }

  static Stream<Arguments> cases() {
    return Stream.of(TlsBackend.values()).flatMap(b -> CASES.stream().map(c -> Arguments.of(b, c)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void hostileServerGetsItsFindingWithinTheDeadline(TlsBackend backend, TlsCase c) {
    String domain = domain(CASES.indexOf(c));
    FederationReport report = validateWithin(validators.get(backend), domain, DEADLINE);
    if (c.jdkLimit() && !backend.hasJdkHandshakeLimits) {
      // Within BoringSSL's limits: the chain is captured as presented and the rules judge it.
      CertificateObservation seen = report.observation().targets().get(0).certificate();
      assertEquals(TlsOutcome.HANDSHAKE_COMPLETED, seen.outcome(), () -> describe(report));
      assertFalse(report.has(RuleId.TLS_HANDSHAKE_FAILED), () -> describe(report));
      return;
    }
    if (c.verdict() != null) {
      if (c.rule() == null) {
        assertEquals(c.verdict(), report.verdict(), () -> describe(report));
        assertOnlyInfo(report);
      } else {
        assertFinding(report, c.verdict(), c.rule(), Severity.ERROR);
      }
    }
    CertificateObservation seen = report.observation().targets().get(0).certificate();
    c.more().accept(seen);
  }

  private static String domain(int index) {
    return "t" + index + ".lab";
  }

  /** A leaf for {@code host} under a chain of {@code intermediates} CAs below the hardening root. */
  private static HeldCertificate deepChainLeaf(String host, int intermediates) {
    TestCertificateAuthority ca = ROOT;
    for (int i = 0; i < intermediates; i++) {
      ca = ca.intermediate("fedcheck deep CA " + i);
    }
    return ca.leaf(host);
  }

  /** A leaf naming {@code host} and {@code extra} more names, so its Certificate message is large. */
  private static HeldCertificate hugeLeaf(String host, int extra) {
    List<String> names = new ArrayList<>(List.of(host));
    IntStream.range(0, extra).forEach(i -> names.add("name-" + i + ".padding.example.com"));
    return ISSUING.leafBuilder().commonName(host).subjectAlternativeNames(names).build();
  }

}
