package io.fedcheck.core.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.DomainObservation;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.api.Finding;
import io.fedcheck.api.Policy;
import io.fedcheck.api.ResolverOptions;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Verdict;
import io.fedcheck.core.FederationValidators;
import io.fedcheck.core.rules.CachingTrustEvaluator;
import io.fedcheck.core.rules.FederationRules;
import io.fedcheck.core.rules.PkixTrustEvaluator;
import io.fedcheck.testkit.FederationLab;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the README's "Using the SDK" examples true: the same calls, against a lab. */
class ReadmeExampleTest {

  @Test
  void theReadmeExamplesWorkAgainstALab() {
    try (FederationLab lab = FederationLab.builder()
        .domain("cms.steven.lab", d -> d.srv("vcse.cms.steven.lab").certificateNames("vcse.steven.lab"))
        .start()) {
      Policy policy = Policy.onPremises().toBuilder()
          .allowPrivateAddresses(true).extraTrustAnchors(lab.trustAnchors()).build();
      FederationReport report;
      try (FederationValidator validator = FederationValidators.builder()
          .policy(policy)
          .deadline(Duration.ofSeconds(10))
          .resolverOptions(ResolverOptions.ofDefaults().withServers(List.of(lab.dnsServer())))
          .clock(lab.clock())
          .build()) {
        report = validator.validateAndWait("cms.steven.lab");
      }
      assertEquals(Verdict.FAIL, report.verdict());
      Finding first = report.findings().get(0);
      assertEquals(RuleId.CERT_NAME_MISMATCH, first.rule());
      assertTrue(first.microsoftDiagnostic().isPresent());

      // The rules as pure functions: the same observation gives the same findings.
      DomainObservation observation = report.observation();
      List<Finding> findings = FederationRules.evaluate(observation, policy, report.checkedAt(),
          CachingTrustEvaluator.of(PkixTrustEvaluator.forPolicy(policy)));
      assertEquals(report.findings(), findings);
      assertEquals(Verdict.FAIL, FederationRules.verdict(findings));
    }
  }
}
