package io.fedcheck.core.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.api.Policy;
import io.fedcheck.api.ResolverOptions;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Severity;
import io.fedcheck.api.Verdict;
import io.fedcheck.core.FederationValidators;
import io.fedcheck.testkit.FederationLab;
import io.fedcheck.testkit.SeedLab;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seed document's lab, checked through the real validator with each DNS backend (dnsjava and
 * JNDI, found by their provider names) and the JSSE inspector: every domain gets the verdict and
 * the rules of RULES.md's worked examples.
 */
class SeedLabEndToEndTest {
  private static FederationLab lab;

  @BeforeAll
  static void startLab() {
    lab = SeedLab.start();
  }

  @AfterAll
  static void stopLab() {
    lab.close();
  }

  private static FederationValidator validator(String resolver) {
    return FederationValidators.builder()
        .resolverName(resolver)
        .resolverOptions(ResolverOptions.ofDefaults().withServers(List.of(lab.dnsServer())))
        .inspectorName("jsse")
        .policy(Policy.onPremises().toBuilder()
            .allowPrivateAddresses(true)
            .extraTrustAnchors(lab.trustAnchors())
            .build())
        .clock(lab.clock())
        .deadline(Duration.ofSeconds(20))
        .build();
  }

  @ParameterizedTest(name = "resolver {0}")
  @ValueSource(strings = {"dnsjava", "jdk"})
  void everySeedDomainGetsTheVerdictAndRulesOfTheWorkedExamples(String resolver) {
    try (FederationValidator validator = validator(resolver)) {
      for (String domain : lab.domains()) {
        FederationReport report = validator.validateAndWait(domain);
        assertEquals(lab.expectedVerdict(domain).orElseThrow(), report.verdict(), domain + ": " + report.findings());
        Set<RuleId> found = report.findings().stream().map(f -> f.rule()).collect(Collectors.toSet());
        assertTrue(found.containsAll(lab.expectedRules(domain)), domain + ": expected " + lab.expectedRules(domain)
            + " in " + found);
        Set<RuleId> errors = report.findings().stream().filter(f -> f.severity() == Severity.ERROR)
            .map(f -> f.rule()).collect(Collectors.toSet());
        assertEquals(lab.expectedRules(domain).stream().filter(r -> r.defaultSeverity() == Severity.ERROR)
            .collect(Collectors.toSet()), errors, domain + ": only the expected errors");
      }
    }
  }

  @ParameterizedTest(name = "resolver {0}")
  @ValueSource(strings = {"dnsjava", "jdk"})
  void theSeedsFailuresCarryMicrosoftsDiagnostics(String resolver) {
    try (FederationValidator validator = validator(resolver)) {
      FederationReport acano = validator.validateAndWait("acano.steven.lab");
      assertEquals(1009, acano.findings(RuleId.SRV_TARGET_DOMAIN_MISMATCH).get(0).microsoft().msDiagnostics());
      assertEquals("vcse.steven.lab", acano.findings(RuleId.SRV_TARGET_DOMAIN_MISMATCH).get(0).subject());
      FederationReport cms = validator.validateAndWait("CMS.Steven.Lab.");
      assertEquals("cms.steven.lab", cms.asciiDomain());
      assertEquals(Verdict.FAIL, cms.verdict());
      assertEquals(1010, cms.findings(RuleId.CERT_NAME_MISMATCH).get(0).microsoft().msDiagnostics());
      assertEquals("0xC3E93D67", cms.findings(RuleId.CERT_NAME_MISMATCH).get(0).microsoft().resultCode());
      assertEquals("0x80090322", cms.findings(RuleId.CERT_NAME_MISMATCH).get(0).microsoft().hresult());
      assertFalse(cms.observation().targets().get(0).certificate().chain().isEmpty());
    }
  }

  @ParameterizedTest(name = "resolver {0}")
  @ValueSource(strings = {"dnsjava", "jdk"})
  void withoutTheOptInNoLoopbackTargetIsConnectedTo(String resolver) {
    int before = lab.endpoint("expe.example.com").orElseThrow().acceptedConnections();
    try (FederationValidator validator = FederationValidators.builder()
        .resolverName(resolver)
        .resolverOptions(ResolverOptions.ofDefaults().withServers(List.of(lab.dnsServer())))
        .inspectorName("jsse")
        .policy(Policy.onPremises().toBuilder().extraTrustAnchors(lab.trustAnchors()).build())
        .clock(lab.clock())
        .build()) {
      FederationReport report = validator.validateAndWait("example.com");
      assertEquals(Verdict.FAIL, report.verdict());
      assertEquals(Severity.ERROR, report.findings(RuleId.TARGET_ADDRESS_NOT_PUBLIC).get(0).severity());
    }
    assertEquals(before, lab.endpoint("expe.example.com").orElseThrow().acceptedConnections(), "no connection was made");
  }
}
