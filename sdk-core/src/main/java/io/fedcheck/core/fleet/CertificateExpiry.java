package io.fedcheck.core.fleet;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.TargetObservation;
import io.fedcheck.core.rules.CertificateFacts;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The renewal calendar of a fleet: every distinct leaf certificate its edges presented, with the
 * endpoints and tenants it serves and how long it has left.
 *
 * <p>The evaluation instant is passed in, never read from the clock, so that the same reports give
 * the same calendar (and tests can stand exactly on a band boundary). Only leaf certificates count:
 * an expiring intermediate is the CA's to renew, and targets that presented no chain have nothing
 * to renew. Pure and thread-safe.
 */
public final class CertificateExpiry {
  private static final Comparator<ExpiringCertificate> BY_NOT_AFTER =
      Comparator.comparing(ExpiringCertificate::notAfter)
          .thenComparing(ExpiringCertificate::leafSha256);

  private CertificateExpiry() {}

  /**
   * Each distinct leaf (by SHA-256) of {@code reports}, judged at {@code now}, soonest notAfter
   * first (fingerprint breaks ties).
   */
  public static List<ExpiringCertificate> bands(Collection<FederationReport> reports, Instant now) {
    Objects.requireNonNull(reports, "reports");
    Objects.requireNonNull(now, "now");
    Map<String, Seen> byFingerprint = new LinkedHashMap<>();
    for (FederationReport r : reports) {
      Objects.requireNonNull(r, "report");
      if (r.observation() == null) {
        continue;
      }
      for (TargetObservation t : r.observation().targets()) {
        X509Certificate leaf = t.certificate().leaf().orElse(null);
        if (leaf == null) {
          continue;
        }
        Seen s = byFingerprint.computeIfAbsent(CertificateFingerprint.sha256(leaf),
            k -> new Seen(CertificateFacts.of(leaf).notAfter()));
        s.endpoints.add(t.fqdn() + ":" + t.srv().port());
        s.tenants.add(r.asciiDomain());
      }
    }
    List<ExpiringCertificate> out = new ArrayList<>(byFingerprint.size());
    byFingerprint.forEach((sha, s) -> {
      Duration left = Duration.between(now, s.notAfter);
      out.add(new ExpiringCertificate(sha, List.copyOf(s.endpoints), s.notAfter, left,
          ExpiringCertificate.daysOf(left), ExpiryBand.of(left), List.copyOf(s.tenants)));
    });
    out.sort(BY_NOT_AFTER);
    return List.copyOf(out);
  }

  /**
   * The certificates of {@code certificates} with at most {@code within} left (expired ones
   * included), in their order. Inclusive: with {@code within} of 7 days, a certificate with exactly
   * 7 days left is kept (although its band is {@link ExpiryBand#UNDER_30_DAYS}).
   */
  public static List<ExpiringCertificate> expiringWithin(
      List<ExpiringCertificate> certificates, Duration within) {
    Objects.requireNonNull(certificates, "certificates");
    Objects.requireNonNull(within, "within");
    if (within.isNegative()) {
      throw new IllegalArgumentException("within must not be negative: " + within);
    }
    return certificates.stream().filter(c -> c.left().compareTo(within) <= 0).toList();
  }

  private static final class Seen {
    final Instant notAfter;
    final TreeSet<String> endpoints = new TreeSet<>();
    final TreeSet<String> tenants = new TreeSet<>();

    Seen(Instant notAfter) {
      this.notAfter = notAfter;
    }
  }
}
