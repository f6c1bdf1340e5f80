package io.fedcheck.core.fleet;

import static io.fedcheck.core.fleet.Fleet.NOW;
import static io.fedcheck.core.fleet.Fleet.leaf;
import static io.fedcheck.core.fleet.Fleet.report;
import static io.fedcheck.core.fleet.Fleet.target;
import static io.fedcheck.core.fleet.Fleet.unreachable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.hash.Hashing;
import io.fedcheck.api.FederationReport;
import io.fedcheck.testkit.tls.HeldCertificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CertificateExpiryTest {
  private static FederationReport single(String domain, HeldCertificate cert) {
    return report(domain, target(domain, "sip." + domain, 5061, cert.chain()));
  }

  @Test
  void fingerprintIsTheLowercaseSha256OfTheDerEncoding() throws Exception {
    HeldCertificate one = leaf("sip.one.example");
    HeldCertificate sameNames = leaf("sip.one.example");
    String sha = CertificateFingerprint.sha256(one.certificate());
    // Checked against an independent SHA-256 implementation (Guava's).
    assertEquals(Hashing.sha256().hashBytes(one.certificate().getEncoded()).toString(), sha);
    assertTrue(sha.matches("[0-9a-f]{64}"), sha);
    assertNotEquals(sha, CertificateFingerprint.sha256(sameNames.certificate()));
  }

  @ParameterizedTest
  @CsvSource({
      "-PT1S, EXPIRED",
      "-P400D, EXPIRED",
      "PT0S, UNDER_7_DAYS",
      "PT167H59M59S, UNDER_7_DAYS",
      "P7D, UNDER_30_DAYS",
      "PT719H59M59S, UNDER_30_DAYS",
      "P30D, UNDER_90_DAYS",
      "PT2159H59M59S, UNDER_90_DAYS",
      "P90D, LATER",
      "P3650D, LATER"})
  void bandBoundariesAreHalfOpen(String left, ExpiryBand band) {
    assertEquals(band, ExpiryBand.of(Duration.parse(left)));
  }

  @Test
  void eachDistinctLeafIsListedOnceSoonestFirstWithItsBandAndDaysLeft() {
    HeldCertificate expired = leaf(NOW.minus(Duration.ofHours(1)), "sip.old.example");
    HeldCertificate sevenDays = leaf(NOW.plus(Duration.ofDays(7)), "sip.seven.example");
    HeldCertificate justUnder = leaf(NOW.plus(Duration.ofDays(7)).minusSeconds(1), "sip.six.example");
    HeldCertificate later = leaf(NOW.plus(Duration.ofDays(200)), "edge.hoster.example");
    List<FederationReport> reports = List.of(
        report("later1.example", target("later1.example", "edge.hoster.example", 5061,
            later.chain())),
        single("seven.example", sevenDays),
        report("later2.example", target("later2.example", "edge.hoster.example", 443,
            later.chain())),
        single("old.example", expired),
        single("six.example", justUnder),
        report("down.example", unreachable("down.example", "sip.down.example", 5061)),
        Fleet.invalid("-bad-"));

    List<ExpiringCertificate> certs = CertificateExpiry.bands(reports, NOW);

    assertEquals(4, certs.size(), certs::toString);
    ExpiringCertificate old = certs.get(0);
    assertEquals(CertificateFingerprint.sha256(expired.certificate()), old.leafSha256());
    assertEquals(ExpiryBand.EXPIRED, old.band());
    assertEquals(-1, old.daysLeft());
    assertEquals(Duration.ofHours(-1), old.left());
    assertEquals(List.of("sip.old.example:5061"), old.endpoints());
    assertEquals(List.of("old.example"), old.tenants());

    ExpiringCertificate six = certs.get(1);
    assertEquals(ExpiryBand.UNDER_7_DAYS, six.band());
    assertEquals(6, six.daysLeft());
    ExpiringCertificate seven = certs.get(2);
    assertEquals(ExpiryBand.UNDER_30_DAYS, seven.band());
    assertEquals(7, seven.daysLeft());
    assertEquals(NOW.plus(Duration.ofDays(7)), seven.notAfter());

    ExpiringCertificate shared = certs.get(3);
    assertEquals(ExpiryBand.LATER, shared.band());
    assertEquals(200, shared.daysLeft());
    assertEquals(List.of("edge.hoster.example:443", "edge.hoster.example:5061"), shared.endpoints());
    assertEquals(List.of("later1.example", "later2.example"), shared.tenants());

    // Inclusive: exactly seven days left is within seven days; the expired one is too.
    assertEquals(List.of(old, six, seven),
        CertificateExpiry.expiringWithin(certs, Duration.ofDays(7)));
    assertEquals(List.of(old, six),
        CertificateExpiry.expiringWithin(certs, Duration.ofDays(7).minusSeconds(1)));
    assertEquals(List.of(old), CertificateExpiry.expiringWithin(certs, Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> CertificateExpiry.expiringWithin(certs, Duration.ofDays(-1)));
  }

  @Test
  void theSameReportsJudgedLaterGiveOtherBands() {
    HeldCertificate cert = leaf(NOW.plus(Duration.ofDays(40)), "sip.a.example");
    List<FederationReport> reports = List.of(single("a.example", cert));
    Instant in20Days = NOW.plus(Duration.ofDays(20));
    assertEquals(ExpiryBand.UNDER_90_DAYS, CertificateExpiry.bands(reports, NOW).get(0).band());
    assertEquals(ExpiryBand.UNDER_30_DAYS, CertificateExpiry.bands(reports, in20Days).get(0).band());
    assertEquals(ExpiryBand.EXPIRED,
        CertificateExpiry.bands(reports, NOW.plus(Duration.ofDays(41))).get(0).band());
  }

  @Test
  void inconsistentRecordsAreRefused() {
    String sha = CertificateFingerprint.sha256(leaf("x.example").certificate());
    Instant at = NOW.plus(Duration.ofDays(3));
    Duration left = Duration.ofDays(3);
    new ExpiringCertificate(sha, List.of("x.example:5061"), at, left, 3, ExpiryBand.UNDER_7_DAYS,
        List.of("x.example"));
    assertThrows(IllegalArgumentException.class, () -> new ExpiringCertificate(sha,
        List.of("x.example:5061"), at, left, 3, ExpiryBand.LATER, List.of("x.example")));
    assertThrows(IllegalArgumentException.class, () -> new ExpiringCertificate(sha,
        List.of("x.example:5061"), at, left, 2, ExpiryBand.UNDER_7_DAYS, List.of("x.example")));
    assertThrows(IllegalArgumentException.class, () -> new ExpiringCertificate(sha.toUpperCase(),
        List.of("x.example:5061"), at, left, 3, ExpiryBand.UNDER_7_DAYS, List.of("x.example")));
  }
}
