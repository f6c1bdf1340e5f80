package io.fedcheck.benchmarks.audit;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Verdict;

/**
 * What a synthetic benchmark domain is designed to be, and the verdict (and, for failures, the rule)
 * a correct audit must report for it. The kind of domain {@code i} is a pure function of {@code i},
 * so a harness can check every report against the design without keeping the input in memory.
 */
public enum DomainKind {
  /** SRV target inside the domain with an address (and, with TLS, a matching certificate). */
  HEALTHY(Verdict.PASS, null),
  /** SRV target outside the SIP domain. */
  TARGET_OUTSIDE_DOMAIN(Verdict.FAIL, RuleId.SRV_TARGET_DOMAIN_MISMATCH),
  /** No SRV record at all (NXDOMAIN). */
  NO_SRV(Verdict.FAIL, RuleId.SRV_MISSING),
  /** The SRV target has no A record. */
  NO_ADDRESS(Verdict.FAIL, RuleId.SRV_TARGET_NO_ADDRESS),
  /** TLS labs only: the shared certificate does not name the target. */
  CERT_NAME_MISMATCH(Verdict.FAIL, RuleId.CERT_NAME_MISMATCH);

  private final Verdict verdict;
  private final RuleId rule;

  DomainKind(Verdict verdict, RuleId rule) {
    this.verdict = verdict;
    this.rule = rule;
  }

  /** The expected verdict. */
  public Verdict verdict() {
    return verdict;
  }

  /** Whether {@code report} is what this kind of domain must give. */
  public boolean matches(FederationReport report) {
    return report.verdict() == verdict && (rule == null || report.has(rule));
  }

  /**
   * The design of the DNS-only zone: of every ten domains, six healthy, two with the target outside
   * the domain, one without SRV, one whose target has no address.
   */
  public static DomainKind dnsOnly(long i) {
    int r = (int) (i % 10);
    return r <= 5 ? HEALTHY : r <= 7 ? TARGET_OUTSIDE_DOMAIN : r == 8 ? NO_SRV : NO_ADDRESS;
  }

  /** The design of the TLS lab: of every ten domains, nine healthy and one certificate name mismatch. */
  public static DomainKind withTls(long i) {
    return i % 10 == 7 ? CERT_NAME_MISMATCH : HEALTHY;
  }
}
