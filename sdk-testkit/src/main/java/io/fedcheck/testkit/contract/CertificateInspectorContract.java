package io.fedcheck.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fedcheck.api.CertificateInspector;
import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.ClientIdentity;
import io.fedcheck.api.SipOutcome;
import io.fedcheck.api.SipProbe;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.TlsProbe;
import io.fedcheck.testkit.tls.AfterHandshake;
import io.fedcheck.testkit.tls.ClientAuth;
import io.fedcheck.testkit.tls.HeldCertificate;
import io.fedcheck.testkit.tls.KeyPurpose;
import io.fedcheck.testkit.tls.KeyType;
import io.fedcheck.testkit.tls.SignatureHash;
import io.fedcheck.testkit.tls.TestCertificateAuthority;
import io.fedcheck.testkit.tls.TlsBehaviour;
import io.fedcheck.testkit.tls.TlsEndpoint;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every network {@link CertificateInspector} backend must show, run against real TLS
 * endpoints on loopback ({@link TlsEndpoint}). A backend's test class extends this and implements
 * {@link #newInspector()}:
 *
 * <pre>{@code
 * class JsseCertificateInspectorContractTest extends CertificateInspectorContract {
 *   @Override protected CertificateInspector newInspector() { return JsseCertificateInspector.create(); }
 * }
 * }</pre>
 *
 * <p>What it checks: a completed handshake captures the chain as presented (leaf first, every
 * intermediate) with protocol and cipher suite; the probe's server name is sent as SNI; untrusted,
 * self-signed and otherwise hostile chains are still captured (inspectors never decide trust); a
 * client-certificate request is detected and the chain still captured; every transport failure maps
 * to its {@link TlsOutcome} with a {@code detail} that names the failure in words (a refused port is
 * {@code CONNECT_FAILED}; silence, a one-byte-a-second drip, plaintext, a reset, TLS 1.0 only, an
 * alert and a close after ServerHello are {@code HANDSHAKE_FAILED}); every probe ends within its
 * timeout plus one second; and no stage ever completes exceptionally. When the probe asks for SIP,
 * the backend sends one well-formed {@code OPTIONS} on the same connection after the handshake and
 * reports the answer ({@code RESPONDED} with status and kept headers; a web server is {@code
 * NOT_SIP}; silence and a drip are {@code NO_RESPONSE}, a close is {@code CLOSED}, an endless header
 * section {@code NOT_SIP}, all within the deadline); without the ask, or without a handshake, it
 * sends nothing ({@code NOT_ATTEMPTED}); with a client identity it presents that certificate.
 *
 * <p>Not tested, because it cannot be built on loopback: a black-holed address whose SYN is never
 * answered (the loopback stack always answers). Backends that cannot do something override the
 * capability hooks ({@link #detectsClientCertificateRequests()} ...), and those checks are skipped
 * with a message. Each test makes its own inspector and endpoints and closes them; tests may run in
 * any order.
 */
public abstract class CertificateInspectorContract {
  /** The target name every probe asks for. */
  protected static final String SERVER_NAME = "vcse.example.com";

  private static final TestCertificateAuthority ROOT =
      TestCertificateAuthority.create("fedcheck Contract Root");
  private static final TestCertificateAuthority ISSUING =
      ROOT.intermediate("fedcheck Contract Issuing CA");

  private final List<TlsEndpoint> endpoints = new ArrayList<>();
  private CertificateInspector inspector;

  /** A new inspector under test; the contract closes it after each test. */
  protected abstract CertificateInspector newInspector();

  /** The deadline given to probes of misbehaving endpoints. Default 3 s. */
  protected Duration faultTimeout() {
    return Duration.ofSeconds(3);
  }

  /** The deadline given to probes expected to succeed; generous for a loaded CI machine. Default 15 s. */
  protected Duration handshakeTimeout() {
    return Duration.ofSeconds(15);
  }

  /** Whether the backend can tell that the server asked for a client certificate. */
  protected boolean detectsClientCertificateRequests() {
    return true;
  }

  /** Whether the backend reports the negotiated protocol and cipher suite. */
  protected boolean reportsNegotiatedParameters() {
    return true;
  }

  /** Whether the backend sends the probe's server name as SNI. */
  protected boolean sendsServerName() {
    return true;
  }

  @BeforeEach
  final void openInspector() {
    inspector = newInspector();
  }

  @AfterEach
  final void closeAll() {
    try {
      if (inspector != null) {
        inspector.close();
      }
    } finally {
      endpoints.forEach(TlsEndpoint::close);
    }
  }

  @Test
  void completedHandshakeCapturesTheChainAsPresented() {
    HeldCertificate leaf = ISSUING.leaf(SERVER_NAME);
    TlsEndpoint endpoint = endpoint(TlsEndpoint.serving(leaf));
    CertificateObservation seen = inspect(endpoint, handshakeTimeout());
    assertOutcome(TlsOutcome.HANDSHAKE_COMPLETED, seen);
    assertEquals(leaf.chain(), seen.chain(), "chain as presented, leaf first");
    assertEquals(SERVER_NAME, seen.serverName());
    assertEquals(endpoint.host().getHostAddress(), seen.address());
    assertEquals(endpoint.port(), seen.port());
    assertFalse(seen.clientCertificateRequested(), "no client certificate was requested");
    if (reportsNegotiatedParameters()) {
      assertTrue(
          List.of("TLSv1.3", "TLSv1.2").contains(seen.protocol()), "protocol: " + seen.protocol());
      assertFalse(seen.cipherSuite().isBlank(), "cipher suite reported");
    }
  }

  @Test
  void tls12OnlyServerIsReportedAsTls12() {
    Assumptions.assumeTrue(reportsNegotiatedParameters(), "backend does not report the protocol");
    HeldCertificate leaf = ISSUING.leaf(SERVER_NAME);
    TlsEndpoint endpoint =
        endpoint(TlsEndpoint.builder(TlsBehaviour.HANDSHAKE).identity(leaf).protocols("TLSv1.2").start());
    CertificateObservation seen = inspect(endpoint, handshakeTimeout());
    assertOutcome(TlsOutcome.HANDSHAKE_COMPLETED, seen);
    assertEquals("TLSv1.2", seen.protocol());
    assertEquals(leaf.chain(), seen.chain());
  }

  @Test
  void probeServerNameIsSentAsSni() {
    Assumptions.assumeTrue(sendsServerName(), "backend does not send SNI");
    TlsEndpoint endpoint = endpoint(TlsEndpoint.serving(ISSUING.leaf("other.example.com")));
    CertificateObservation seen = inspect(endpoint, handshakeTimeout());
    assertOutcome(TlsOutcome.HANDSHAKE_COMPLETED, seen);
    assertEquals(List.of(SERVER_NAME), endpoint.serverNames(), "SNI received by the server");
  }

  static Stream<Arguments> untrustedOrHostileCertificates() {
    TestCertificateAuthority unknownRoot = TestCertificateAuthority.create("Unknown Root");
    Instant past = Instant.parse("2020-01-01T00:00:00Z");
    return Stream.of(
        Arguments.of("self-signed leaf", HeldCertificate.builder().commonName(SERVER_NAME)
            .addSubjectAlternativeName(SERVER_NAME).build()),
        Arguments.of("unknown CA", unknownRoot.leaf(SERVER_NAME)),
        Arguments.of("expired", ISSUING.leafBuilder().commonName(SERVER_NAME)
            .validity(past, past.plus(Duration.ofDays(90))).build()),
        Arguments.of("not yet valid", ISSUING.leafBuilder().commonName(SERVER_NAME)
            .validity(Instant.now().plus(Duration.ofDays(30)), Instant.now().plus(Duration.ofDays(400)))
            .build()),
        Arguments.of("name mismatch", ISSUING.leaf("expe.dummy.com")),
        Arguments.of("wildcard", ISSUING.leaf("*.example.com")),
        Arguments.of("clientAuth-only EKU", ISSUING.leafBuilder().commonName(SERVER_NAME)
            .keyPurposes(KeyPurpose.CLIENT_AUTH).build()),
        Arguments.of("serverAuth-only EKU", ISSUING.leafBuilder().commonName(SERVER_NAME)
            .keyPurposes(KeyPurpose.SERVER_AUTH).build()),
        Arguments.of("RSA 1024 key", ISSUING.leafBuilder().commonName(SERVER_NAME)
            .keyType(KeyType.rsa(1024)).build()),
        Arguments.of("RSA 2048 key", ISSUING.leafBuilder().commonName(SERVER_NAME)
            .keyType(KeyType.RSA_2048).build()),
        Arguments.of("EC P-384 key", ISSUING.leafBuilder().commonName(SERVER_NAME)
            .keyType(KeyType.EC_P384).build()),
        Arguments.of("SHA-1 signature", ISSUING.leafBuilder().commonName(SERVER_NAME)
            .signatureHash(SignatureHash.SHA1).build()),
        Arguments.of("BMPString CN", ISSUING.leafBuilder().commonNameAsBmpString(SERVER_NAME).build()),
        Arguments.of("NUL in CN and SAN", ISSUING.leafBuilder().commonName(SERVER_NAME + "\0.evil.test")
            .addSubjectAlternativeName(SERVER_NAME + "\0.evil.test").build()),
        Arguments.of("punycode SAN", ISSUING.leaf("xn--bcher-kva.example.com")),
        Arguments.of("unknown critical extension", ISSUING.leafBuilder().commonName(SERVER_NAME)
            .unknownCriticalExtension().build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("untrustedOrHostileCertificates")
  void untrustedAndHostileChainsAreStillCaptured(String shape, HeldCertificate leaf) {
    TlsEndpoint endpoint = endpoint(TlsEndpoint.serving(leaf));
    CertificateObservation seen = inspect(endpoint, handshakeTimeout());
    assertOutcome(TlsOutcome.HANDSHAKE_COMPLETED, seen);
    assertEquals(leaf.chain(), seen.chain(), shape + ": the inspector never decides trust");
  }

  @ParameterizedTest
  @EnumSource(value = ClientAuth.class, names = {"WANT", "NEED"})
  void clientCertificateRequestIsDetectedAndChainCaptured(ClientAuth clientAuth) {
    Assumptions.assumeTrue(
        detectsClientCertificateRequests(), "backend cannot see CertificateRequest messages");
    for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
      HeldCertificate leaf = ISSUING.leaf(SERVER_NAME);
      TlsEndpoint endpoint =
          endpoint(TlsEndpoint.builder(TlsBehaviour.HANDSHAKE)
              .identity(leaf)
              .clientAuth(clientAuth)
              .protocols(protocol)
              .start());
      CertificateObservation seen = inspect(endpoint, handshakeTimeout());
      assertOutcome(TlsOutcome.HANDSHAKE_COMPLETED, seen);
      assertTrue(seen.clientCertificateRequested(), protocol + ": CertificateRequest detected");
      assertEquals(leaf.chain(), seen.chain(), protocol);
    }
  }

  @Test
  void refusedPortIsConnectFailed() {
    InetSocketAddress refusing = TlsEndpoint.refusingAddress();
    CertificateObservation seen = inspect(refusing.getAddress(), refusing.getPort(), faultTimeout());
    assertOutcome(TlsOutcome.CONNECT_FAILED, seen);
    assertDetailMentions(seen, "refused");
  }

  @ParameterizedTest
  @EnumSource(
      value = TlsBehaviour.class,
      names = {
        "SILENT", "DRIP", "PLAINTEXT", "RESET_AFTER_CLIENT_HELLO", "TLS10_ONLY",
        "ALERT_AFTER_CLIENT_HELLO", "CLOSE_AFTER_SERVER_HELLO"
      })
  void misbehavingServerIsHandshakeFailed(TlsBehaviour behaviour) {
    TlsEndpoint endpoint = endpoint(TlsEndpoint.builder(behaviour).start());
    CertificateObservation seen = inspect(endpoint, faultTimeout());
    assertOutcome(TlsOutcome.HANDSHAKE_FAILED, seen);
    assertTrue(seen.chain().isEmpty(), "no chain was presented");
    assertEquals(1, endpoint.acceptedConnections(), "one TCP connection");
    switch (behaviour) {
      case SILENT, DRIP -> assertDetailMentions(seen, "deadline", "timed out", "timeout");
      case PLAINTEXT -> assertDetailMentions(seen, "plaintext", "not tls", "unrecognized");
      case RESET_AFTER_CLIENT_HELLO -> assertDetailMentions(seen, "reset");
      case TLS10_ONLY -> assertDetailMentions(seen, "tlsv1", "tls 1.0", "protocol version");
      case ALERT_AFTER_CLIENT_HELLO -> assertDetailMentions(seen, "alert");
      case CLOSE_AFTER_SERVER_HELLO -> assertDetailMentions(seen, "closed", "terminated", "eof");
      default -> fail("unexpected " + behaviour);
    }
  }

  static Stream<Arguments> oversizedHandshakes() {
    List<String> names =
        IntStream.range(0, 5000).mapToObj(i -> "host" + i + ".example.com").toList();
    TestCertificateAuthority deep = ROOT;
    for (int i = 0; i < 11; i++) {
      deep = deep.intermediate("fedcheck Contract Intermediate " + i);
    }
    return Stream.of(
        Arguments.of("5,000 SANs (handshake message over 32 KiB)",
            ISSUING.leafBuilder().commonName(SERVER_NAME).addSubjectAlternativeName(SERVER_NAME)
                .subjectAlternativeNames(names).build()),
        Arguments.of("chain of 12 certificates", deep.leaf(SERVER_NAME)));
  }

  /**
   * Oversized handshakes exceed the JDK's default limits ({@code jdk.tls.maxHandshakeMessageSize},
   * {@code jdk.tls.maxCertificateChainLength}). A backend may capture them or fail them, but must
   * say why and must not hang.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("oversizedHandshakes")
  void oversizedHandshakeIsCapturedOrFailedWithAReason(String shape, HeldCertificate leaf) {
    TlsEndpoint endpoint = endpoint(TlsEndpoint.serving(leaf));
    CertificateObservation seen = inspect(endpoint, handshakeTimeout());
    if (seen.outcome() == TlsOutcome.HANDSHAKE_COMPLETED) {
      assertEquals(leaf.chain(), seen.chain(), shape);
    } else {
      assertOutcome(TlsOutcome.HANDSHAKE_FAILED, seen);
      assertFalse(seen.detail().isBlank(), shape + ": a failure needs a detail");
    }
  }

  @Test
  void inspectReturnsAtOnceAndProbesRunConcurrently() throws Exception {
    TlsEndpoint silent = endpoint(TlsEndpoint.silent());
    TlsEndpoint serving = endpoint(TlsEndpoint.serving(ISSUING.leaf(SERVER_NAME)));
    Duration timeout = faultTimeout();
    long start = System.nanoTime();
    List<CompletableFuture<CertificateObservation>> silentProbes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      silentProbes.add(inspector.inspect(probe(silent.host(), silent.port(), timeout)).toCompletableFuture());
    }
    Duration returned = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(returned.compareTo(timeout.dividedBy(2)) < 0, "inspect() returned in " + returned);
    List<CompletableFuture<CertificateObservation>> served = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      served.add(inspector.inspect(probe(serving.host(), serving.port(), handshakeTimeout())).toCompletableFuture());
    }
    for (CompletableFuture<CertificateObservation> f : served) {
      assertOutcome(TlsOutcome.HANDSHAKE_COMPLETED, await(f, handshakeTimeout()));
    }
    for (CompletableFuture<CertificateObservation> f : silentProbes) {
      assertOutcome(TlsOutcome.HANDSHAKE_FAILED, await(f, timeout));
    }
    assertEquals(8, serving.serverNames().size());
  }

  // ---------------------------------------------------------------------------------------------
  // SIP OPTIONS after the handshake (issue 10)

  /** Whether the backend speaks SIP after the handshake when the probe asks for it. */
  protected boolean speaksSip() {
    return true;
  }

  /**
   * A new inspector presenting {@code identity} when asked for a client certificate, or {@code
   * null} when the backend cannot (the client-identity check is then skipped). The contract closes it.
   */
  protected CertificateInspector newInspector(ClientIdentity identity) {
    return null;
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void sipResponderAnswersTheOptionsRequest(String protocol) {
    Assumptions.assumeTrue(speaksSip(), "backend does not speak SIP");
    TlsEndpoint endpoint = endpoint(TlsEndpoint.builder(TlsBehaviour.HANDSHAKE)
        .identity(ISSUING.leaf(SERVER_NAME)).protocols(protocol).start());
    CertificateObservation seen = inspectSip(endpoint, handshakeTimeout());
    assertOutcome(TlsOutcome.HANDSHAKE_COMPLETED, seen);
    assertSip(SipOutcome.RESPONDED, seen);
    assertEquals(200, seen.sip().statusCode());
    assertEquals("OK", seen.sip().reason());
    assertTrue(seen.sip().header("server").orElse("").startsWith("TANDBERG/"), seen.sip().headers().toString());
    assertTrue(seen.sip().header("allow").orElse("").contains("OPTIONS"));
    List<String> requests = endpoint.sipRequests();
    assertEquals(1, requests.size(), "one request on the connection");
    String request = requests.get(0);
    assertTrue(request.startsWith("OPTIONS sip:" + SERVER_NAME + ":" + endpoint.port() + ";transport=tls SIP/2.0\r\n"),
        request);
    for (String line : List.of("\r\nMax-Forwards: 70\r\n", "\r\nCSeq: 1 OPTIONS\r\n",
        "\r\nAccept: application/sdp\r\n", "\r\nContent-Length: 0\r\n\r\n", ";branch=z9hG4bK",
        "\r\nFrom: <sip:fedcheck@" + SipProbe.DEFAULT_FROM_DOMAIN + ">;tag=", "\r\nUser-Agent: " + USER_AGENT + "\r\n")) {
      assertTrue(request.contains(line), "request has " + line.strip() + ": " + request);
    }
    assertEquals(request, seen.sip().request(), "the exchange records the request as sent");
  }

  @Test
  void sipStatusAndMsDiagnosticsAreKept() {
    Assumptions.assumeTrue(speaksSip(), "backend does not speak SIP");
    String diagnostics = "1034;reason=\"Previous hop federated peer did not report diagnostic information\"";
    TlsEndpoint endpoint = endpoint(TlsEndpoint.builder(TlsBehaviour.HANDSHAKE)
        .identity(ISSUING.leaf(SERVER_NAME))
        .sipResponse(403, "Forbidden", List.of(Map.entry("ms-diagnostics", diagnostics),
            Map.entry("Server", "RTC/6.0")))
        .start());
    CertificateObservation seen = inspectSip(endpoint, handshakeTimeout());
    assertSip(SipOutcome.RESPONDED, seen);
    assertEquals(403, seen.sip().statusCode());
    assertEquals(diagnostics, seen.sip().header("ms-diagnostics").orElse(""));
    assertEquals("RTC/6.0", seen.sip().header("server").orElse(""));
  }

  /** The case of issue 10: an HTTPS web server whose certificate names the target. */
  @Test
  void webServerAfterTheHandshakeIsNotSip() {
    Assumptions.assumeTrue(speaksSip(), "backend does not speak SIP");
    TlsEndpoint endpoint = endpoint(TlsEndpoint.builder(TlsBehaviour.HANDSHAKE)
        .identity(ISSUING.leaf(SERVER_NAME)).afterHandshake(AfterHandshake.HTTP).start());
    CertificateObservation seen = inspectSip(endpoint, handshakeTimeout());
    assertOutcome(TlsOutcome.HANDSHAKE_COMPLETED, seen);
    assertSip(SipOutcome.NOT_SIP, seen);
    assertTrue(seen.sip().detail().contains("HTTP"), seen.sip().detail());
    assertTrue(seen.sip().excerpt().startsWith("HTTP/1.1 400"), seen.sip().excerpt());
  }

  @ParameterizedTest
  @EnumSource(value = AfterHandshake.class, names = {"SILENT", "DRIP", "CLOSE", "OVERSIZED"})
  void misbehavingSipSideEndsWithinTheDeadline(AfterHandshake after) {
    Assumptions.assumeTrue(speaksSip(), "backend does not speak SIP");
    TlsEndpoint endpoint = endpoint(TlsEndpoint.builder(TlsBehaviour.HANDSHAKE)
        .identity(ISSUING.leaf(SERVER_NAME)).afterHandshake(after)
        .dripInterval(Duration.ofMillis(200)).start());
    CertificateObservation seen = inspectSip(endpoint, faultTimeout());
    assertOutcome(TlsOutcome.HANDSHAKE_COMPLETED, seen);
    SipOutcome expected = switch (after) {
      case SILENT, DRIP -> SipOutcome.NO_RESPONSE;
      case CLOSE -> SipOutcome.CLOSED;
      default -> SipOutcome.NOT_SIP;
    };
    assertSip(expected, seen);
    assertFalse(seen.sip().detail().isBlank(), "a detail in words");
    if (after == AfterHandshake.DRIP) {
      assertTrue(seen.sip().excerpt().startsWith("SIP/2.0"), "what dripped in: " + seen.sip().excerpt());
    }
  }

  @Test
  void noSipIsSentUnlessAsked() {
    TlsEndpoint endpoint = endpoint(TlsEndpoint.serving(ISSUING.leaf(SERVER_NAME)));
    CertificateObservation seen = inspect(endpoint, handshakeTimeout());
    assertOutcome(TlsOutcome.HANDSHAKE_COMPLETED, seen);
    assertSip(SipOutcome.NOT_ATTEMPTED, seen);
    assertEquals("", seen.sip().request());
    assertTrue(endpoint.sipRequests().isEmpty(), "the endpoint read no request");
  }

  @Test
  void failedHandshakeSendsNoSip() {
    TlsEndpoint endpoint = endpoint(TlsEndpoint.alerting());
    CertificateObservation seen = inspectSip(endpoint, faultTimeout());
    assertOutcome(TlsOutcome.HANDSHAKE_FAILED, seen);
    assertSip(SipOutcome.NOT_ATTEMPTED, seen);
  }

  @Test
  void clientIdentityIsPresentedWhenAskedFor() {
    HeldCertificate client = ISSUING.leaf("edge.vendor.example");
    CertificateInspector withIdentity = newInspector(new ClientIdentity(client.privateKey(), client.chain()));
    Assumptions.assumeTrue(withIdentity != null, "backend cannot present a client identity");
    try (withIdentity) {
      TlsEndpoint endpoint = endpoint(TlsEndpoint.builder(TlsBehaviour.HANDSHAKE)
          .identity(ISSUING.leaf(SERVER_NAME)).clientAuth(ClientAuth.NEED).start());
      CertificateObservation seen = await(withIdentity.inspect(
          sipProbe(endpoint.host(), endpoint.port(), handshakeTimeout())).toCompletableFuture(), handshakeTimeout());
      assertOutcome(TlsOutcome.HANDSHAKE_COMPLETED, seen);
      assertTrue(seen.clientCertificateRequested());
      assertEquals(List.of(client.certificate()), endpoint.clientCertificates(), "the client leaf was presented");
      if (speaksSip()) {
        assertSip(SipOutcome.RESPONDED, seen);
      }
    }
    // Without an identity, none is presented (the inspector under test has none).
    TlsEndpoint wanting = endpoint(TlsEndpoint.builder(TlsBehaviour.HANDSHAKE)
        .identity(ISSUING.leaf(SERVER_NAME)).clientAuth(ClientAuth.WANT).start());
    inspect(wanting, handshakeTimeout());
    assertTrue(wanting.clientCertificates().isEmpty(), "no client certificate without an identity");
  }

  /** The user agent every SIP probe of the contract sends. */
  protected static final String USER_AGENT = "fedcheck/contract";

  /** Probes an endpoint asking for SIP and checks the result arrived within the deadline. */
  protected final CertificateObservation inspectSip(TlsEndpoint endpoint, Duration timeout) {
    long start = System.nanoTime();
    CertificateObservation seen = await(inspector.inspect(
        sipProbe(endpoint.host(), endpoint.port(), timeout)).toCompletableFuture(), timeout);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    Duration limit = timeout.plusSeconds(1);
    assertTrue(took.compareTo(limit) <= 0, "probe took " + took + ", limit " + limit + ": " + seen);
    return seen;
  }

  private static TlsProbe sipProbe(InetAddress address, int port, Duration timeout) {
    return new TlsProbe(SERVER_NAME, address, port, timeout,
        new SipProbe(SipProbe.DEFAULT_FROM_DOMAIN, USER_AGENT));
  }

  private static void assertSip(SipOutcome expected, CertificateObservation seen) {
    assertEquals(expected, seen.sip().outcome(), () -> "SIP exchange: " + seen.sip());
  }

  /** Registers an endpoint for closing after the test. */
  protected final TlsEndpoint endpoint(TlsEndpoint endpoint) {
    endpoints.add(endpoint);
    return endpoint;
  }

  /** The inspector under test. */
  protected final CertificateInspector inspector() {
    return inspector;
  }

  /** Probes an endpoint and checks the result arrived within the deadline, without exception. */
  protected final CertificateObservation inspect(TlsEndpoint endpoint, Duration timeout) {
    return inspect(endpoint.host(), endpoint.port(), timeout);
  }

  /** Probes an address and checks the result arrived within the deadline, without exception. */
  protected final CertificateObservation inspect(InetAddress address, int port, Duration timeout) {
    long start = System.nanoTime();
    CompletionStage<CertificateObservation> stage = inspector.inspect(probe(address, port, timeout));
    CertificateObservation seen = await(stage.toCompletableFuture(), timeout);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    Duration limit = timeout.plusSeconds(1);
    assertTrue(took.compareTo(limit) <= 0, "probe took " + took + ", limit " + limit + ": " + seen);
    assertTrue(seen.elapsed().compareTo(limit) <= 0, "reported elapsed " + seen.elapsed());
    assertEquals(port, seen.port());
    return seen;
  }

  private static TlsProbe probe(InetAddress address, int port, Duration timeout) {
    return new TlsProbe(SERVER_NAME, address, port, timeout);
  }

  private static CertificateObservation await(CompletableFuture<CertificateObservation> f, Duration timeout) {
    try {
      // Wait past the limit so a late answer is reported as late, not as missing.
      return f.get(timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("the stage completed exceptionally; failures must be values", e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("no answer " + timeout + " + 10 s after the probe: the deadline did not hold");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static void assertOutcome(TlsOutcome expected, CertificateObservation seen) {
    assertEquals(expected, seen.outcome(), () -> "observation: " + describe(seen));
  }

  private static void assertDetailMentions(CertificateObservation seen, String... anyOf) {
    String detail = seen.detail().toLowerCase(Locale.ROOT);
    for (String word : anyOf) {
      if (detail.contains(word)) {
        return;
      }
    }
    fail("detail should mention one of " + List.of(anyOf) + ": " + describe(seen));
  }

  private static String describe(CertificateObservation seen) {
    Function<X509Certificate, String> subject = c -> c.getSubjectX500Principal().getName();
    return seen.outcome() + " detail=\"" + seen.detail() + "\" protocol=" + seen.protocol()
        + " chain=" + seen.chain().stream().map(subject).toList() + " elapsed=" + seen.elapsed();
  }
}
