package io.fedcheck.core.rules;

import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsRecord;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.DomainObservation;
import io.fedcheck.api.Finding;
import io.fedcheck.api.Policy;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Severity;
import io.fedcheck.api.SrvRecord;
import io.fedcheck.api.TargetObservation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The SRV rules: {@code SRV_MISSING}, {@code SRV_NOT_AVAILABLE}, {@code
 * SRV_TARGET_DOMAIN_MISMATCH} (the exact-domain rule), {@code SRV_TARGET_HOSTING_PROVIDER}, {@code
 * SRV_PORT_UNUSUAL}, and {@code DNS_LOOKUP_FAILED} for the SRV lookup itself.
 *
 * <p>The record-level rules (exact domain, hosting provider, port) judge every SRV record of the
 * answer, including records beyond the policy's {@link Policy#maxSrvTargets()} cap, since they need
 * no further lookup. Targets that were not examined because of the cap are reported as an
 * <em>INFO</em> {@code DNS_LOOKUP_FAILED} finding: their address lookups were not made, which is
 * the honest meaning of that rule, while INFO keeps the verdict on the targets that were examined
 * (see {@link FederationRules#verdict}).
 *
 * <p>Stateless and thread-safe.
 */
public final class SrvRules {
  private SrvRules() {}

  /** Applies the SRV rules to one domain's observation. */
  public static List<Finding> evaluate(DomainObservation observation, Policy policy) {
    List<Finding> out = new ArrayList<>(4);
    collect(observation, policy, out);
    return out;
  }

  /**
   * Whether {@code target} satisfies the exact-domain rule for {@code domain}: its parent is the
   * domain, or it is one of the policy's hosting providers. Both arguments lower-case ASCII.
   */
  public static boolean isAcceptableTarget(String domain, String target, Policy policy) {
    return isHostingProvider(target, policy) || isDirectlyInside(target, domain);
  }

  /** Whether {@code fqdn} is exactly one label below {@code domain} (no substring allocation). */
  static boolean isDirectlyInside(String fqdn, String domain) {
    int dot = fqdn.indexOf('.');
    return dot > 0 && fqdn.length() - dot - 1 == domain.length()
        && fqdn.regionMatches(dot + 1, domain, 0, domain.length());
  }

  /** Whether {@code target} is one of the policy's hosting providers (exempt from the exact rule). */
  public static boolean isHostingProvider(String target, Policy policy) {
    return policy.hostingProviders().contains(target);
  }

  /** The name without its first label ({@code expe.example.com} → {@code example.com}), or "". */
  public static String parentOf(String fqdn) {
    int dot = fqdn.indexOf('.');
    return dot < 0 ? "" : fqdn.substring(dot + 1);
  }

  /**
   * The host the exact-domain rule would accept in place of {@code target}: its first label inside
   * {@code domain} ({@code vcse.steven.lab} for {@code acano.steven.lab} → {@code
   * vcse.acano.steven.lab}).
   */
  public static String suggestedTarget(String domain, String target) {
    int dot = target.indexOf('.');
    String label = dot <= 0 ? "sip" : target.substring(0, dot);
    return label + "." + domain;
  }

  static void collect(DomainObservation observation, Policy policy, List<Finding> out) {
    String domain = observation.asciiDomain();
    DnsResult lookup = observation.srvLookup();
    List<SrvRecord> records = allRecords(observation);
    if (records.size() == 1 && !records.get(0).isNotAvailable()) {
      // The common case, kept free of allocations: one real target.
      SrvRecord only = records.get(0);
      collectRecord(domain, only, isAcceptableTarget(domain, only.target(), policy), policy, out);
      collectCap(observation, records, out);
      return;
    }
    String srvName = DomainObservation.srvName(domain);
    if (!lookup.outcome().isConclusive() && records.isEmpty()) {
      out.add(Finding.of(RuleId.DNS_LOOKUP_FAILED, srvName,
          "The SRV lookup of " + srvName + " for the SIP domain " + domain + " did not complete ("
              + describe(lookup) + "), so whether " + domain + " can federate is unknown.",
          "Make sure the authoritative DNS servers of " + domain + " answer SRV queries for "
              + srvName + " from the internet, then check again.",
          Evidence.of("domain", domain, "query", srvName + " SRV", "outcome",
              lookup.outcome().name(), "detail", lookup.detail())));
      return;
    }
    if (records.isEmpty()) {
      String how = lookup.outcome() == DnsOutcome.NXDOMAIN
          ? "does not exist (NXDOMAIN)" : "has no SRV record";
      out.add(Finding.of(RuleId.SRV_MISSING, srvName,
          "The SIP domain " + domain + " publishes no federation SRV record: " + srvName + " "
              + how + ". A Microsoft edge cannot find a server for " + domain
              + " and rejects the request with ms-diagnostics 1008.",
          "Publish `" + srvName + ". SRV 0 0 5061 sip." + domain + ".` (with an A record for sip."
              + domain + ", or your edge's host name directly inside " + domain
              + "), and put that host name in the certificate's subjectAltName.",
          Evidence.of("domain", domain, "query", srvName + " SRV", "outcome",
              lookup.outcome().name())));
      return;
    }
    List<SrvRecord> real = new ArrayList<>(records.size());
    for (SrvRecord r : records) {
      if (!r.isNotAvailable()) {
        real.add(r);
      }
    }
    if (real.isEmpty()) {
      out.add(Finding.of(RuleId.SRV_NOT_AVAILABLE, srvName,
          "The SRV record " + srvName + " has the target \".\", which by RFC 2782 says that "
              + domain + " decidedly offers no federation service; a Microsoft edge reports"
              + " ms-diagnostics 1008.",
          "If " + domain + " should federate, replace it with `" + srvName
              + ". SRV 0 0 5061 sip." + domain + ".` naming your edge's host inside " + domain
              + ".",
          Evidence.of("domain", domain, "srv", srvName + " SRV 0 0 0 .")));
      return;
    }
    boolean anyAcceptable = false;
    for (SrvRecord r : real) {
      if (isAcceptableTarget(domain, r.target(), policy)) {
        anyAcceptable = true;
        break;
      }
    }
    for (SrvRecord r : real) {
      collectRecord(domain, r, anyAcceptable, policy, out);
    }
    collectCap(observation, records, out);
  }

  private static void collectRecord(String domain, SrvRecord r, boolean anyAcceptable,
      Policy policy, List<Finding> out) {
    String target = r.target();
    boolean hosted = isHostingProvider(target, policy);
    boolean inDomain = !hosted && isDirectlyInside(target, domain);
    if (inDomain && r.port() == Policy.FEDERATION_PORT) {
      return;
    }
    String srvName = r.name();
    String record = srvName + ". SRV " + r.priority() + " " + r.weight() + " " + r.port() + " "
        + target + ".";
    if (hosted) {
      out.add(Finding.of(RuleId.SRV_TARGET_HOSTING_PROVIDER, target,
          "The SRV target " + target + " of " + domain + " is a known hosting provider, so the"
              + " exact-domain rule does not apply to it.",
          "Nothing to do: make sure " + domain + " is also set up as a domain at that provider.",
          Evidence.of("domain", domain, "srv", record)));
    } else if (!inDomain) {
      String parent = parentOf(target);
      String where = parent.endsWith("." + domain)
          ? "it lies in " + parent + ", a subdomain of " + domain
          : "it lies in " + (parent.isEmpty() ? "no domain at all" : "another domain, " + parent);
      String suggested = suggestedTarget(domain, target);
      String fix = "`" + srvName + ". SRV " + r.priority() + " " + r.weight() + " 5061 "
          + suggested + ".` with an A record for " + suggested + ", and add `" + suggested
          + "` to the certificate's subjectAltName";
      if (anyAcceptable) {
        out.add(Finding.of(RuleId.SRV_TARGET_DOMAIN_MISMATCH, target,
            "The SRV target " + target + " of " + domain + " is not directly inside " + domain
                + " (" + where + "). Another target of " + domain + " is acceptable, so"
                + " federation can work, but a Microsoft edge refuses this one (ms-diagnostics"
                + " 1009) and may fail when it is the one chosen.",
                "Remove `" + record + "`, or replace it with " + fix + ".",
            Evidence.of("domain", domain, "target", target, "targetDomain", parent, "srv", record))
            .withSeverity(Severity.WARNING));
      } else {
        out.add(Finding.of(RuleId.SRV_TARGET_DOMAIN_MISMATCH, target,
            "The SRV target " + target + " of " + domain + " is not directly inside " + domain
                + " (" + where + "). A Microsoft edge accepts only SRV targets whose domain part"
                + " is exactly the SIP domain (or a configured hosting provider), so it rejects "
                + domain + " with ms-diagnostics 1009 \"No match for domain in DNS SRV results\""
                + " (SIPPROXY_E_EPROUTING_MSG_ALLOWED_DOMAIN_NO_SRV_MATCH).",
            "Publish " + fix + ".",
            Evidence.of("domain", domain, "target", target, "targetDomain", parent, "srv",
                record)));
      }
    }
    if (r.port() != Policy.FEDERATION_PORT) {
      out.add(Finding.of(RuleId.SRV_PORT_UNUSUAL, target,
          "The SRV record of " + domain + " sends federation traffic to " + target + " port "
              + r.port() + ", not the usual 5061; some edges and firewalls only allow 5061.",
          "If possible, listen on 5061 on " + target + " and publish `" + srvName + ". SRV "
              + r.priority() + " " + r.weight() + " 5061 " + target + ".`; otherwise make sure"
              + " port " + r.port() + " is open to Microsoft's edges.",
          Evidence.of("domain", domain, "target", target, "port", Integer.toString(r.port()))));
    }
  }

  private static void collectCap(
      DomainObservation observation, List<SrvRecord> records, List<Finding> out) {
    int examined = observation.targets().size();
    if (observation.srvRecordCount() <= examined && records.size() <= examined) {
      return;
    }
    String srvName = DomainObservation.srvName(observation.asciiDomain());
    Set<String> probed = new LinkedHashSet<>();
    for (TargetObservation t : observation.targets()) {
      probed.add(t.fqdn() + ":" + t.srv().port());
    }
    List<String> skipped = new ArrayList<>();
    for (SrvRecord r : records) {
      if (!r.isNotAvailable() && !probed.contains(r.target() + ":" + r.port())) {
        skipped.add(r.target() + ":" + r.port());
      }
    }
    // Records the observation counted but did not keep (a capped answer) are unexamined too.
    int unexamined = skipped.size() + Math.max(0, observation.srvRecordCount() - records.size());
    if (unexamined == 0) {
      return;
    }
    int total = examined + unexamined;
    String domain = observation.asciiDomain();
    out.add(Finding.of(RuleId.DNS_LOOKUP_FAILED, srvName,
        "The SRV answer for " + srvName + " holds " + total + " targets; only the first "
            + examined + " (in RFC 2782 order) were looked up and probed, so the addresses and"
            + " certificates of " + unexamined + " targets of " + domain
            + " were not checked" + (skipped.isEmpty() ? "." : ": " + Evidence.list(skipped) + "."),
        "Publish only the SRV records your edges need, or raise the policy's maxSrvTargets to"
            + " examine them all.",
        Evidence.of("domain", domain, "srvRecords", Integer.toString(total), "examined",
            Integer.toString(examined), "notExamined", Evidence.list(skipped)))
        .withSeverity(Severity.INFO));
  }

  /** The examined targets' records first (RFC 2782 order), then the rest of the answer. */
  private static List<SrvRecord> allRecords(DomainObservation observation) {
    List<TargetObservation> targets = observation.targets();
    List<DnsRecord> answerRecords = observation.srvLookup().records();
    if (targets.size() == 1 && answerRecords.size() == 1
        && targets.get(0).srv().equals(answerRecords.get(0))) {
      return List.of(targets.get(0).srv());
    }
    List<SrvRecord> answer = observation.srvLookup().srvRecords();
    if (targets.isEmpty()) {
      return answer;
    }
    List<SrvRecord> out = new ArrayList<>(Math.max(answer.size(), targets.size()));
    for (TargetObservation t : targets) {
      if (!containsTarget(out, t.srv())) {
        out.add(t.srv());
      }
    }
    for (SrvRecord r : answer) {
      if (!containsTarget(out, r)) {
        out.add(r);
      }
    }
    return out;
  }

  private static boolean containsTarget(List<SrvRecord> records, SrvRecord r) {
    for (SrvRecord x : records) {
      if (x.port() == r.port() && x.target().equals(r.target())) {
        return true;
      }
    }
    return false;
  }

  static String describe(DnsResult lookup) {
    String outcome = switch (lookup.outcome()) {
      case SERVFAIL -> "the server failed (SERVFAIL)";
      case REFUSED -> "the server refused to answer (REFUSED)";
      case TIMEOUT -> "no answer arrived in time (timeout)";
      case MALFORMED -> "the answer was malformed or unusable";
      default -> lookup.outcome().name();
    };
    return lookup.detail().isEmpty() ? outcome : outcome + ": " + lookup.detail();
  }
}
