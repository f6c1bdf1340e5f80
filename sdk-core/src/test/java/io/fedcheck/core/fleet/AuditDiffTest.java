package io.fedcheck.core.fleet;

import static io.fedcheck.core.fleet.Fleet.NOW;
import static io.fedcheck.core.fleet.Fleet.leaf;
import static io.fedcheck.core.fleet.Fleet.report;
import static io.fedcheck.core.fleet.Fleet.target;
import static io.fedcheck.core.fleet.Fleet.unreachable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Severity;
import io.fedcheck.api.Verdict;
import io.fedcheck.testkit.tls.HeldCertificate;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditDiffTest {
  private static final String D = "acme.example";
  private static final String SIP = "sip.acme.example";

  private static java.util.SortedSet<RuleId> rules(RuleId... ids) {
    return new java.util.TreeSet<>(List.of(ids));
  }

  private static DomainSnapshot snapshot(HeldCertificate cert) {
    return DomainSnapshot.of(report(D, target(D, SIP, 5061, cert.chain())));
  }

  @Test
  void snapshotKeepsVerdictProblemRulesAndCertificates() {
    HeldCertificate cert = leaf(NOW.plus(Duration.ofDays(100)), SIP, "a.acme.example");
    FederationReport r = report(D, target(D, SIP, 443, cert.chain()),
        unreachable(D, "sip2.acme.example", 5061));
    assertTrue(r.findings(RuleId.SRV_PORT_UNUSUAL).stream()
        .allMatch(f -> f.severity() == Severity.INFO));

    DomainSnapshot s = DomainSnapshot.of(r);

    assertEquals(D, s.asciiDomain());
    assertEquals(Verdict.FAIL, s.verdict());
    assertEquals(Set.of(RuleId.TLS_CONNECT_FAILED), s.rules()); // the INFO port fact is left out
    assertEquals(List.of(new EdgeCertificate(SIP, 443,
            CertificateFingerprint.sha256(cert.certificate()), List.of("a.acme.example", SIP),
            NOW.plus(Duration.ofDays(100)))),
        s.certificates());
    DomainSnapshot invalid = DomainSnapshot.of(Fleet.invalid("no domain"));
    assertEquals(Set.of(RuleId.DOMAIN_INVALID), invalid.rules());
    assertEquals(List.of(), invalid.certificates());
  }

  @Test
  void sameCertificateAndVerdictIsUnchanged() {
    HeldCertificate cert = leaf(SIP);
    DomainChange c = AuditDiff.compare(snapshot(cert), snapshot(cert));
    assertTrue(c.unchanged(), c::toString);
    assertEquals(Set.of(), c.addedRules());
  }

  @Test
  void aNewCertificateWithTheSameNamesAndLaterExpiryIsARenewal() {
    DomainSnapshot before = snapshot(leaf(NOW.plus(Duration.ofDays(20)), SIP));
    DomainSnapshot after = snapshot(leaf(NOW.plus(Duration.ofDays(380)), SIP));
    // Twenty days left draws the expiring-soon warning; the renewal clears it.
    assertEquals(Verdict.WARN, before.verdict());

    DomainChange c = AuditDiff.compare(before, after);

    assertEquals(EnumSet.of(ChangeKind.CERTIFICATE_RENEWED, ChangeKind.VERDICT_CHANGED,
        ChangeKind.RULES_CHANGED), c.kinds());
    assertEquals(Set.of(RuleId.CERT_EXPIRING_SOON), c.removedRules());
    assertEquals(List.of(SIP + ":5061"), c.renewedEndpoints());
    assertEquals(List.of(), c.replacedEndpoints());
  }

  @Test
  void aRenewalWithinTheSameVerdictIsOnlyARenewal() {
    DomainChange c = AuditDiff.compare(snapshot(leaf(NOW.plus(Duration.ofDays(200)), SIP)),
        snapshot(leaf(NOW.plus(Duration.ofDays(300)), SIP)));
    assertEquals(EnumSet.of(ChangeKind.CERTIFICATE_RENEWED), c.kinds());
  }

  @Test
  void otherNamesOrNoLaterExpiryIsAReplacement() {
    DomainSnapshot base = snapshot(leaf(NOW.plus(Duration.ofDays(300)), SIP));
    DomainChange names = AuditDiff.compare(base,
        snapshot(leaf(NOW.plus(Duration.ofDays(400)), SIP, "meet.acme.example")));
    assertEquals(EnumSet.of(ChangeKind.CERTIFICATE_REPLACED), names.kinds());
    assertEquals(List.of(SIP + ":5061"), names.replacedEndpoints());

    DomainChange rollback = AuditDiff.compare(base,
        snapshot(leaf(NOW.plus(Duration.ofDays(200)), SIP)));
    assertEquals(EnumSet.of(ChangeKind.CERTIFICATE_REPLACED), rollback.kinds());
  }

  @Test
  void aWrongCertificateMakesTheDomainNewlyFailingAndTheRightOneFixesIt() {
    DomainSnapshot good = snapshot(leaf(SIP));
    DomainSnapshot wrong = snapshot(leaf("www.acme.example"));
    assertEquals(Verdict.PASS, good.verdict());
    assertEquals(Verdict.FAIL, wrong.verdict());

    DomainChange broke = AuditDiff.compare(good, wrong);
    assertEquals(EnumSet.of(ChangeKind.NEWLY_FAILING, ChangeKind.VERDICT_CHANGED,
        ChangeKind.RULES_CHANGED, ChangeKind.CERTIFICATE_REPLACED), broke.kinds());
    assertEquals(Set.of(RuleId.CERT_NAME_MISMATCH), broke.addedRules());
    assertEquals(Verdict.PASS, broke.oldVerdict());
    assertEquals(Verdict.FAIL, broke.newVerdict());

    DomainChange fixed = AuditDiff.compare(wrong, good);
    assertEquals(EnumSet.of(ChangeKind.FIXED, ChangeKind.VERDICT_CHANGED,
        ChangeKind.RULES_CHANGED, ChangeKind.CERTIFICATE_REPLACED), fixed.kinds());
    assertEquals(Set.of(RuleId.CERT_NAME_MISMATCH), fixed.removedRules());
  }

  @Test
  void failToUnknownIsNotAFix() {
    DomainSnapshot failing = new DomainSnapshot(D, Verdict.FAIL, rules(RuleId.SRV_MISSING),
        List.of());
    DomainSnapshot unknown = new DomainSnapshot(D, Verdict.UNKNOWN,
        rules(RuleId.DNS_LOOKUP_FAILED), List.of());
    assertEquals(EnumSet.of(ChangeKind.VERDICT_CHANGED, ChangeKind.RULES_CHANGED),
        AuditDiff.compare(failing, unknown).kinds());
    assertEquals(EnumSet.of(ChangeKind.NEWLY_FAILING, ChangeKind.VERDICT_CHANGED,
        ChangeKind.RULES_CHANGED), AuditDiff.compare(unknown, failing).kinds());
  }

  @Test
  void addedAndRemovedDomains() {
    DomainSnapshot failing = snapshot(leaf("www.acme.example"));
    DomainChange added = AuditDiff.compare(null, failing);
    // A domain that first appears failing is ADDED, not NEWLY_FAILING: there was nothing before.
    assertEquals(EnumSet.of(ChangeKind.ADDED), added.kinds());
    assertNull(added.oldVerdict());
    assertEquals(Verdict.FAIL, added.newVerdict());
    assertEquals(Set.of(RuleId.CERT_NAME_MISMATCH), added.addedRules());

    DomainChange removed = AuditDiff.compare(failing, null);
    assertEquals(EnumSet.of(ChangeKind.REMOVED), removed.kinds());
    assertNull(removed.newVerdict());
    assertEquals(Set.of(RuleId.CERT_NAME_MISMATCH), removed.removedRules());

    assertThrows(IllegalArgumentException.class, () -> AuditDiff.compare(null, null));
    DomainSnapshot other = DomainSnapshot.of(report("other.example", target("other.example",
        "sip.other.example", 5061, leaf("sip.other.example").chain())));
    assertThrows(IllegalArgumentException.class, () -> AuditDiff.compare(failing, other));
  }

  @Test
  void aTargetThatStopsPresentingACertificateIsARuleChangeNotACertificateChange() {
    DomainSnapshot up = snapshot(leaf(SIP));
    DomainSnapshot down = DomainSnapshot.of(report(D, unreachable(D, SIP, 5061)));
    DomainChange c = AuditDiff.compare(up, down);
    assertEquals(EnumSet.of(ChangeKind.NEWLY_FAILING, ChangeKind.VERDICT_CHANGED,
        ChangeKind.RULES_CHANGED), c.kinds());
    assertEquals(Set.of(RuleId.TLS_CONNECT_FAILED), c.addedRules());
  }

  @Test
  void snapshotsCopyAndRefuseDuplicateEndpoints() {
    String sha = CertificateFingerprint.sha256(leaf(SIP).certificate());
    EdgeCertificate c = new EdgeCertificate(SIP, 5061, sha, List.of(SIP), NOW);
    assertThrows(IllegalArgumentException.class,
        () -> new DomainSnapshot(D, Verdict.PASS, rules(), List.of(c, c)));
    assertThrows(IllegalArgumentException.class,
        () -> new EdgeCertificate(SIP, 5061, "", List.of(SIP), NOW));
    java.util.TreeSet<RuleId> rules = new java.util.TreeSet<>(Set.of(RuleId.CERT_EXPIRED));
    DomainSnapshot s = new DomainSnapshot(D, Verdict.FAIL, rules, List.of(c));
    rules.add(RuleId.CERT_UNTRUSTED);
    assertEquals(Set.of(RuleId.CERT_EXPIRED), s.rules());
    assertThrows(UnsupportedOperationException.class, () -> s.rules().add(RuleId.SRV_MISSING));
  }
}
