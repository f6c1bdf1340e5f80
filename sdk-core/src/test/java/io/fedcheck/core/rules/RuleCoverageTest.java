package io.fedcheck.core.rules;

import static io.fedcheck.core.rules.Observations.addressAnswer;
import static io.fedcheck.core.rules.Observations.aliasAnswer;
import static io.fedcheck.core.rules.Observations.domain;
import static io.fedcheck.core.rules.Observations.evaluate;
import static io.fedcheck.core.rules.Observations.goodTarget;
import static io.fedcheck.core.rules.Observations.handshake;
import static io.fedcheck.core.rules.Observations.rules;
import static io.fedcheck.core.rules.Observations.srvOutcome;
import static io.fedcheck.core.rules.Observations.target;
import static io.fedcheck.core.rules.Observations.tls;
import static io.fedcheck.core.rules.TestPki.NOW;
import static io.fedcheck.core.rules.TestPki.leaf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.DomainObservation;
import io.fedcheck.api.Finding;
import io.fedcheck.api.Policy;
import io.fedcheck.api.RecordType;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Severity;
import io.fedcheck.api.SipOutcome;
import io.fedcheck.api.SrvRecord;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.Verdict;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One scenario per rule id: each would fail if its rule were removed. The control scenario shows
 * that a correct domain raises none of them.
 */
class RuleCoverageTest {
  private static final String D = "example.com";
  private static final String T = "expe.example.com";

  private static final Map<RuleId, Supplier<List<Finding>>> SCENARIOS = scenarios();

  private static Map<RuleId, Supplier<List<Finding>>> scenarios() {
    Map<RuleId, Supplier<List<Finding>>> m = new EnumMap<>(RuleId.class);
    m.put(RuleId.DOMAIN_INVALID, () -> List.of(DomainNames.normalize("exa mple.com").problem()));
    m.put(RuleId.SRV_MISSING, () -> evaluate(srvOutcome(D, DnsOutcome.NXDOMAIN)));
    m.put(RuleId.SRV_NOT_AVAILABLE, () -> {
      DnsQuery q = new DnsQuery(DomainObservation.srvName(D), RecordType.SRV, Observations.T);
      SrvRecord dot = new SrvRecord(DomainObservation.srvName(D), 0, 0, 0, ".", 300);
      return evaluate(new DomainObservation(D, DnsResult.answer(q, List.of(dot), Duration.ZERO),
          List.of(), 1));
    });
    m.put(RuleId.SRV_TARGET_DOMAIN_MISMATCH,
        () -> evaluate(domain("acano.steven.lab", goodTarget("acano.steven.lab", "vcse.steven.lab"))));
    m.put(RuleId.SRV_TARGET_HOSTING_PROVIDER,
        () -> evaluate(domain(D, goodTarget(D, "sipfed.online.lync.com"))));
    m.put(RuleId.SRV_TARGET_IS_ALIAS, () -> evaluate(domain(D, target(D, T,
        aliasAnswer(T, "edge.hoster.net", "192.0.2.10"),
        handshake(T, "192.0.2.10", 5061, leaf(T).chain())))));
    m.put(RuleId.SRV_TARGET_NO_ADDRESS, () -> evaluate(domain(D, target(D, T, addressAnswer(T),
        tls(T, "", 5061, TlsOutcome.NOT_ATTEMPTED)))));
    m.put(RuleId.TARGET_ADDRESS_NOT_PUBLIC, () -> evaluate(domain(D, target(D, T,
        addressAnswer(T, "10.1.2.3"), tls(T, "10.1.2.3", 5061, TlsOutcome.NOT_ATTEMPTED)))));
    m.put(RuleId.SRV_PORT_UNUSUAL,
        () -> evaluate(domain(D, Observations.target(D, T, 443, leaf(T).chain()))));
    m.put(RuleId.TLS_CONNECT_FAILED, () -> evaluate(domain(D, target(D, T,
        addressAnswer(T, "192.0.2.10"), tls(T, "192.0.2.10", 5061, TlsOutcome.CONNECT_FAILED)))));
    m.put(RuleId.TLS_HANDSHAKE_FAILED, () -> evaluate(domain(D, target(D, T,
        addressAnswer(T, "192.0.2.10"),
        tls(T, "192.0.2.10", 5061, TlsOutcome.HANDSHAKE_FAILED)))));
    m.put(RuleId.CERT_NAME_MISMATCH,
        () -> evaluate(domain(D, Observations.target(D, T, 5061, leaf("other.example.com").chain()))));
    m.put(RuleId.CERT_NAME_WILDCARD,
        () -> evaluate(domain(D, Observations.target(D, T, 5061, leaf("*.example.com").chain()))));
    m.put(RuleId.CERT_UNTRUSTED,
        () -> evaluate(domain(D, Observations.target(D, T, 5061, leaf(T).selfSigned().chain()))));
    m.put(RuleId.CERT_PRIVATE_CA, () -> FederationRules.evaluate(domain(D, goodTarget(D, T)),
        Policy.onPremises(), NOW, Observations.PRIVATE_TEST_ROOT));
    m.put(RuleId.CERT_EXPIRED, () -> evaluate(domain(D, Observations.target(D, T, 5061,
        leaf(T).validity(NOW.minus(Duration.ofDays(90)), NOW.minusSeconds(1)).chain()))));
    m.put(RuleId.CERT_NOT_YET_VALID, () -> evaluate(domain(D, Observations.target(D, T, 5061,
        leaf(T).validity(NOW.plusSeconds(1), NOW.plus(Duration.ofDays(90))).chain()))));
    m.put(RuleId.CERT_EXPIRING_SOON, () -> evaluate(domain(D, Observations.target(D, T, 5061,
        leaf(T).validity(NOW.minus(Duration.ofDays(80)), NOW.plus(Duration.ofDays(10))).chain()))));
    m.put(RuleId.CERT_NO_SERVER_AUTH_EKU, () -> evaluate(domain(D, Observations.target(D, T, 5061,
        leaf(T).eku(KeyPurposeId.id_kp_clientAuth).chain()))));
    m.put(RuleId.CERT_NO_CLIENT_AUTH_EKU, () -> evaluate(domain(D, Observations.target(D, T, 5061,
        leaf(T).eku(KeyPurposeId.id_kp_serverAuth).chain()))));
    m.put(RuleId.CERT_WEAK_KEY, () -> evaluate(domain(D, Observations.target(D, T, 5061,
        leaf(T).keys(TestPki.rsa(1024)).chain()))));
    m.put(RuleId.CERT_WEAK_SIGNATURE, () -> evaluate(domain(D, Observations.target(D, T, 5061,
        leaf(T).signature("SHA1withECDSA").chain()))));
    m.put(RuleId.DNS_LOOKUP_FAILED, () -> evaluate(srvOutcome(D, DnsOutcome.SERVFAIL)));
    m.put(RuleId.SIP_NOT_SPOKEN, () -> evaluate(domain(D, SipRulesTest.sipTarget(D, T,
        SipRulesTest.exchange(SipOutcome.NOT_SIP, 0, "", "an HTTP answer, not SIP: HTTP/1.1 400"), false))));
    m.put(RuleId.SIP_NO_RESPONSE, () -> evaluate(domain(D, SipRulesTest.sipTarget(D, T,
        SipRulesTest.exchange(SipOutcome.NO_RESPONSE, 0, "", "no answer before the deadline"), false))));
    m.put(RuleId.SIP_RESPONSE, () -> evaluate(domain(D, SipRulesTest.sipTarget(D, T,
        SipRulesTest.exchange(SipOutcome.RESPONDED, 200, "OK", ""), false))));
    return m;
  }

  @ParameterizedTest
  @EnumSource(RuleId.class)
  void everyRuleHasAScenarioThatRaisesIt(RuleId rule) {
    assertTrue(SCENARIOS.containsKey(rule), "no scenario for " + rule);
    List<Finding> findings = SCENARIOS.get(rule).get();
    List<Finding> mine = findings.stream().filter(f -> f.rule() == rule).toList();
    assertFalse(mine.isEmpty(), rule + " not raised; got " + rules(findings));
    for (Finding f : mine) {
      assertEquals(rule.microsoft().orElse(null), f.microsoft(), "diagnostic of " + rule);
      assertFalse(f.subject().isBlank());
      assertFalse(f.remediation().isBlank(), "remediation of " + rule);
      assertTrue(f.message().contains(f.subject()) || rule == RuleId.DOMAIN_INVALID,
          "message names the subject: " + f.message());
      assertFalse(f.evidence().isEmpty(), "evidence of " + rule);
    }
  }

  @ParameterizedTest
  @EnumSource(RuleId.class)
  void findingsComeMostSevereFirst(RuleId rule) {
    List<Finding> findings = SCENARIOS.get(rule).get();
    for (int i = 1; i < findings.size(); i++) {
      assertTrue(findings.get(i - 1).severity().compareTo(findings.get(i).severity()) <= 0,
          "order: " + findings);
    }
  }

  @Test
  void aCorrectDomainRaisesNothing() {
    List<Finding> findings = evaluate(domain(D, goodTarget(D, T)));
    assertEquals(List.of(), findings);
    assertEquals(Verdict.PASS, FederationRules.verdict(findings));
  }

  @Test
  void severitiesFollowTheCatalogue() {
    assertEquals(Severity.ERROR,
        only(SCENARIOS.get(RuleId.CERT_NAME_MISMATCH).get(), RuleId.CERT_NAME_MISMATCH).severity());
    assertEquals(Severity.WARNING,
        only(SCENARIOS.get(RuleId.CERT_NAME_WILDCARD).get(), RuleId.CERT_NAME_WILDCARD).severity());
    assertEquals(Severity.INFO,
        only(SCENARIOS.get(RuleId.SRV_PORT_UNUSUAL).get(), RuleId.SRV_PORT_UNUSUAL).severity());
    assertEquals(Severity.WARNING,
        only(SCENARIOS.get(RuleId.DNS_LOOKUP_FAILED).get(), RuleId.DNS_LOOKUP_FAILED).severity());
    assertEquals(Verdict.UNKNOWN,
        FederationRules.verdict(SCENARIOS.get(RuleId.DNS_LOOKUP_FAILED).get()));
  }

  static Finding only(List<Finding> findings, RuleId rule) {
    List<Finding> mine = findings.stream().filter(f -> f.rule() == rule).toList();
    assertEquals(1, mine.size(), "exactly one " + rule + " in " + findings);
    return mine.get(0);
  }
}
