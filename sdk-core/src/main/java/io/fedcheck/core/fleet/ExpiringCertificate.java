package io.fedcheck.core.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One distinct leaf certificate of a fleet and when it expires: the renewal calendar entry an
 * auditor works from. Built by {@link CertificateExpiry#bands}.
 *
 * @param leafSha256 the certificate's {@link CertificateFingerprint#sha256}
 * @param endpoints every {@code fqdn:port} that presented it (sorted, distinct, not empty)
 * @param notAfter the end of its validity (inclusive)
 * @param left the time from the evaluation instant to {@code notAfter} (negative once expired)
 * @param daysLeft whole days left, rounded down ({@code -1} for one hour past notAfter)
 * @param band the band of {@code left}
 * @param tenants the ASCII domains it serves (sorted, distinct, not empty)
 */
public record ExpiringCertificate(
    String leafSha256, List<String> endpoints, Instant notAfter, Duration left, long daysLeft,
    ExpiryBand band, List<String> tenants) {
  public ExpiringCertificate {
    if (!CertificateFingerprint.isFingerprint(leafSha256)) {
      throw new IllegalArgumentException("leafSha256 must be 64 lowercase hex digits");
    }
    endpoints = List.copyOf(new TreeSet<>(endpoints));
    Objects.requireNonNull(notAfter, "notAfter");
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(band, "band");
    tenants = List.copyOf(new TreeSet<>(tenants));
    if (endpoints.isEmpty() || tenants.isEmpty()) {
      throw new IllegalArgumentException("a certificate seen in a report has an endpoint and a tenant");
    }
    // The derived fields must agree with left, or a filter on one would contradict the other.
    if (daysLeft != daysOf(left)) {
      throw new IllegalArgumentException("daysLeft " + daysLeft + " does not match " + left);
    }
    if (band != ExpiryBand.of(left)) {
      throw new IllegalArgumentException("band " + band + " does not match " + left);
    }
  }

  /** Whole days in {@code left}, rounded toward negative infinity. */
  static long daysOf(Duration left) {
    return Math.floorDiv(left.getSeconds(), 86_400L);
  }
}
