package com.example.federation;

import io.fedcheck.api.DomainObservation;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.api.Finding;
import io.fedcheck.api.Policy;
import io.fedcheck.api.ResolverOptions;
import io.fedcheck.api.Verdict;
import io.fedcheck.core.FederationValidators;
import io.fedcheck.core.rules.CachingTrustEvaluator;
import io.fedcheck.core.rules.FederationRules;
import io.fedcheck.core.rules.PkixTrustEvaluator;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What a vendor's product does with fedcheck: check a domain, show why it fails, re-run the rules. */
public final class FederationCheck {
  private FederationCheck() {}

  /** Validates one domain through the given DNS servers and prints its findings. */
  public static FederationReport check(String domain, Policy policy, List<InetSocketAddress> dnsServers) {
    try (FederationValidator validator = FederationValidators.builder()
        .policy(policy)                                // Policy.microsoft365() or Policy.onPremises(), adjusted
        .deadline(Duration.ofSeconds(10))              // per domain; a report always comes back in time
        .resolverOptions(ResolverOptions.ofDefaults().withServers(dnsServers))
        .build()) {                                    // dnsjava + JSSE, discovered on the classpath
      FederationReport report = validator.validateAndWait(domain);
      System.out.println(report.verdict());            // PASS, WARN, FAIL or UNKNOWN
      for (Finding f : report.findings()) {            // most severe first
        System.out.println(f.severity() + " " + f.rule() + " " + f.subject() + ": " + f.message());
        f.microsoftDiagnostic().ifPresent(ms -> System.out.println("  Microsoft shows: " + ms.text()));
        System.out.println("  fix: " + f.remediation());
      }
      return report;
    }
  }

  /** The rules as pure functions: the same observation and time give the same findings. */
  public static Verdict reevaluate(DomainObservation observation, Policy policy, Instant now) {
    var trustEvaluator = CachingTrustEvaluator.of(PkixTrustEvaluator.forPolicy(policy));
    List<Finding> findings = FederationRules.evaluate(observation, policy, now, trustEvaluator);
    Verdict verdict = FederationRules.verdict(findings);
    return verdict;
  }
}
