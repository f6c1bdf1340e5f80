package io.fedcheck.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgePlanTest {

  static EdgePlan seedLab() {
    return EdgePlan.builder()
        .domains("steven.lab", "acano.steven.lab", "cms.steven.lab")
        .hostLabel("vcse")
        .address("198.51.100.47")
        .build();
  }

  @Test
  void seedLabZoneMatchesGoldenText() throws IOException {
    String golden;
    try (InputStream in = getClass().getResourceAsStream("/plan/steven-lab.zone")) {
      golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(golden, seedLab().toZoneFile());
  }

  @Test
  void subjectAltNamesAreEveryTargetNotTheBareDomains() {
    assertEquals(List.of("vcse.steven.lab", "vcse.acano.steven.lab", "vcse.cms.steven.lab"),
        seedLab().subjectAltNames());
  }

  @Test
  void explicitTargetsAndLabelCombineAndNormalize() {
    EdgePlan plan = EdgePlan.builder()
        .domains("Example.COM.", "b.example")
        .hostLabel("sip")
        .target("b.example", "Edge.B.Example.")
        .address("203.0.113.1").address("203.0.113.2")
        .ttl(300)
        .build();
    assertEquals(List.of(new PlannedDomain("example.com", "sip.example.com"), new PlannedDomain("b.example", "edge.b.example")),
        plan.domains());
    String zone = plan.toZoneFile();
    assertTrue(zone.contains("_sipfederationtls._tcp.b.example. 300 IN SRV 0 0 5061 edge.b.example.\n"), zone);
    assertTrue(zone.contains("edge.b.example. 300 IN A 203.0.113.2\n"), zone);
    assertEquals(7, zone.lines().count(), zone);
  }

  @Test
  void explicitMapAloneIsEnough() {
    EdgePlan plan = EdgePlan.builder().targets(Map.of("steven.lab", "vcse.steven.lab")).address("203.0.113.1").build();
    assertEquals(List.of("vcse.steven.lab"), plan.subjectAltNames());
  }

  @Test
  void targetOutsideItsDomainIsRefusedNaming1009() {
    InvalidPlanException e = assertThrows(InvalidPlanException.class, () -> EdgePlan.builder()
        .target("acano.steven.lab", "vcse.steven.lab")
        .target("cms.steven.lab", "vcse.sub.cms.steven.lab")
        .address("203.0.113.1").build());
    assertEquals(2, e.problems().size(), e.getMessage());
    assertTrue(e.problems().get(0).contains("another domain (steven.lab)"), e.getMessage());
    assertTrue(e.problems().get(0).contains("ms-diagnostics 1009"), e.getMessage());
    assertTrue(e.problems().get(1).contains("subdomain of cms.steven.lab"), e.getMessage());
  }

  @Test
  void everyInputProblemIsListedAtOnce() {
    InvalidPlanException e = assertThrows(InvalidPlanException.class, () -> EdgePlan.builder()
        .domains("good.example", "bad..example")
        .hostLabel("a.b")
        .address("2001:db8::1").address("not-an-ip")
        .build());
    String all = e.getMessage();
    assertTrue(all.contains("bad..example"), all);
    assertTrue(all.contains("host label"), all);
    assertTrue(all.contains("not an IPv4 address"), all);
    assertTrue(all.contains("not-an-ip"), all);
  }

  @Test
  void missingPiecesAreRefused() {
    assertThrows(InvalidPlanException.class, () -> EdgePlan.builder().address("203.0.113.1").build());
    InvalidPlanException noAddress = assertThrows(InvalidPlanException.class,
        () -> EdgePlan.builder().domains("example.com").hostLabel("sip").build());
    assertTrue(noAddress.getMessage().contains("no IPv4 address"));
    InvalidPlanException noLabel = assertThrows(InvalidPlanException.class,
        () -> EdgePlan.builder().domains("example.com").address("203.0.113.1").build());
    assertTrue(noLabel.getMessage().contains("no target for example.com"));
    assertThrows(InvalidPlanException.class, () -> new PlannedDomain("example.com", "example.com"));
    assertThrows(InvalidPlanException.class, () -> EdgePlan.builder().domains("example.com")
        .hostLabel("sip").address("203.0.113.1").port(0).build());
  }

  @Test
  void privateAddressesAreWarnedAbout() {
    assertEquals(List.of(), seedLab().warnings());
    EdgePlan lab = EdgePlan.builder().domains("steven.lab").hostLabel("vcse").address("10.48.36.47").build();
    assertEquals(1, lab.warnings().size());
    assertTrue(lab.warnings().get(0).startsWith("10.48.36.47 is a private address"), lab.warnings().get(0));
    assertTrue(lab.toZoneFile().contains("vcse.steven.lab. 3600 IN A 10.48.36.47"), "still planned, only warned");
  }

  @Test
  void sameDomainTwiceIsOneEntry() {
    EdgePlan plan = EdgePlan.builder().domains("example.com", "EXAMPLE.com").hostLabel("sip")
        .address("203.0.113.1").build();
    assertEquals(1, plan.domains().size());
  }
}
