package io.fedcheck.core.hardening;

import static io.fedcheck.core.hardening.CatalogueChecks.DEADLINE;
import static io.fedcheck.core.hardening.CatalogueChecks.assertFinding;
import static io.fedcheck.core.hardening.CatalogueChecks.assertOnlyInfo;
import static io.fedcheck.core.hardening.CatalogueChecks.describe;
import static io.fedcheck.core.hardening.CatalogueChecks.validateWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.api.Finding;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Severity;
import io.fedcheck.api.SipExchange;
import io.fedcheck.api.SipOutcome;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.Verdict;
import io.fedcheck.core.diagnostics.DiagnosticsExplainer;
import io.fedcheck.testkit.FederationLab;
import io.fedcheck.testkit.tls.AfterHandshake;
import io.fedcheck.testkit.tls.TestCertificateAuthority;
import io.fedcheck.testkit.tls.TlsEndpoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Catalogue, SIP after the handshake: every way the server behind a completed TLS handshake can
 * answer (or not answer) the {@code OPTIONS} probe, against real loopback endpoints of the test kit
 * probed by each live TLS inspector ({@link TlsBackend}) through the validator (probe on, as by default). Each case ends
 * within the deadline with its SIP outcome and finding; the leak checks of {@link LeakCheckedTest}
 * hold afterwards. Each case is one domain {@code s<n>.lab} with the target {@code sip.s<n>.lab}.
 */
class HostileSipTest extends LeakCheckedTest {
  private static final TestCertificateAuthority ROOT = TestCertificateAuthority.create("fedcheck SIP hardening root");
  private static final TestCertificateAuthority ISSUING = ROOT.intermediate("fedcheck SIP hardening issuing CA");
  private static final String DIAGNOSTICS =
      "1034;reason=\"Previous hop federated peer did not report diagnostic information\";Domain=\"s.lab\"";

  private static FederationLab lab;
  private static final Map<TlsBackend, FederationValidator> validators = new EnumMap<>(TlsBackend.class);

  /**
   * One case.
   *
   * @param name what the server does after the handshake
   * @param sip how its endpoint is set up
   * @param outcome the SIP outcome expected
   * @param verdict the verdict expected
   * @param rule the SIP rule that must stand
   */
  record SipCase(String name, Consumer<TlsEndpoint.Builder> sip, SipOutcome outcome, Verdict verdict, RuleId rule) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Consumer<TlsEndpoint.Builder> answer(Function<String, String> text) {
    return b -> b.sipAnswer(request -> text.apply(request).getBytes(StandardCharsets.ISO_8859_1));
  }

  /** A reply to {@code request} with its Call-ID and CSeq, this status line, these extra lines. */
  private static String reply(String request, String status, String extra) {
    return status + "\r\nVia: x\r\nCall-ID: " + header(request, "Call-ID") + "\r\nCSeq: 1 OPTIONS\r\n" + extra;
  }

  private static String header(String request, String name) {
    for (String line : request.split("\r\n")) {
      if (line.startsWith(name + ": ")) {
        return line.substring(name.length() + 2);
      }
    }
    return "";
  }

  private static final List<SipCase> CASES = List.of(
      new SipCase("Expressway-like 200 OK (control)", b -> { }, SipOutcome.RESPONDED, Verdict.PASS,
          RuleId.SIP_RESPONSE),
      new SipCase("HTTPS web server naming the target (issue 10)", b -> b.afterHandshake(AfterHandshake.HTTP),
          SipOutcome.NOT_SIP, Verdict.FAIL, RuleId.SIP_NOT_SPOKEN),
      new SipCase("closes right after the handshake", b -> b.afterHandshake(AfterHandshake.CLOSE),
          SipOutcome.CLOSED, Verdict.FAIL, RuleId.SIP_NOT_SPOKEN),
      new SipCase("silent after the handshake", b -> b.afterHandshake(AfterHandshake.SILENT),
          SipOutcome.NO_RESPONSE, Verdict.PASS, RuleId.SIP_NO_RESPONSE),
      new SipCase("drips its answer one byte every 200 ms",
          b -> b.afterHandshake(AfterHandshake.DRIP).dripInterval(Duration.ofMillis(200)),
          SipOutcome.NO_RESPONSE, Verdict.PASS, RuleId.SIP_NO_RESPONSE),
      new SipCase("64 KiB+ of headers", b -> b.afterHandshake(AfterHandshake.OVERSIZED),
          SipOutcome.NOT_SIP, Verdict.FAIL, RuleId.SIP_NOT_SPOKEN),
      new SipCase("10,000 headers within the cap",
          answer(r -> reply(r, "SIP/2.0 200 OK", "a:1\r\n".repeat(10_000) + "Server: many\r\nl: 0\r\n\r\n")),
          SipOutcome.RESPONDED, Verdict.PASS, RuleId.SIP_RESPONSE),
      new SipCase("no CRLF ever", answer(r -> "SIP/2.0 200 OK " + "x".repeat(100_000)),
          SipOutcome.NOT_SIP, Verdict.FAIL, RuleId.SIP_NOT_SPOKEN),
      new SipCase("NUL bytes", answer(r -> "\0".repeat(4096)),
          SipOutcome.NOT_SIP, Verdict.FAIL, RuleId.SIP_NOT_SPOKEN),
      new SipCase("Content-Length of 2^63",
          answer(r -> reply(r, "SIP/2.0 200 OK", "Content-Length: 9223372036854775808\r\n\r\nbody")),
          SipOutcome.RESPONDED, Verdict.PASS, RuleId.SIP_RESPONSE),
      new SipCase("answer to another Call-ID and CSeq",
          answer(r -> "SIP/2.0 200 OK\r\nCall-ID: not-yours@elsewhere\r\nCSeq: 7 INVITE\r\nl: 0\r\n\r\n"),
          SipOutcome.NO_RESPONSE, Verdict.PASS, RuleId.SIP_NO_RESPONSE),
      new SipCase("100 Trying, then silence",
          answer(r -> reply(r, "SIP/2.0 100 Trying", "Content-Length: 0\r\n\r\n")),
          SipOutcome.RESPONDED, Verdict.PASS, RuleId.SIP_RESPONSE),
      new SipCase("403 with ms-diagnostics",
          b -> b.sipResponse(403, "Forbidden", List.of(Map.entry("ms-diagnostics", DIAGNOSTICS),
              Map.entry("Server", "RTC/6.0"))),
          SipOutcome.RESPONDED, Verdict.PASS, RuleId.SIP_RESPONSE));

  @BeforeAll
  static void start() {
    FederationLab.Builder b = FederationLab.builder().certificateAuthority(ISSUING);
    for (int i = 0; i < CASES.size(); i++) {
      SipCase c = CASES.get(i);
      b.domain(domain(i), d -> d.srv("sip." + d.name(), t -> t.tls(s -> s.sip(c.sip()))));
    }
    lab = b.start();
    for (TlsBackend backend : TlsBackend.values()) {
      FederationValidator validator = CatalogueChecks.labValidator(lab, backend);
      validators.put(backend, validator);
      validator.validateAndWait(domain(0)); // warm up class loading and JIT before the timed cases
    }
  }

  @AfterAll
  static void stop() {
    validators.values().forEach(FederationValidator::close);
    lab.close();
  }

  static Stream<Arguments> cases() {
    return Stream.of(TlsBackend.values()).flatMap(b -> CASES.stream().map(c -> Arguments.of(b, c)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void hostileSipAnswerGetsItsOutcomeWithinTheDeadline(TlsBackend backend, SipCase c) {
    String domain = domain(CASES.indexOf(c));
    FederationReport report = validateWithin(validators.get(backend), domain, DEADLINE);
    var certificate = report.observation().targets().get(0).certificate();
    assertEquals(TlsOutcome.HANDSHAKE_COMPLETED, certificate.outcome(), () -> describe(report));
    SipExchange sip = certificate.sip();
    assertEquals(c.outcome(), sip.outcome(), () -> "SIP exchange: " + sip);
    assertTrue(sip.request().startsWith("OPTIONS sip:sip." + domain + ":"), sip.request());
    if (c.rule().defaultSeverity() == Severity.ERROR) {
      assertFinding(report, c.verdict(), c.rule(), Severity.ERROR);
    } else {
      assertEquals(c.verdict(), report.verdict(), () -> describe(report));
      assertOnlyInfo(report);
      assertEquals(1, report.findings(c.rule()).size(), () -> describe(report));
    }
  }

  @ParameterizedTest
  @EnumSource(TlsBackend.class)
  void msDiagnosticsAreExplainedAsExplainWould(TlsBackend backend) {
    int index = CASES.size() - 1;
    FederationReport report = validateWithin(validators.get(backend), domain(index), DEADLINE);
    Finding f = report.findings(RuleId.SIP_RESPONSE).get(0);
    String expected = DiagnosticsExplainer.explain("ms-diagnostics: " + DIAGNOSTICS).get(0).plainLanguage();
    assertEquals(expected, f.evidence().get("explanation"));
    assertTrue(f.message().contains("403 Forbidden from RTC/6.0"), f.message());
    assertTrue(f.message().contains(expected), f.message());
    assertEquals(DIAGNOSTICS, f.evidence().get("ms_diagnostics"));
  }

  private static String domain(int index) {
    return "s" + index + ".lab";
  }
}
