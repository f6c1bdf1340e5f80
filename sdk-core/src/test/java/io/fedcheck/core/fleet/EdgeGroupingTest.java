package io.fedcheck.core.fleet;

import static io.fedcheck.core.fleet.Fleet.NOW;
import static io.fedcheck.core.fleet.Fleet.a;
import static io.fedcheck.core.fleet.Fleet.alias;
import static io.fedcheck.core.fleet.Fleet.leaf;
import static io.fedcheck.core.fleet.Fleet.report;
import static io.fedcheck.core.fleet.Fleet.target;
import static io.fedcheck.core.fleet.Fleet.unreachable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.DomainObservation;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Finding;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Severity;
import io.fedcheck.api.Verdict;
import io.fedcheck.testkit.tls.HeldCertificate;
import io.fedcheck.testkit.tls.SignatureHash;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgeGroupingTest {
  /** The shared hosting edge's certificate: it names another host, not edge.hoster.example. */
  private static final HeldCertificate WRONG_NAME = leaf("other.hoster.example", "www.hoster.example");

  private static List<FederationReport> tenantsBehind(String fqdn, List<X509Certificate> chain,
      String prefix, int count) {
    List<FederationReport> out = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      String domain = String.format("%s%03d.example", prefix, i);
      out.add(report(domain, target(domain, fqdn, 5061, chain)));
    }
    return out;
  }

  @Test
  void theEssentialsOfTheReportsGiveTheSameEdgesAndCalendar() {
    List<FederationReport> reports = new ArrayList<>();
    reports.addAll(tenantsBehind("edge2.hoster.example", leaf("other.hoster.example").chain(), "small", 3));
    reports.addAll(tenantsBehind("edge.hoster.example", WRONG_NAME.chain(), "tenant", 20));
    reports.add(report("good.example", target("good.example", "sip.good.example", 5061,
        leaf("sip.good.example").chain())));
    reports.add(report("down.example", unreachable("down.example", "sip.down.example", 5061)));
    List<FederationReport> essentials = reports.stream().map(FleetReports::essentials).toList();

    assertEquals(EdgeGrouping.byEdge(reports), EdgeGrouping.byEdge(essentials));
    assertEquals(CertificateExpiry.bands(reports, NOW), CertificateExpiry.bands(essentials, NOW));
    // Much less is kept: no INFO facts, no messages, no lookups, no timings.
    FederationReport full = reports.get(3);
    FederationReport kept = essentials.get(3);
    assertTrue(full.findings().stream().anyMatch(f -> f.severity() == Severity.INFO));
    assertTrue(kept.findings().stream().noneMatch(f -> f.severity() == Severity.INFO));
    assertTrue(kept.findings().stream().allMatch(f -> f.message().equals(FleetReports.MESSAGE_NOT_KEPT)));
    assertEquals(full.verdict(), kept.verdict());
    assertEquals(1, kept.observation().targets().get(0).certificate().chain().size());
    assertTrue(kept.timings().isEmpty());
    assertEquals("not.kept", kept.observation().targets().get(0).addressLookup().query().name());
  }

  @Test
  void twoHundredTenantsWithANameMismatchGiveOneActionRankedAboveASmallerEdge() {
    List<FederationReport> reports = new ArrayList<>();
    reports.addAll(tenantsBehind("edge2.hoster.example",
        leaf("other.hoster.example").chain(), "small", 3));
    reports.addAll(tenantsBehind("edge.hoster.example", WRONG_NAME.chain(), "tenant", 200));
    String good = "good.example";
    reports.add(report(good, target(good, "sip.good.example", 5061,
        leaf("sip.good.example").chain())));
    // The rules really report the mismatch, and the hosting provider only as an INFO fact.
    FederationReport first = reports.get(3);
    assertEquals(Verdict.FAIL, first.verdict());
    assertTrue(first.has(RuleId.CERT_NAME_MISMATCH));
    assertEquals(Severity.INFO, first.findings(RuleId.SRV_TARGET_HOSTING_PROVIDER).get(0).severity());

    List<Edge> edges = EdgeGrouping.byEdge(reports);

    assertEquals(3, edges.size());
    Edge big = edges.get(0);
    assertEquals("edge.hoster.example", big.fqdn());
    assertEquals(5061, big.port());
    assertEquals(CertificateFingerprint.sha256(WRONG_NAME.certificate()), big.leafSha256());
    assertEquals(200, big.tenants().size());
    assertEquals("tenant001.example", big.tenants().get(0));
    assertEquals("tenant200.example", big.tenants().get(199));
    assertEquals(200, big.failingTenants());
    assertEquals(Map.of(Verdict.PASS, 0, Verdict.WARN, 0, Verdict.FAIL, 200, Verdict.UNKNOWN, 0),
        big.verdictCounts());

    assertEquals(List.of(RuleId.CERT_NAME_MISMATCH),
        big.actions().stream().map(EdgeAction::rule).toList());
    EdgeAction fix = big.actions().get(0);
    assertEquals(RuleId.CERT_NAME_MISMATCH, fix.rule());
    assertEquals(big.tenants(), fix.tenants());
    assertEquals(200, fix.failingTenants());
    // The rule matches the certificate against the SRV target: that one name is missing.
    assertEquals(List.of("edge.hoster.example"), fix.sanNamesToAdd());
    assertTrue(fix.remediation().startsWith("Add edge.hoster.example to the subjectAltName (SAN)"
        + " list of the certificate on edge.hoster.example:5061 (keep the names it already lists:"
        + " other.hoster.example, www.hoster.example)"), fix.remediation());
    assertTrue(fix.remediation().contains("for 200 tenants (200 failing)"), fix.remediation());

    Edge small = edges.get(1);
    assertEquals("edge2.hoster.example", small.fqdn());
    assertEquals(3, small.failingTenants());
    assertEquals(List.of("small001.example", "small002.example", "small003.example"),
        small.actions().get(0).tenants());

    Edge passing = edges.get(2);
    assertEquals("sip.good.example", passing.fqdn());
    assertEquals(List.of("good.example"), passing.tenants());
    assertEquals(1, passing.verdictCounts().get(Verdict.PASS));
    assertEquals(List.of(), passing.actions());
  }

  @Test
  void tenantsWithTheirOwnTargetNamesOnOneCertificateAreOneEdgeAndOneActionListingEveryName() {
    // A hosting provider's 200 tenants each publish sip.<tenant> for the same edge: one certificate
    // on one port, which names none of them. The fix is one reissue with 200 names.
    List<FederationReport> reports = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      String domain = String.format("tenant%03d.example", i);
      reports.add(report(domain, target(domain, "sip." + domain, 5061, WRONG_NAME.chain())));
    }
    assertTrue(reports.get(0).has(RuleId.CERT_NAME_MISMATCH));

    List<Edge> edges = EdgeGrouping.byEdge(reports);

    assertEquals(1, edges.size(), "one certificate on one port is one edge");
    Edge edge = edges.get(0);
    assertEquals(200, edge.fqdns().size());
    assertEquals("sip.tenant001.example", edge.fqdn(), "ties go to the first name");
    assertEquals(200, edge.failingTenants());
    assertEquals(1, edge.actions().size());
    EdgeAction fix = edge.actions().get(0);
    assertEquals(RuleId.CERT_NAME_MISMATCH, fix.rule());
    assertEquals(200, fix.sanNamesToAdd().size());
    assertEquals("sip.tenant001.example", fix.sanNamesToAdd().get(0));
    assertEquals("sip.tenant200.example", fix.sanNamesToAdd().get(199));
    assertEquals(200, fix.failingTenants());
    assertTrue(fix.remediation().contains("(reached by 200 SRV target names)"), fix.remediation());
  }

  @Test
  void infoFindingsMakeNoActions() {
    // The hosting-provider fact is INFO, as is an unusual port: a clean edge has nothing to fix.
    String d = "hosted.example";
    FederationReport r = report(d, target(d, "edge.hoster.example", 443,
        leaf("edge.hoster.example").chain()));
    assertTrue(r.has(RuleId.SRV_TARGET_HOSTING_PROVIDER));
    assertTrue(r.has(RuleId.SRV_PORT_UNUSUAL));
    assertTrue(r.findings().stream().allMatch(f -> f.severity() == Severity.INFO), r::toString);

    Edge e = EdgeGrouping.byEdge(List.of(r)).get(0);
    assertEquals(443, e.port());
    assertEquals(List.of(), e.actions());
  }

  @Test
  void actionsAreRankedByFailingTenantsThenTenantsThenRuleName() {
    // One certificate for four tenants: signed with SHA-1 and expiring in ten days (two warnings
    // for all four, one of whom fails); three tenants reach the edge through a CNAME (a warning,
    // none of them failing); one tenant's address is private (an error: it fails).
    HeldCertificate weak = HeldCertificate.builder().signedBy(Fleet.ROOT)
        .commonName("edge.hoster.example").subjectAlternativeNames("edge.hoster.example")
        .signatureHash(SignatureHash.SHA1)
        .validity(NOW.minus(Duration.ofDays(80)), NOW.plus(Duration.ofDays(10))).build();
    String fqdn = "edge.hoster.example";
    List<FederationReport> reports = new ArrayList<>();
    reports.add(report("a.example",
        target("a.example", fqdn, 5061, a(fqdn, "10.1.2.3"), weak.chain())));
    for (String d : List.of("b.example", "c.example", "d.example")) {
      reports.add(report(d,
          target(d, fqdn, 5061, alias(fqdn, "lb.hoster.example", "192.0.2.10"), weak.chain())));
    }
    assertEquals(Verdict.FAIL, reports.get(0).verdict());
    assertEquals(Verdict.WARN, reports.get(3).verdict());

    Edge e = EdgeGrouping.byEdge(reports).get(0);

    // Equal failing tenants: more tenants first, then rule name; one failing tenant outranks three
    // that do not fail.
    assertEquals(List.of(RuleId.CERT_EXPIRING_SOON, RuleId.CERT_WEAK_SIGNATURE,
            RuleId.TARGET_ADDRESS_NOT_PUBLIC, RuleId.SRV_TARGET_IS_ALIAS),
        e.actions().stream().map(EdgeAction::rule).toList());
    EdgeAction expiring = e.actions().get(0);
    assertEquals(4, expiring.tenants().size());
    assertEquals(1, expiring.failingTenants());
    EdgeAction address = e.actions().get(2);
    assertEquals(List.of("a.example"), address.tenants());
    assertEquals(1, address.failingTenants());
    EdgeAction cname = e.actions().get(3);
    assertEquals(List.of("b.example", "c.example", "d.example"), cname.tenants());
    assertEquals(0, cname.failingTenants());
    // The alias remediation names each tenant's domain: one text with a placeholder covers all.
    assertTrue(cname.remediation().contains("<tenant>"), cname.remediation());
    assertFalse(cname.remediation().contains("b.example"), cname.remediation());
    assertTrue(cname.remediation().contains("for 3 tenants (0 failing)"), cname.remediation());
    assertEquals(List.of(), cname.sanNamesToAdd());
  }

  @Test
  void aTenantBelongsToEveryEdgeItsTargetsNameAndTargetFindingsStayOnTheirEdge() {
    String d = "multi.example";
    HeldCertificate cert = leaf("sip.multi.example");
    FederationReport r = report(d,
        target(d, "sip.multi.example", 5061, cert.chain()),
        unreachable(d, "sip2.multi.example", 5061));
    assertTrue(r.has(RuleId.TLS_CONNECT_FAILED));

    List<Edge> edges = EdgeGrouping.byEdge(List.of(r, Fleet.invalid("not a domain!")));

    assertEquals(2, edges.size());
    Edge down = edges.stream().filter(x -> x.fqdn().equals("sip2.multi.example")).findFirst()
        .orElseThrow();
    Edge up = edges.stream().filter(x -> x.fqdn().equals("sip.multi.example")).findFirst()
        .orElseThrow();
    assertEquals("", down.leafSha256());
    assertEquals(CertificateFingerprint.sha256(cert.certificate()), up.leafSha256());
    assertEquals(List.of(d), down.tenants());
    assertEquals(List.of(d), up.tenants());
    assertEquals(List.of(RuleId.TLS_CONNECT_FAILED),
        down.actions().stream().map(EdgeAction::rule).toList());
    assertEquals(List.of(), up.actions());
  }

  @Test
  void findingsAttachByExactNameAndPortOrAsDomainLevel() {
    String d = "a.example";
    Finding tls = Finding.of(RuleId.TLS_CONNECT_FAILED, "sip.a.example", "no connection", "fix",
        Map.of("domain", d, "endpoint", "sip.a.example:5061"));
    assertTrue(EdgeGrouping.attaches(tls, d, "sip.a.example", 5061));
    assertFalse(EdgeGrouping.attaches(tls, d, "sip.a.example", 443));

    Finding cert = Finding.of(RuleId.CERT_EXPIRED, "sip.a.example.au", "expired", "fix",
        Map.of("domain", d, "target", "sip.a.example.au"));
    assertFalse(EdgeGrouping.attaches(cert, d, "sip.a.example", 5061));
    assertTrue(EdgeGrouping.attaches(cert, d, "sip.a.example.au", 5061));
    assertTrue(EdgeGrouping.attaches(cert, d, "sip.a.example.au", 443));

    Finding port = Finding.of(RuleId.SRV_PORT_UNUSUAL, "sip.a.example", "port", "fix",
        Map.of("domain", d, "target", "sip.a.example", "port", "443"));
    assertTrue(EdgeGrouping.attaches(port, d, "sip.a.example", 443));
    assertFalse(EdgeGrouping.attaches(port, d, "sip.a.example", 5061));

    Finding domainLevel = Finding.of(RuleId.DNS_LOOKUP_FAILED, DomainObservation.srvName(d),
        "partial", "fix", Map.of("domain", d));
    assertTrue(EdgeGrouping.attaches(domainLevel, d, "sip.a.example", 5061));
    assertTrue(EdgeGrouping.attaches(domainLevel, d, "sip2.a.example", 443));
    assertFalse(EdgeGrouping.attaches(domainLevel, "b.example", "sip.a.example", 5061));
  }

  @Test
  void aDomainLevelWarningBecomesAnActionOnEveryEdgeOfTheTenant() {
    String d = "two.example";
    FederationReport base = report(d,
        target(d, "sip.two.example", 5061, leaf("sip.two.example").chain()),
        target(d, "sip2.two.example", 5061, leaf("sip2.two.example").chain()));
    List<Finding> findings = new ArrayList<>(base.findings());
    findings.add(Finding.of(RuleId.DNS_LOOKUP_FAILED, DomainObservation.srvName(d),
        "The SRV lookup of " + d + " timed out once.", "Check the DNS servers of " + d + ".",
        Map.of("domain", d)));
    FederationReport r = new FederationReport(d, d, Verdict.UNKNOWN, findings, base.observation(),
        List.of(), NOW);

    List<Edge> edges = EdgeGrouping.byEdge(List.of(r));

    assertEquals(2, edges.size());
    for (Edge e : edges) {
      assertEquals(List.of(RuleId.DNS_LOOKUP_FAILED),
          e.actions().stream().map(EdgeAction::rule).toList(), e.fqdn());
      assertEquals(1, e.verdictCounts().get(Verdict.UNKNOWN));
    }
  }

  @Test
  void aDomainReportedTwiceIsCountedOnce() {
    FederationReport r = report("twice.example", target("twice.example", "edge.hoster.example",
        5061, WRONG_NAME.chain()));
    Edge e = EdgeGrouping.byEdge(List.of(r, r)).get(0);
    assertEquals(List.of("twice.example"), e.tenants());
    assertEquals(1, e.failingTenants());
    assertEquals(1, e.actions().get(0).tenants().size());
  }

  @Test
  void recordsValidateAndCopy() {
    List<String> tenants = new ArrayList<>(List.of("b.example", "a.example"));
    EdgeAction action = new EdgeAction(RuleId.CERT_EXPIRED, "Renew it.", tenants, 2, List.of());
    tenants.add("c.example");
    assertEquals(List.of("a.example", "b.example"), action.tenants());
    assertThrows(IllegalArgumentException.class,
        () -> new EdgeAction(RuleId.CERT_EXPIRED, "Renew it.", List.of("a.example"), 2, List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> new EdgeAction(RuleId.CERT_EXPIRED, "Renew.", List.of("a.example"), 0, List.of("x")));
    assertThrows(IllegalArgumentException.class,
        () -> new Edge("x.example", List.of("x.example"), 5061, "ABC", List.of("a.example"), Map.of(Verdict.PASS, 1),
            List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> new Edge("x.example", List.of("x.example"), 5061, "", List.of("a.example"), Map.of(Verdict.PASS, 2),
            List.of()));
    assertThrows(UnsupportedOperationException.class,
        () -> new Edge("x.example", List.of("x.example"), 5061, "", List.of("a.example"), Map.of(Verdict.PASS, 1),
            List.of()).verdictCounts().put(Verdict.FAIL, 1));
  }
}
