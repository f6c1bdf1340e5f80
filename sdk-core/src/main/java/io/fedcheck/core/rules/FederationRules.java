package io.fedcheck.core.rules;

import io.fedcheck.api.DomainObservation;
import io.fedcheck.api.Finding;
import io.fedcheck.api.Policy;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Severity;
import io.fedcheck.api.TargetObservation;
import io.fedcheck.api.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The whole rule set: every rule of the catalogue applied to one domain's observations, and the
 * verdict the findings add up to.
 *
 * <p>The rules are split by concern into {@link SrvRules}, {@link AddressRules}, {@link TlsRules}, {@link SipRules}
 * and {@link CertificateRules}; {@link DomainNames} judges the input before anything is looked up.
 * Every SRV target is examined (addresses, then TLS, then the certificate), not only the
 * acceptable ones, so a report shows everything that is wrong at once.
 *
 * <p>Stateless and thread-safe; the only state is in the caches of {@link CertificateFacts} and of
 * the trust evaluator passed in.
 */
public final class FederationRules {
  /** Most severe first; {@link List#sort} is stable, so rule order is kept otherwise. */
  private static final Comparator<Finding> MOST_SEVERE_FIRST =
      Comparator.comparingInt(f -> f.severity().ordinal());

  private FederationRules() {}

  /**
   * Applies every rule to {@code observation}. Pure: the same arguments always give the same
   * findings; {@code now} is the time at which certificates are judged, and {@code trust} decides
   * path validation (build it from the same policy, for example {@code
   * CachingTrustEvaluator.of(PkixTrustEvaluator.forPolicy(policy))}). Findings come most severe
   * first, otherwise in the order SRV, then each target in RFC 2782 order.
   */
  public static List<Finding> evaluate(
      DomainObservation observation, Policy policy, Instant now, TrustEvaluator trust) {
    Objects.requireNonNull(observation, "observation");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(trust, "trust");
    String domain = observation.asciiDomain();
    List<Finding> out = new ArrayList<>(4);
    SrvRules.collect(observation, policy, out);
    for (TargetObservation t : observation.targets()) {
      if (t.srv().isNotAvailable()) {
        continue;
      }
      AddressRules.collect(domain, t, policy, out);
      TlsRules.collect(domain, t, out);
      SipRules.collect(domain, t, out);
      CertificateRules.collect(domain, t.fqdn(), t.srv().port(), t.certificate().chain(), policy,
          now, trust, out);
    }
    if (out.size() > 1) {
      out.sort(MOST_SEVERE_FIRST);
    }
    return List.copyOf(out);
  }

  /**
   * The verdict the findings add up to: FAIL if any ERROR stands; otherwise UNKNOWN when a lookup
   * could not be completed (a {@code DNS_LOOKUP_FAILED} warning); otherwise WARN if warnings stand;
   * otherwise PASS. An INFO {@code DNS_LOOKUP_FAILED} (targets left unexamined by the policy's cap)
   * does not make the verdict UNKNOWN.
   */
  public static Verdict verdict(List<Finding> findings) {
    boolean warning = false;
    boolean incomplete = false;
    for (Finding f : findings) {
      if (f.severity() == Severity.ERROR) {
        return Verdict.FAIL;
      }
      incomplete |= f.rule() == RuleId.DNS_LOOKUP_FAILED && f.severity() != Severity.INFO;
      warning |= f.severity() == Severity.WARNING;
    }
    return incomplete ? Verdict.UNKNOWN : warning ? Verdict.WARN : Verdict.PASS;
  }
}
