package io.fedcheck.core.rules;

import io.fedcheck.api.AddressRecord;
import io.fedcheck.api.CnameRecord;
import io.fedcheck.api.DnsRecord;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.Finding;
import io.fedcheck.api.Policy;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Severity;
import io.fedcheck.api.TargetObservation;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules about one SRV target's name and addresses: {@code SRV_TARGET_IS_ALIAS}, {@code
 * SRV_TARGET_NO_ADDRESS} (no A record; an AAAA-only target counts as no address, since Microsoft
 * edges connect over IPv4), {@code TARGET_ADDRESS_NOT_PUBLIC} (using {@link AddressClass}) and
 * {@code DNS_LOOKUP_FAILED} for the target's address lookup.
 *
 * <p>Stateless and thread-safe.
 */
public final class AddressRules {
  private AddressRules() {}

  /** Applies the address rules to one target of {@code domain}. */
  public static List<Finding> evaluate(String domain, TargetObservation target, Policy policy) {
    List<Finding> out = new ArrayList<>(2);
    collect(domain, target, policy, out);
    return out;
  }

  static void collect(String domain, TargetObservation target, Policy policy, List<Finding> out) {
    if (target.srv().isNotAvailable()) {
      return;
    }
    String fqdn = target.fqdn();
    DnsResult lookup = target.addressLookup();
    // One pass over the answer, without the stream-based accessors: this runs for every target.
    String canonical = null;
    boolean anyV4 = false;
    boolean anyPublicV4 = false;
    boolean anyAddress = false;
    for (DnsRecord r : lookup.records()) {
      if (r instanceof CnameRecord c) {
        if (canonical == null && c.name().equals(fqdn)) {
          canonical = c.target();
        }
      } else if (r instanceof AddressRecord a) {
        anyAddress = true;
        if (a.address() instanceof Inet4Address) {
          anyV4 = true;
          anyPublicV4 |= AddressClass.of(a.address()).isPublic();
        }
      }
    }
    if (canonical != null) {
      out.add(Finding.of(RuleId.SRV_TARGET_IS_ALIAS, fqdn,
          "The SRV target " + fqdn + " of " + domain + " is a CNAME alias of " + canonical
              + "; RFC 2782 forbids aliases as SRV targets and some resolvers and edges refuse"
              + " them.",
          "Replace the CNAME " + fqdn + " with A records for the host, or point the SRV record"
              + " of " + domain + " at a host name that has its own A record (inside " + domain
              + ").",
          Evidence.of("domain", domain, "target", fqdn, "cname", canonical)));
    }
    if (!lookup.outcome().isConclusive()) {
      out.add(Finding.of(RuleId.DNS_LOOKUP_FAILED, fqdn,
          "The A lookup of " + fqdn + " (SRV target of " + domain + ") did not complete ("
              + SrvRules.describe(lookup) + "), so whether it is reachable is unknown.",
          "Make sure the authoritative DNS servers for " + fqdn + " answer A queries from the"
              + " internet, then check again.",
          Evidence.of("domain", domain, "query", fqdn + " A", "outcome",
              lookup.outcome().name(), "detail", lookup.detail())));
      return;
    }
    if (anyPublicV4) {
      return;
    }
    List<InetAddress> all = lookup.addresses();
    if (!anyV4) {
      boolean onlyV6 = anyAddress;
      out.add(Finding.of(RuleId.SRV_TARGET_NO_ADDRESS, fqdn,
          onlyV6
              ? "The SRV target " + fqdn + " of " + domain + " has IPv6 addresses only (AAAA "
                  + hosts(all) + "); Microsoft's edge needs an IPv4 address (an A record) to"
                  + " connect for federation, so it cannot connect to it."
              : "The SRV target " + fqdn + " of " + domain + " has no IPv4 address (A record),"
                  + " so a Microsoft edge cannot connect to it.",
          "Publish `" + fqdn + ". A <public IPv4 address of your edge>`.",
          Evidence.of("domain", domain, "target", fqdn, "outcome", lookup.outcome().name(),
              "addresses", onlyV6 ? hosts(all) : "(none)")));
      return;
    }
    StringBuilder classes = new StringBuilder();
    boolean anyConnectable = false;
    for (InetAddress a : all) {
      if (!(a instanceof Inet4Address)) {
        continue;
      }
      if (classes.length() > 0) {
        classes.append(", ");
      }
      AddressClass c = AddressClass.of(a);
      anyConnectable |= c.isConnectable(policy.allowPrivateAddresses());
      classes.append(a.getHostAddress()).append(' ').append(c.name());
    }
    // The validator's address guard connects exactly to the addresses AddressClass#isConnectable
    // allows; only when it did may the finding be lowered to INFO. Metadata, multicast and
    // unspecified addresses are refused even with the opt-in, so they stay an ERROR.
    String what;
    if (!policy.allowPrivateAddresses()) {
      what = "; it was not connected to.";
    } else if (anyConnectable) {
      what = "; the policy allows private addresses, so it was checked anyway.";
    } else {
      what = "; the policy allows private addresses, but metadata, multicast and unspecified"
          + " addresses are never connected to, so it was not checked.";
    }
    Finding f = Finding.of(RuleId.TARGET_ADDRESS_NOT_PUBLIC, fqdn,
        "The SRV target " + fqdn + " of " + domain + " resolves only to non-public addresses ("
            + classes + "), which cannot be reached from the internet" + what,
        "Publish `" + fqdn + ". A <public IPv4 address of your edge>` in public DNS (keep"
            + " internal addresses in an internal zone only).",
        Evidence.of("domain", domain, "target", fqdn, "addresses", classes.toString()));
    out.add(policy.allowPrivateAddresses() && anyConnectable ? f.withSeverity(Severity.INFO) : f);
  }

  private static String hosts(List<InetAddress> addresses) {
    List<String> s = new ArrayList<>(addresses.size());
    for (InetAddress a : addresses) {
      s.add(a.getHostAddress());
    }
    return Evidence.list(s);
  }
}
