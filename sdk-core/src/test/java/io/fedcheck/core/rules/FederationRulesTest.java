package io.fedcheck.core.rules;

import static io.fedcheck.core.rules.Observations.addressAnswer;
import static io.fedcheck.core.rules.Observations.domain;
import static io.fedcheck.core.rules.Observations.evaluate;
import static io.fedcheck.core.rules.Observations.failedLookup;
import static io.fedcheck.core.rules.Observations.goodTarget;
import static io.fedcheck.core.rules.Observations.rules;
import static io.fedcheck.core.rules.Observations.target;
import static io.fedcheck.core.rules.Observations.tls;
import static io.fedcheck.core.rules.RuleCoverageTest.only;
import static io.fedcheck.core.rules.TestPki.NOW;
import static io.fedcheck.core.rules.TestPki.leaf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.DomainObservation;
import io.fedcheck.api.Finding;
import io.fedcheck.api.Policy;
import io.fedcheck.api.RecordType;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Severity;
import io.fedcheck.api.SrvRecord;
import io.fedcheck.api.TargetObservation;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The worked examples of the rule catalogue, and the SRV, address and TLS edge cases. */
class FederationRulesTest {

  /** Domain, SRV target, port, certificate SANs (none: the certificate names the target). */
  static Stream<Arguments> workedExamples() {
    return Stream.of(
        Arguments.of("example.com", "expe.example.com", List.of(), Verdict.PASS, null),
        Arguments.of("example.com", "expe.sub.example.com", List.of(), Verdict.FAIL,
            RuleId.SRV_TARGET_DOMAIN_MISMATCH),
        Arguments.of("example.com", "expe.dummy.com", List.of(), Verdict.FAIL,
            RuleId.SRV_TARGET_DOMAIN_MISMATCH),
        Arguments.of("acano.steven.lab", "vcse.steven.lab", List.of(), Verdict.FAIL,
            RuleId.SRV_TARGET_DOMAIN_MISMATCH),
        Arguments.of("cms.steven.lab", "vcse.sub.cms.steven.lab", List.of(), Verdict.FAIL,
            RuleId.SRV_TARGET_DOMAIN_MISMATCH),
        Arguments.of("cms.steven.lab", "vcse.cms.steven.lab", List.of("vcse.steven.lab"),
            Verdict.FAIL, RuleId.CERT_NAME_MISMATCH),
        Arguments.of("example.com", "sipfed.online.lync.com", List.of(), Verdict.PASS, null));
  }

  @ParameterizedTest(name = "{0} -> {1} {2}: {3} {4}")
  @MethodSource("workedExamples")
  void workedExamples(String domain, String target, List<String> sans, Verdict verdict,
      RuleId failure) {
    var chain = sans.isEmpty() ? leaf(target).chain()
        : leaf(sans.toArray(String[]::new)).chain();
    List<Finding> findings = evaluate(domain(domain,
        Observations.target(domain, target, 5061, chain)));
    assertEquals(verdict, FederationRules.verdict(findings), findings::toString);
    if (failure != null) {
      Finding f = only(findings, failure);
      assertEquals(Severity.ERROR, f.severity());
      assertEquals(target, f.subject());
      assertTrue(f.message().contains(domain) && f.message().contains(target), f.message());
      List<RuleId> errors = findings.stream().filter(x -> x.severity() == Severity.ERROR)
          .map(Finding::rule).toList();
      assertEquals(List.of(failure), errors, "each problem once");
    } else {
      assertTrue(findings.stream().noneMatch(x -> x.severity() != Severity.INFO), findings::toString);
    }
  }

  @Test
  void domainMismatchCarries1009AndAConcreteRecordToPublish() {
    Finding f = only(evaluate(domain("acano.steven.lab",
        goodTarget("acano.steven.lab", "vcse.steven.lab"))), RuleId.SRV_TARGET_DOMAIN_MISMATCH);
    assertEquals(1009, f.microsoft().msDiagnostics());
    assertEquals("0xC3E93D6F", f.microsoft().resultCode());
    assertTrue(f.remediation().contains(
        "`_sipfederationtls._tcp.acano.steven.lab. SRV 0 0 5061 vcse.acano.steven.lab.`"),
        f.remediation());
    assertTrue(f.remediation().contains("`vcse.acano.steven.lab` to the certificate's subjectAltName"),
        f.remediation());
    assertEquals("steven.lab", f.evidence().get("targetDomain"));
  }

  @Test
  void nameMismatchCarries1010AndWrongPrincipal() {
    Finding f = only(evaluate(domain("cms.steven.lab", Observations.target("cms.steven.lab",
        "vcse.cms.steven.lab", 5061, leaf("vcse.steven.lab").chain()))), RuleId.CERT_NAME_MISMATCH);
    assertEquals(1010, f.microsoft().msDiagnostics());
    assertEquals("0xC3E93D67", f.microsoft().resultCode());
    assertEquals("0x80090322", f.microsoft().hresult());
    assertTrue(f.message().contains("vcse.steven.lab"), f.message());
    assertTrue(f.remediation().contains("`vcse.cms.steven.lab`"), f.remediation());
  }

  @Test
  void hostingProviderIsInfoAndExemptFromTheExactDomainRule() {
    List<Finding> findings = evaluate(domain("example.com",
        goodTarget("example.com", "sipfed.online.lync.com")));
    assertEquals(List.of(RuleId.SRV_TARGET_HOSTING_PROVIDER), rules(findings));
    assertEquals(Severity.INFO, findings.get(0).severity());
    Policy custom = Policy.onPremises().toBuilder()
        .hostingProviders(java.util.Set.of("sip.hoster.example")).build();
    assertTrue(rules(evaluate(domain("example.com",
        goodTarget("example.com", "sipfed.online.lync.com")), custom))
        .contains(RuleId.SRV_TARGET_DOMAIN_MISMATCH));
  }

  @Test
  void oneAcceptableTargetTurnsTheOthersIntoWarnings() {
    List<Finding> findings = evaluate(domain("example.com",
        goodTarget("example.com", "expe.example.com"),
        goodTarget("example.com", "expe.sub.example.com"),
        goodTarget("example.com", "expe.dummy.com")));
    List<Finding> mismatches = findings.stream()
        .filter(f -> f.rule() == RuleId.SRV_TARGET_DOMAIN_MISMATCH).toList();
    assertEquals(2, mismatches.size(), findings::toString);
    assertTrue(mismatches.stream().allMatch(f -> f.severity() == Severity.WARNING));
    assertEquals(List.of("expe.sub.example.com", "expe.dummy.com"),
        mismatches.stream().map(Finding::subject).toList());
    assertEquals(Verdict.WARN, FederationRules.verdict(findings));
  }

  @Test
  void noAcceptableTargetIsAnErrorForEachTarget() {
    List<Finding> findings = evaluate(domain("example.com",
        goodTarget("example.com", "expe.sub.example.com"),
        goodTarget("example.com", "expe.dummy.com")));
    assertEquals(2, findings.stream().filter(f -> f.rule() == RuleId.SRV_TARGET_DOMAIN_MISMATCH
        && f.severity() == Severity.ERROR).count(), findings::toString);
  }

  @Test
  void everyTargetIsExaminedNotOnlyTheAcceptableOnes() {
    TargetObservation bad = target("example.com", "expe.dummy.com",
        addressAnswer("expe.dummy.com", "192.0.2.20"),
        tls("expe.dummy.com", "192.0.2.20", 5061, TlsOutcome.CONNECT_FAILED));
    List<Finding> findings = evaluate(domain("example.com",
        goodTarget("example.com", "expe.example.com"), bad));
    assertTrue(rules(findings).contains(RuleId.TLS_CONNECT_FAILED), findings::toString);
    assertEquals(Severity.ERROR, only(findings, RuleId.TLS_CONNECT_FAILED).severity());
  }

  @ParameterizedTest
  @EnumSource(value = DnsOutcome.class, names = {"NXDOMAIN", "NO_DATA"})
  void srvMissingOnNxdomainOrNoData(DnsOutcome outcome) {
    List<Finding> findings = evaluate(Observations.srvOutcome("example.com", outcome));
    Finding f = only(findings, RuleId.SRV_MISSING);
    assertEquals(1008, f.microsoft().msDiagnostics());
    assertEquals("_sipfederationtls._tcp.example.com", f.subject());
    assertTrue(f.remediation().contains("_sipfederationtls._tcp.example.com. SRV 0 0 5061"));
    assertEquals(Verdict.FAIL, FederationRules.verdict(findings));
  }

  @ParameterizedTest
  @EnumSource(value = DnsOutcome.class, names = {"SERVFAIL", "REFUSED", "TIMEOUT", "MALFORMED"})
  void inconclusiveSrvLookupIsUnknownNotMissing(DnsOutcome outcome) {
    List<Finding> findings = evaluate(Observations.srvOutcome("example.com", outcome));
    assertEquals(List.of(RuleId.DNS_LOOKUP_FAILED), rules(findings));
    assertEquals(Severity.WARNING, findings.get(0).severity());
    assertEquals(outcome.name(), findings.get(0).evidence().get("outcome"));
    assertEquals(Verdict.UNKNOWN, FederationRules.verdict(findings));
  }

  @ParameterizedTest
  @EnumSource(value = DnsOutcome.class, names = {"SERVFAIL", "REFUSED", "TIMEOUT", "MALFORMED"})
  void inconclusiveAddressLookupIsUnknownNotNoAddress(DnsOutcome outcome) {
    String t = "expe.example.com";
    List<Finding> findings = evaluate(domain("example.com", target("example.com", t,
        failedLookup(t, RecordType.A, outcome), tls(t, "", 5061, TlsOutcome.NOT_ATTEMPTED))));
    assertEquals(List.of(RuleId.DNS_LOOKUP_FAILED), rules(findings));
    assertEquals(t, findings.get(0).subject());
    assertEquals(Verdict.UNKNOWN, FederationRules.verdict(findings));
  }

  @Test
  void anErrorOutweighsAnIncompleteLookup() {
    String t = "expe.example.com";
    List<Finding> findings = evaluate(domain("example.com",
        target("example.com", t, failedLookup(t, RecordType.A, DnsOutcome.TIMEOUT),
            tls(t, "", 5061, TlsOutcome.NOT_ATTEMPTED)),
        target("example.com", "edge.example.com", addressAnswer("edge.example.com", "192.0.2.9"),
            tls("edge.example.com", "192.0.2.9", 5061, TlsOutcome.CONNECT_FAILED))));
    assertEquals(Verdict.FAIL, FederationRules.verdict(findings), findings::toString);
  }

  @Test
  void srvNotAvailableOnlyWhenDotIsTheOnlyTarget() {
    String srvName = DomainObservation.srvName("example.com");
    SrvRecord dot = new SrvRecord(srvName, 0, 0, 0, ".", 300);
    DnsQuery q = new DnsQuery(srvName, RecordType.SRV, Observations.T);
    List<Finding> findings = evaluate(new DomainObservation("example.com",
        DnsResult.answer(q, List.of(dot), Duration.ZERO), List.of(), 1));
    assertEquals(List.of(RuleId.SRV_NOT_AVAILABLE), rules(findings));
    assertEquals(1008, findings.get(0).microsoft().msDiagnostics());
    TargetObservation good = goodTarget("example.com", "expe.example.com");
    List<Finding> mixed = evaluate(new DomainObservation("example.com",
        DnsResult.answer(q, List.of(good.srv(), dot), Duration.ZERO), List.of(good), 2));
    assertEquals(List.of(), mixed);
  }

  @Test
  void aaaaOnlyTargetHasNoAddress() {
    String t = "expe.example.com";
    List<Finding> findings = evaluate(domain("example.com", target("example.com", t,
        addressAnswer(t, "2001:db8::10"), tls(t, "", 5061, TlsOutcome.NOT_ATTEMPTED))));
    Finding f = only(findings, RuleId.SRV_TARGET_NO_ADDRESS);
    assertTrue(f.message().contains("IPv6 addresses only") && f.message().contains("needs an IPv4 address"), f.message());
    assertTrue(f.remediation().contains("`expe.example.com. A "), f.remediation());
  }

  @Test
  void nxdomainTargetHasNoAddress() {
    String t = "expe.example.com";
    List<Finding> findings = evaluate(domain("example.com", target("example.com", t,
        failedLookup(t, RecordType.A, DnsOutcome.NXDOMAIN),
        tls(t, "", 5061, TlsOutcome.NOT_ATTEMPTED))));
    assertEquals(List.of(RuleId.SRV_TARGET_NO_ADDRESS), rules(findings));
  }

  @ParameterizedTest
  @MethodSource("nonPublic")
  void nonPublicAddressesAreErrorsUnlessThePolicyAllowsThem(String ip) {
    String t = "expe.example.com";
    DomainObservation o = domain("example.com", target("example.com", t, addressAnswer(t, ip),
        tls(t, ip, 5061, TlsOutcome.NOT_ATTEMPTED)));
    assertEquals(Severity.ERROR, only(evaluate(o), RuleId.TARGET_ADDRESS_NOT_PUBLIC).severity());
    Policy lab = Policy.onPremises().toBuilder().allowPrivateAddresses(true).build();
    List<Finding> labFindings = evaluate(o, lab);
    assertEquals(Severity.INFO, only(labFindings, RuleId.TARGET_ADDRESS_NOT_PUBLIC).severity());
    assertEquals(Verdict.PASS, FederationRules.verdict(labFindings));
  }

  static Stream<String> nonPublic() {
    return Stream.of("127.0.0.1", "10.0.0.1", "172.16.5.5", "192.168.1.1", "169.254.10.10",
        "100.64.0.1");
  }

  @ParameterizedTest
  @MethodSource("neverConnectable")
  void neverConnectableAddressesStayErrorsEvenWhenThePolicyAllowsPrivateOnes(String ip) {
    String t = "expe.example.com";
    DomainObservation o = domain("example.com", target("example.com", t, addressAnswer(t, ip),
        tls(t, ip, 5061, TlsOutcome.NOT_ATTEMPTED)));
    Policy lab = Policy.onPremises().toBuilder().allowPrivateAddresses(true).build();
    List<Finding> labFindings = evaluate(o, lab);
    Finding f = only(labFindings, RuleId.TARGET_ADDRESS_NOT_PUBLIC);
    assertEquals(Severity.ERROR, f.severity(), "the guard refuses it, so it was not checked");
    assertEquals(Verdict.FAIL, FederationRules.verdict(labFindings));
  }

  static Stream<String> neverConnectable() {
    return Stream.of("0.0.0.0", "169.254.169.254", "224.0.0.1", "255.255.255.255");
  }

  @Test
  void aPublicAddressAmongPrivateOnesIsEnough() {
    String t = "expe.example.com";
    List<Finding> findings = evaluate(domain("example.com", target("example.com", t,
        addressAnswer(t, "10.0.0.1", "192.0.2.10"),
        Observations.handshake(t, "192.0.2.10", 5061, leaf(t).chain()))));
    assertEquals(List.of(), findings);
  }

  @Test
  void notAttemptedTlsYieldsNoTlsFinding() {
    String t = "expe.example.com";
    List<Finding> findings = evaluate(domain("example.com", target("example.com", t,
        addressAnswer(t, "192.0.2.10"), tls(t, "192.0.2.10", 5061, TlsOutcome.NOT_ATTEMPTED))));
    assertEquals(List.of(), findings);
  }

  @Test
  void anOldProtocolIsAHandshakeFailure() {
    String t = "expe.example.com";
    CertificateObservation old = new CertificateObservation(t, "192.0.2.10", 5061,
        TlsOutcome.HANDSHAKE_COMPLETED, leaf(t).chain(), "TLSv1.1", "X", false, "",
        Duration.ZERO);
    List<Finding> findings = evaluate(domain("example.com",
        target("example.com", t, addressAnswer(t, "192.0.2.10"), old)));
    assertEquals(List.of(RuleId.TLS_HANDSHAKE_FAILED), rules(findings));
    assertTrue(findings.get(0).message().contains("TLSv1.1"));
  }

  @Test
  void portOtherThan5061IsInfo() {
    Finding f = only(evaluate(domain("example.com",
        Observations.target("example.com", "expe.example.com", 5062,
            leaf("expe.example.com").chain()))), RuleId.SRV_PORT_UNUSUAL);
    assertEquals(Severity.INFO, f.severity());
    assertEquals("5062", f.evidence().get("port"));
  }

  @Test
  void targetsBeyondTheCapAreReportedAndStillJudgedByTheExactDomainRule() {
    String srvName = DomainObservation.srvName("example.com");
    TargetObservation examined = goodTarget("example.com", "expe.example.com");
    SrvRecord skipped = new SrvRecord(srvName, 10, 0, 5061, "edge.dummy.com", 300);
    DnsQuery q = new DnsQuery(srvName, RecordType.SRV, Observations.T);
    List<Finding> findings = evaluate(new DomainObservation("example.com",
        DnsResult.answer(q, List.of(examined.srv(), skipped), Duration.ZERO), List.of(examined),
        2));
    Finding cap = only(findings, RuleId.DNS_LOOKUP_FAILED);
    assertEquals(Severity.INFO, cap.severity());
    assertTrue(cap.message().contains("edge.dummy.com:5061"), cap.message());
    Finding mismatch = only(findings, RuleId.SRV_TARGET_DOMAIN_MISMATCH);
    assertEquals(Severity.WARNING, mismatch.severity());
    assertEquals(Verdict.WARN, FederationRules.verdict(findings));
  }

  @Test
  void inputsAreNotModifiedAndResultsRepeat() {
    DomainObservation o = domain("cms.steven.lab", Observations.target("cms.steven.lab",
        "vcse.cms.steven.lab", 5062, leaf("vcse.steven.lab").chain()));
    List<Finding> first = evaluate(o);
    List<Finding> second = evaluate(o);
    assertEquals(first, second);
    assertFalse(first.isEmpty());
  }

  @Test
  void verdictAggregation() {
    Finding error = Finding.of(RuleId.SRV_MISSING, "x", "m", "r", null);
    Finding warning = Finding.of(RuleId.CERT_NAME_WILDCARD, "x", "m", "r", null);
    Finding info = Finding.of(RuleId.SRV_PORT_UNUSUAL, "x", "m", "r", null);
    Finding lookup = Finding.of(RuleId.DNS_LOOKUP_FAILED, "x", "m", "r", null);
    assertEquals(Verdict.PASS, FederationRules.verdict(List.of()));
    assertEquals(Verdict.PASS, FederationRules.verdict(List.of(info)));
    assertEquals(Verdict.WARN, FederationRules.verdict(List.of(info, warning)));
    assertEquals(Verdict.UNKNOWN, FederationRules.verdict(List.of(warning, lookup)));
    assertEquals(Verdict.FAIL, FederationRules.verdict(List.of(lookup, error)));
    assertEquals(Verdict.PASS, FederationRules.verdict(List.of(lookup.withSeverity(Severity.INFO))));
  }

  @Test
  void sortingIsStableWithinASeverity() {
    List<TargetObservation> targets = new ArrayList<>();
    for (String t : List.of("a.dummy.com", "b.dummy.com", "c.dummy.com")) {
      targets.add(Observations.target("example.com", t, 5062, leaf(t).chain()));
    }
    List<Finding> findings = evaluate(domain("example.com",
        targets.toArray(TargetObservation[]::new)));
    List<String> errors = findings.stream().filter(f -> f.severity() == Severity.ERROR)
        .map(Finding::subject).toList();
    List<String> infos = findings.stream().filter(f -> f.severity() == Severity.INFO)
        .map(Finding::subject).toList();
    assertEquals(List.of("a.dummy.com", "b.dummy.com", "c.dummy.com"), errors);
    assertEquals(List.of("a.dummy.com", "b.dummy.com", "c.dummy.com"), infos);
    assertEquals(Severity.ERROR, findings.get(0).severity());
    assertEquals(Severity.INFO, findings.get(findings.size() - 1).severity());
  }

  @Test
  void microsoft365RequiresAPublicCa() {
    DomainObservation o = domain("example.com", goodTarget("example.com", "expe.example.com"));
    Finding onPrem = only(FederationRules.evaluate(o, Policy.onPremises(), NOW,
        Observations.PRIVATE_TEST_ROOT), RuleId.CERT_PRIVATE_CA);
    assertEquals(Severity.INFO, onPrem.severity());
    Finding m365 = only(FederationRules.evaluate(o, Policy.microsoft365(), NOW,
        Observations.PRIVATE_TEST_ROOT), RuleId.CERT_PRIVATE_CA);
    assertEquals(Severity.ERROR, m365.severity());
    assertEquals(1010, m365.microsoft().msDiagnostics());
    assertEquals(List.of(), FederationRules.evaluate(o, Policy.microsoft365(), NOW,
        Observations.PUBLIC_TEST_ROOT));
  }
}
