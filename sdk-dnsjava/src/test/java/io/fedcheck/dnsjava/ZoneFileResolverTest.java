package io.fedcheck.dnsjava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.CnameRecord;
import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.DomainResolver;
import io.fedcheck.api.DomainResolverProvider;
import io.fedcheck.api.RecordType;
import io.fedcheck.api.ResolverOptions;
import io.fedcheck.api.SrvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoneFileResolverTest {
  @TempDir Path dir;
  private ZoneFileResolver resolver;

  @BeforeEach
  void load() throws IOException {
    Path example = write("example.com.zone",
        "$TTL 3600",
        "@ IN SOA ns1 hostmaster 1 3600 600 86400 60",
        "@ IN NS ns1",
        "ns1 IN A 192.0.2.1",
        "_sipfederationtls._tcp IN SRV 0 0 5061 expe",
        "expe IN A 192.0.2.10",
        "alias IN CNAME expe",
        "away IN CNAME host.elsewhere.net.",
        "sub IN NS ns.sub",
        "ns.sub IN A 192.0.2.2");
    Path other = write("db.other",
        "$ORIGIN steven.lab.",
        "$TTL 300",
        "@ IN SOA ns1 hostmaster 1 3600 600 86400 60",
        "@ IN NS ns1",
        "_sipfederationtls._tcp.acano IN SRV 10 20 5061 vcse.steven.lab.",
        "vcse IN A 203.0.113.5",
        "toexample IN CNAME alias.example.com.");
    resolver = ZoneFileResolver.builder().zoneFile(example).zoneFile(other).build();
  }

  @Test
  void loadsEveryZone() {
    assertEquals(List.of("example.com", "steven.lab"), resolver.origins());
  }

  @Test
  void answersSrvAndA() throws Exception {
    DnsResult srv = resolve("_sipfederationtls._tcp.example.com", RecordType.SRV);
    assertEquals(DnsOutcome.ANSWER, srv.outcome());
    assertEquals(List.of(new SrvRecord("_sipfederationtls._tcp.example.com", 0, 0, 5061, "expe.example.com", 3600)),
        srv.srvRecords());
    DnsResult a = resolve("expe.example.com", RecordType.A);
    assertEquals(List.of(InetAddress.getByName("192.0.2.10")), a.addresses());
    DnsResult acano = resolve("_sipfederationtls._tcp.acano.steven.lab", RecordType.SRV);
    assertEquals("vcse.steven.lab", acano.srvRecords().get(0).target());
  }

  @Test
  void followsCnamesAcrossLoadedZones() throws Exception {
    DnsResult r = resolve("toexample.steven.lab", RecordType.A);
    assertEquals(DnsOutcome.ANSWER, r.outcome());
    assertEquals(List.of(new CnameRecord("toexample.steven.lab", "alias.example.com", 300),
        new CnameRecord("alias.example.com", "expe.example.com", 3600)), r.cnames());
    assertEquals(List.of(InetAddress.getByName("192.0.2.10")), r.addresses());
  }

  @Test
  void cnameLeavingTheZonesIsReportedWithTheChainOnly() {
    DnsResult r = resolve("away.example.com", RecordType.A);
    assertEquals(DnsOutcome.ANSWER, r.outcome());
    assertEquals(1, r.cnames().size());
    assertTrue(r.addresses().isEmpty());
    assertTrue(r.detail().contains("host.elsewhere.net"), r.detail());
  }

  @Test
  void nxdomainNoDataAndRefused() {
    assertEquals(DnsOutcome.NXDOMAIN, resolve("missing.example.com", RecordType.A).outcome());
    assertEquals(DnsOutcome.NO_DATA, resolve("expe.example.com", RecordType.AAAA).outcome());
    assertEquals(DnsOutcome.NO_DATA, resolve("_tcp.example.com", RecordType.SRV).outcome(), "empty non-terminal");
    DnsResult outside = resolve("example.org", RecordType.SRV);
    assertEquals(DnsOutcome.REFUSED, outside.outcome());
    assertTrue(outside.detail().contains("outside the loaded zones"), outside.detail());
    DnsResult delegated = resolve("host.sub.example.com", RecordType.A);
    assertEquals(DnsOutcome.REFUSED, delegated.outcome());
    assertTrue(delegated.detail().contains("delegated"), delegated.detail());
  }

  @Test
  void aSnippetWithoutSoaIsServedAtTheSuffixItsNamesShare() throws IOException {
    // What `fedcheck plan` prints: records for several domains, absolute names, no SOA.
    Path snippet = write("plan.txt", "$TTL 300",
        "_sipfederationtls._tcp.steven.lab. IN SRV 0 0 5061 vcse.steven.lab.",
        "_sipfederationtls._tcp.acano.steven.lab. IN SRV 0 0 5061 vcse.acano.steven.lab.",
        "vcse.steven.lab. IN A 198.51.100.47",
        "vcse.acano.steven.lab. IN A 198.51.100.47");
    try (ZoneFileResolver r = ZoneFileResolver.builder().zoneFile(snippet).build()) {
      assertEquals(List.of("steven.lab"), r.origins());
      DnsResult srv = r.resolve(new DnsQuery("_sipfederationtls._tcp.acano.steven.lab", RecordType.SRV,
          java.time.Duration.ofSeconds(1))).toCompletableFuture().join();
      assertEquals(DnsOutcome.ANSWER, srv.outcome());
      assertEquals("vcse.acano.steven.lab", srv.srvRecords().get(0).target());
      assertEquals(DnsOutcome.NXDOMAIN, r.resolve(new DnsQuery("_sipfederationtls._tcp.cms.steven.lab",
          RecordType.SRV, java.time.Duration.ofSeconds(1))).toCompletableFuture().join().outcome());
    }
  }

  @Test
  void badZoneFilesGiveClearErrors() throws IOException {
    Path empty = write("empty.lab.zone", "$TTL 60");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ZoneFileResolver.builder().zoneFile(empty).build());
    assertTrue(e.getMessage().contains("no records"), e.getMessage());

    Path broken = write("broken.lab.zone", "$TTL 60", "@ IN SOA ns1 hostmaster 1 2 3 4 5", "@ IN NS ns1",
        "x IN A not-an-address");
    e = assertThrows(IllegalArgumentException.class, () -> ZoneFileResolver.builder().zoneFile(broken).build());
    assertTrue(e.getMessage().contains("broken.lab.zone"), e.getMessage());

    assertThrows(UncheckedIOException.class,
        () -> ZoneFileResolver.builder().zoneFile(dir.resolve("absent.zone")).build());
    assertThrows(IllegalArgumentException.class, () -> ZoneFileResolver.builder().build());
  }

  @Test
  void providersChooseTheZoneFileResolverWhenZoneFilesAreGiven() {
    ResolverOptions options = ResolverOptions.ofDefaults().withZoneFiles(List.of(dir.resolve("example.com.zone")));
    List<String> names = ServiceLoader.load(DomainResolverProvider.class).stream()
        .map(p -> p.get().name()).sorted().toList();
    assertEquals(List.of("dnsjava", "zonefile"), names);
    try (DomainResolver viaDnsjava = new DnsjavaResolverProvider().create(options);
        DomainResolver viaZonefile = new ZoneFileResolverProvider().create(options)) {
      assertInstanceOf(ZoneFileResolver.class, viaDnsjava);
      assertInstanceOf(ZoneFileResolver.class, viaZonefile);
    }
    assertThrows(IllegalArgumentException.class,
        () -> new ZoneFileResolverProvider().create(ResolverOptions.ofDefaults()));
    assertTrue(new DnsjavaResolverProvider().priority() > new ZoneFileResolverProvider().priority());
  }

  private DnsResult resolve(String name, RecordType type) {
    return resolver.resolve(new DnsQuery(name, type, Duration.ofSeconds(1))).toCompletableFuture().join();
  }

  private Path write(String name, String... lines) throws IOException {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }
}
