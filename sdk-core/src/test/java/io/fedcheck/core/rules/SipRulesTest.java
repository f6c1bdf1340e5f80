package io.fedcheck.core.rules;

import static io.fedcheck.core.rules.Observations.ELAPSED;
import static io.fedcheck.core.rules.Observations.addressAnswer;
import static io.fedcheck.core.rules.Observations.srv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.Finding;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Severity;
import io.fedcheck.api.SipExchange;
import io.fedcheck.api.SipOutcome;
import io.fedcheck.api.TargetObservation;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.core.diagnostics.DiagnosticsExplainer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The SIP rules, table-driven on built exchanges: each outcome to its rule and severity. */
class SipRulesTest {
  private static final String D = "example.com";
  private static final String T = "expe.example.com";

  static SipExchange exchange(SipOutcome outcome, int status, String reason, String detail) {
    return exchange(outcome, status, reason, detail, Map.of(), outcome == SipOutcome.NOT_SIP ? "HTTP/1.1 400" : "");
  }

  static SipExchange exchange(SipOutcome outcome, int status, String reason, String detail,
      Map<String, List<String>> headers, String excerpt) {
    return new SipExchange(outcome, status, reason, headers, "OPTIONS sip:" + T + ":5061;transport=tls SIP/2.0\r\n",
        excerpt, detail, ELAPSED);
  }

  /** A target with a public address, a completed handshake and {@code sip} after it. */
  static TargetObservation sipTarget(String domain, String fqdn, SipExchange sip, boolean clientCertificateRequested) {
    CertificateObservation c = new CertificateObservation(fqdn, "192.0.2.10", 5061, TlsOutcome.HANDSHAKE_COMPLETED,
        TestPki.leaf(fqdn).chain(), "TLSv1.3", "TLS_AES_128_GCM_SHA256", clientCertificateRequested, "", ELAPSED, sip);
    return new TargetObservation(srv(domain, fqdn, 5061), addressAnswer(fqdn, "192.0.2.10"), c);
  }

  private static List<Finding> sip(SipExchange sip, boolean clientCertificateRequested) {
    return SipRules.evaluate(D, sipTarget(D, T, sip, clientCertificateRequested));
  }

  @ParameterizedTest(name = "{0} (client certificate asked: {1}) -> {2} {3}")
  @CsvSource({
      "RESPONDED,   false, SIP_RESPONSE,    INFO",
      "RESPONDED,   true,  SIP_RESPONSE,    INFO",
      "NOT_SIP,     false, SIP_NOT_SPOKEN,  ERROR",
      "NOT_SIP,     true,  SIP_NOT_SPOKEN,  ERROR",
      "CLOSED,      false, SIP_NOT_SPOKEN,  ERROR",
      "CLOSED,      true,  SIP_NO_RESPONSE, INFO",
      "NO_RESPONSE, false, SIP_NO_RESPONSE, INFO",
  })
  void outcomeGivesItsRule(SipOutcome outcome, boolean asked, RuleId rule, Severity severity) {
    int status = outcome == SipOutcome.RESPONDED ? 404 : 0;
    List<Finding> findings = sip(exchange(outcome, status, "Not Found", "why"), asked);
    assertEquals(1, findings.size(), findings.toString());
    assertEquals(rule, findings.get(0).rule());
    assertEquals(severity, findings.get(0).severity());
    assertTrue(findings.get(0).message().contains(T + ":5061"), findings.get(0).message());
  }

  @Test
  void notSipSaysAMicrosoftEdgeFailsWith504() {
    Finding f = sip(exchange(SipOutcome.NOT_SIP, 0, "", "an HTTP answer, not SIP"), false).get(0);
    assertTrue(f.message().contains("504 Server time-out"), f.message());
    assertEquals("HTTP/1.1 400", f.evidence().get("first_line"));
    assertEquals(RuleId.SIP_NOT_SPOKEN.microsoft().orElseThrow(), f.microsoft());
  }

  @Test
  void tlsAlertAfterAClientCertificateRequestIsNoResponseWithAdvice() {
    SipExchange alert = exchange(SipOutcome.NOT_SIP, 0, "", "Received fatal alert: certificate_required", Map.of(), "");
    Finding f = sip(alert, true).get(0);
    assertEquals(RuleId.SIP_NO_RESPONSE, f.rule());
    assertTrue(f.remediation().contains("--client-cert"), f.remediation());
  }

  @Test
  void noResponseSaysSomeEdgesIgnoreUnknownPeers() {
    Finding f = sip(exchange(SipOutcome.NO_RESPONSE, 0, "", ""), false).get(0);
    assertTrue(f.message().contains("ignore OPTIONS from peers they do not know"), f.message());
  }

  @Test
  void responseNamesStatusProductAndExplainsMsDiagnostics() {
    String diagnostics = "1010;reason=\"Certificate trust with another server could not be established\"";
    SipExchange answered = exchange(SipOutcome.RESPONDED, 403, "Forbidden", "",
        Map.of("server", List.of("RTC/6.0"), "allow", List.of("INVITE,OPTIONS"), "ms-diagnostics", List.of(diagnostics)),
        "SIP/2.0 403 Forbidden");
    Finding f = sip(answered, false).get(0);
    String explained = DiagnosticsExplainer.explain("ms-diagnostics: " + diagnostics).get(0).plainLanguage();
    assertTrue(f.message().startsWith(T + ":5061 (SRV target of " + D + ") answered SIP OPTIONS with 403 Forbidden from RTC/6.0."),
        f.message());
    assertTrue(f.message().contains(explained), f.message());
    assertEquals("403", f.evidence().get("status"));
    assertEquals("RTC/6.0", f.evidence().get("server"));
    assertEquals("INVITE,OPTIONS", f.evidence().get("allow"));
    assertEquals(diagnostics, f.evidence().get("ms_diagnostics"));
    assertEquals(explained, f.evidence().get("explanation"));
  }

  @Test
  void notAttemptedGivesNothing() {
    assertEquals(List.of(), sip(SipExchange.notAttempted("probe off"), false));
  }
}
