package io.fedcheck.cli.audit;

import io.fedcheck.api.FederationReport;
import io.fedcheck.core.fleet.CertificateExpiry;
import io.fedcheck.core.fleet.ExpiringCertificate;
import io.fedcheck.core.fleet.ExpiryBand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The HTML report's expiry timeline, built as results stream by: each report's leaf certificates
 * are judged by sdk-core's {@link CertificateExpiry} at one instant, and merged by fingerprint, so
 * memory grows with the distinct certificates (and their tenants), not with every report as the
 * fleet views' copies do. Not thread-safe.
 */
final class ExpiryTally {
  private final Instant now;
  private final Map<String, Merged> bySha = new LinkedHashMap<>();

  ExpiryTally(Instant now) {
    this.now = now;
  }

  /** Adds the leaf certificates of {@code report}. */
  void add(FederationReport report) {
    for (ExpiringCertificate c : CertificateExpiry.bands(List.of(report), now)) {
      Merged m = bySha.computeIfAbsent(c.leafSha256(), k -> new Merged(c, new TreeSet<>(), new TreeSet<>()));
      m.endpoints().addAll(c.endpoints());
      m.tenants().addAll(c.tenants());
    }
  }

  /** Every certificate seen, soonest notAfter first, with all its endpoints and tenants. */
  List<ExpiringCertificate> certificates() {
    List<ExpiringCertificate> out = new ArrayList<>(bySha.size());
    for (Merged m : bySha.values()) {
      ExpiringCertificate c = m.first();
      out.add(new ExpiringCertificate(c.leafSha256(), List.copyOf(m.endpoints()), c.notAfter(), c.left(),
          c.daysLeft(), c.band(), List.copyOf(m.tenants())));
    }
    out.sort(Comparator.comparing(ExpiringCertificate::notAfter).thenComparing(ExpiringCertificate::leafSha256));
    return out;
  }

  /** Certificates per band, every band present (zero where none). */
  Map<ExpiryBand, Long> countsByBand() {
    Map<ExpiryBand, Long> counts = new EnumMap<>(ExpiryBand.class);
    for (ExpiryBand b : ExpiryBand.values()) {
      counts.put(b, 0L);
    }
    bySha.values().forEach(m -> counts.merge(m.first().band(), 1L, Long::sum));
    return counts;
  }

  /** Tenants served per band (a tenant with certificates in two bands counts in both). */
  Map<ExpiryBand, Long> tenantsByBand() {
    Map<ExpiryBand, TreeSet<String>> tenants = new EnumMap<>(ExpiryBand.class);
    bySha.values().forEach(m -> tenants.computeIfAbsent(m.first().band(), b -> new TreeSet<>()).addAll(m.tenants()));
    Map<ExpiryBand, Long> counts = new EnumMap<>(ExpiryBand.class);
    for (ExpiryBand b : ExpiryBand.values()) {
      counts.put(b, (long) tenants.getOrDefault(b, new TreeSet<>()).size());
    }
    return counts;
  }

  /** One certificate as first judged, with every endpoint and tenant seen presenting it since. */
  private record Merged(ExpiringCertificate first, TreeSet<String> endpoints, TreeSet<String> tenants) {}
}
