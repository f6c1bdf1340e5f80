package io.fedcheck.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.AddressRecord;
import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.DnsRecord;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.DomainResolver;
import io.fedcheck.api.RecordType;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.SrvRecord;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class VerifyZoneTest {

  /** A DNS in a map: name and type to records; a missing name is NXDOMAIN. */
  private static final class MapResolver implements DomainResolver {
    final Map<String, List<DnsRecord>> records = new HashMap<>();
    final Map<String, DnsOutcome> failures = new HashMap<>();
    final List<DnsQuery> asked = new ArrayList<>();
    boolean hang;

    MapResolver srv(String domain, String target, int port) {
      records.computeIfAbsent(key("_sipfederationtls._tcp." + domain, RecordType.SRV), k -> new ArrayList<>())
          .add(new SrvRecord("_sipfederationtls._tcp." + domain, 0, 0, port, target, 3600));
      return this;
    }

    MapResolver a(String name, String ip) throws Exception {
      records.computeIfAbsent(key(name, RecordType.A), k -> new ArrayList<>())
          .add(new AddressRecord(name, InetAddress.getByName(ip), 3600));
      return this;
    }

    static String key(String name, RecordType type) {
      return name + "/" + type;
    }

    @Override
    public synchronized CompletionStage<DnsResult> resolve(DnsQuery query) {
      asked.add(query);
      if (hang) {
        return new CompletableFuture<>();
      }
      DnsOutcome failure = failures.get(query.name());
      if (failure != null) {
        return CompletableFuture.completedFuture(DnsResult.of(query, failure, "test", Duration.ZERO));
      }
      List<DnsRecord> r = records.get(key(query.name(), query.type()));
      return CompletableFuture.completedFuture(r == null
          ? DnsResult.of(query, DnsOutcome.NXDOMAIN, "", Duration.ZERO)
          : DnsResult.answer(query, r, Duration.ZERO));
    }
  }

  private static MapResolver seedZone() throws Exception {
    MapResolver r = new MapResolver();
    for (String d : List.of("steven.lab", "acano.steven.lab", "cms.steven.lab")) {
      r.srv(d, "vcse." + d, 5061).a("vcse." + d, "198.51.100.47");
    }
    return r;
  }

  @Test
  void zoneAsPlannedHasNoDiscrepancy() throws Exception {
    MapResolver r = seedZone();
    assertEquals(List.of(), PlanVerifier.verifyZone(EdgePlanTest.seedLab(), r));
    assertEquals(6, r.asked.size(), "one SRV and one A query per domain");
  }

  @Test
  void theSeedsBrokenLabIsReported() throws Exception {
    MapResolver r = new MapResolver();
    // As in the seed: acano points at the parent domain's host, cms at a subdomain host, and
    // steven.lab's target has a different address.
    r.srv("steven.lab", "vcse.steven.lab", 5061).a("vcse.steven.lab", "198.51.100.99");
    r.srv("acano.steven.lab", "vcse.steven.lab", 5061);
    r.srv("cms.steven.lab", "vcse.sub.cms.steven.lab", 5061).a("vcse.sub.cms.steven.lab", "198.51.100.47");
    List<PlanDiscrepancy> found = PlanVerifier.verifyZone(EdgePlanTest.seedLab(), r);
    assertEquals(List.of(
            PlanDiscrepancy.Kind.A_ADDRESS_MISSING, PlanDiscrepancy.Kind.A_ADDRESS_EXTRA,
            PlanDiscrepancy.Kind.SRV_DIFFERENT, PlanDiscrepancy.Kind.SRV_EXTRA, PlanDiscrepancy.Kind.A_MISSING,
            PlanDiscrepancy.Kind.SRV_DIFFERENT, PlanDiscrepancy.Kind.SRV_EXTRA, PlanDiscrepancy.Kind.A_MISSING),
        found.stream().map(PlanDiscrepancy::kind).toList(), found::toString);
    PlanDiscrepancy extra = found.get(3);
    assertEquals("vcse.steven.lab", extra.actual());
    assertEquals(RuleId.SRV_TARGET_DOMAIN_MISMATCH, extra.rule());
    assertTrue(extra.message().contains("1009"), extra.message());
    assertTrue(found.get(2).message().contains("publish _sipfederationtls._tcp.acano.steven.lab. SRV 0 0 5061 vcse.acano.steven.lab."),
        found.get(2).message());
    assertEquals(RuleId.SRV_TARGET_NO_ADDRESS, found.get(4).rule());
  }

  @Test
  void missingSrvAndWrongPortAreReported() throws Exception {
    MapResolver r = seedZone();
    r.records.remove(MapResolver.key("_sipfederationtls._tcp.cms.steven.lab", RecordType.SRV));
    r.records.remove(MapResolver.key("_sipfederationtls._tcp.steven.lab", RecordType.SRV));
    r.srv("steven.lab", "vcse.steven.lab", 5062);
    List<PlanDiscrepancy> found = PlanVerifier.verifyZone(EdgePlanTest.seedLab(), r);
    assertEquals(List.of(PlanDiscrepancy.Kind.SRV_DIFFERENT, PlanDiscrepancy.Kind.SRV_MISSING),
        found.stream().map(PlanDiscrepancy::kind).toList(), found::toString);
    assertEquals(RuleId.SRV_MISSING, found.get(1).rule());
    assertEquals("NXDOMAIN", found.get(1).actual());
  }

  @Test
  void inconclusiveLookupsSayNothingButThatTheyFailed() throws Exception {
    MapResolver r = seedZone();
    r.failures.put("_sipfederationtls._tcp.acano.steven.lab", DnsOutcome.SERVFAIL);
    List<PlanDiscrepancy> found = PlanVerifier.verifyZone(EdgePlanTest.seedLab(), r);
    assertEquals(1, found.size(), found::toString);
    assertEquals(PlanDiscrepancy.Kind.LOOKUP_FAILED, found.get(0).kind());
    assertEquals(RuleId.DNS_LOOKUP_FAILED, found.get(0).rule());
    assertTrue(found.get(0).actual().startsWith("SERVFAIL"));
  }

  @Test
  void aResolverThatNeverAnswersEndsWithinTheDeadline() throws Exception {
    MapResolver r = seedZone();
    r.hang = true;
    List<PlanDiscrepancy> found = assertTimeoutPreemptively(Duration.ofSeconds(15),
        () -> PlanVerifier.verifyZone(EdgePlanTest.seedLab(), r, Duration.ofMillis(200)));
    assertEquals(6, found.size());
    assertTrue(found.stream().allMatch(d -> d.kind() == PlanDiscrepancy.Kind.LOOKUP_FAILED));
  }

  @Test
  void aResolverThatThrowsIsALookupFailure() {
    DomainResolver broken = q -> {
      throw new IllegalStateException("misconfigured");
    };
    List<PlanDiscrepancy> found = PlanVerifier.verifyZone(EdgePlanTest.seedLab(), broken);
    assertEquals(6, found.size());
    assertTrue(found.get(0).actual().contains("misconfigured"), found.get(0).actual());
  }
}
