package io.fedcheck.core.fleet;

import io.fedcheck.api.Verdict;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One federation edge as the tenants of a fleet see it: a port and the leaf certificate presented
 * there, under the SRV target names that reach it; with the tenants whose SRV records name it, their verdicts, and the
 * ranked fixes to make on it. Built by {@link EdgeGrouping#byEdge}.
 *
 * @param fqdn the SRV target name most of its tenants use, to show the edge by
 * @param fqdns every SRV target name by which a tenant reaches this edge (sorted, distinct, holding
 *     {@code fqdn}; a single name when no certificate was seen)
 * @param port the SRV port
 * @param leafSha256 the {@link CertificateFingerprint#sha256} of the leaf presented, or empty when
 *     no chain was seen (no address, TLS failed or not attempted)
 * @param tenants the ASCII domains whose SRV records name this edge (sorted, distinct, not empty)
 * @param verdictCounts how many of {@code tenants} have each verdict (every verdict present, zero
 *     included; the counts add up to the number of tenants)
 * @param actions the fixes, most failing tenants first, then most tenants, then rule name
 */
public record Edge(
    String fqdn, List<String> fqdns, int port, String leafSha256, List<String> tenants,
    Map<Verdict, Integer> verdictCounts, List<EdgeAction> actions) {
  public Edge {
    Objects.requireNonNull(fqdn, "fqdn");
    if (fqdn.isBlank()) {
      throw new IllegalArgumentException("fqdn must not be blank");
    }
    fqdns = List.copyOf(new TreeSet<>(fqdns));
    if (!fqdns.contains(fqdn)) {
      throw new IllegalArgumentException("fqdns must hold fqdn " + fqdn);
    }
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
    if (!CertificateFingerprint.isFingerprintOrEmpty(leafSha256)) {
      throw new IllegalArgumentException("leafSha256 must be empty or 64 lowercase hex digits");
    }
    tenants = List.copyOf(new TreeSet<>(tenants));
    if (tenants.isEmpty()) {
      throw new IllegalArgumentException("an edge has at least one tenant");
    }
    EnumMap<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    int total = 0;
    for (Verdict v : Verdict.values()) {
      int n = verdictCounts.getOrDefault(v, 0);
      if (n < 0) {
        throw new IllegalArgumentException("negative count for " + v);
      }
      counts.put(v, n);
      total += n;
    }
    if (total != tenants.size()) {
      throw new IllegalArgumentException(
          "verdict counts add up to " + total + ", not to the " + tenants.size() + " tenants");
    }
    verdictCounts = Collections.unmodifiableMap(counts);
    actions = List.copyOf(actions);
  }

  /** How many tenants of this edge have verdict FAIL. */
  public int failingTenants() {
    return verdictCounts.get(Verdict.FAIL);
  }

  /** {@code fqdn:port}. */
  public String endpoint() {
    return fqdn + ":" + port;
  }
}
