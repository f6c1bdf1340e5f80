package com.example.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Policy;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Verdict;
import io.fedcheck.testkit.FederationLab;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedder's own test, on fedcheck's test kit: a lab with one healthy and one broken domain. */
class FederationCheckTest {

  @Test
  void findsTheCertificateThatDoesNotNameTheEdge() {
    try (FederationLab lab = FederationLab.builder()
        .domain("cms.steven.lab", d -> d.srv("vcse.cms.steven.lab").certificateNames("vcse.steven.lab"))
        .domain("good.steven.lab", d -> d.srv("sip.good.steven.lab"))
        .start()) {
      Policy policy = Policy.onPremises().toBuilder()
          .allowPrivateAddresses(true).extraTrustAnchors(lab.trustAnchors()).build();

      FederationReport broken = FederationCheck.check("cms.steven.lab", policy, List.of(lab.dnsServer()));
      assertEquals(Verdict.FAIL, broken.verdict());
      assertEquals(RuleId.CERT_NAME_MISMATCH, broken.findings().get(0).rule());
      assertTrue(broken.findings().get(0).microsoftDiagnostic().isPresent());
      assertEquals(Verdict.FAIL, FederationCheck.reevaluate(broken.observation(), policy, broken.checkedAt()));

      FederationReport good = FederationCheck.check("good.steven.lab", policy, List.of(lab.dnsServer()));
      assertTrue(good.verdict() == Verdict.PASS || good.verdict() == Verdict.WARN, good.toString());
    }
  }
}
