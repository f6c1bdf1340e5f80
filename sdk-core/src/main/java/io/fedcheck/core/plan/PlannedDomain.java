package io.fedcheck.core.plan;

import io.fedcheck.core.rules.DomainNameResult;
import io.fedcheck.core.rules.DomainNames;
import java.util.List;
import java.util.Objects;

/**
 * One SIP domain the edge serves and its SRV target, which must be directly inside the domain
 * ({@code vcse.acano.steven.lab} for {@code acano.steven.lab}): Microsoft refuses any other target
 * with ms-diagnostics 1009.
 *
 * @param domain the SIP domain, lower-case ASCII without trailing dot
 * @param target the SRV target host, lower-case ASCII without trailing dot
 */
public record PlannedDomain(String domain, String target) {
  public PlannedDomain {
    domain = normalize("domain", domain);
    target = normalize("target", target);
    String problem = targetProblem(domain, target);
    if (problem != null) {
      throw new InvalidPlanException(List.of(problem));
    }
  }

  /** The owner name of the SRV record, {@code _sipfederationtls._tcp.<domain>}. */
  public String srvName() {
    return "_sipfederationtls._tcp." + domain;
  }

  static String normalize(String what, String name) {
    Objects.requireNonNull(name, what);
    DomainNameResult r = DomainNames.normalize(name);
    if (!r.isValid()) {
      throw new InvalidPlanException(List.of(what + " \"" + name + "\" is not a valid DNS name"));
    }
    return r.ascii();
  }

  /** Why {@code target} cannot serve {@code domain}, or null when it can. */
  static String targetProblem(String domain, String target) {
    int dot = target.indexOf('.');
    String parent = dot < 0 ? "" : target.substring(dot + 1);
    if (parent.equals(domain)) {
      return null;
    }
    String where = parent.endsWith("." + domain) ? "in a subdomain of " + domain
        : target.equals(domain) ? "the domain itself" : "in another domain (" + parent + ")";
    return "SRV target " + target + " for " + domain + " is " + where + ", not directly inside it:"
        + " a Microsoft edge would refuse it with ms-diagnostics 1009 (No match for domain in DNS SRV"
        + " results). Use a host such as sip." + domain;
  }
}
