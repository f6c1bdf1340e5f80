package io.fedcheck.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Finding;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Verdict;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A report whose rules could not run is UNKNOWN and says why: never an UNKNOWN without a finding. */
class BrokenPipelineReportTest extends FakeBackendsTest {
  @Test
  void throwingTrustEvaluatorGivesUnknownWithAFindingCarryingTheCause() throws Exception {
    dns.srv("example.com", 0, 0, 5061, "expe.example.com");
    dns.a("expe.example.com", "52.112.0.1");
    tls.on("expe.example.com", 5061).present(TestCertificates.selfSigned("expe.example.com"));
    validator = FederationValidators.builder().resolver(dns).inspector(tls)
        .trustEvaluator((chain, at) -> {
          throw new IllegalStateException("trust store unreadable");
        })
        .build();

    FederationReport r = validator.validate("example.com").toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertEquals(Verdict.UNKNOWN, r.verdict());
    assertFalse(r.findings().isEmpty(), "an UNKNOWN must carry its cause");
    Finding f = r.findings(RuleId.DNS_LOOKUP_FAILED).get(0);
    assertTrue(f.evidence().get("error").contains("trust store unreadable"), f.evidence().toString());
    assertTrue(f.message().contains("example.com"), f.message());
  }
}
