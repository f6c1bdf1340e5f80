package io.fedcheck.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

  @Test
  void srvRecordIsCanonicalized() {
    SrvRecord r = new SrvRecord("_SIPFederationTLS._tcp.Example.COM.", 0, 0, 5061, "Expe.Example.com.", 300);
    assertEquals("_sipfederationtls._tcp.example.com", r.name());
    assertEquals("expe.example.com", r.target());
    assertFalse(r.isNotAvailable());
    assertTrue(new SrvRecord("x.example", 0, 0, 0, ".", 0).isNotAvailable());
  }

  @Test
  void srvRecordRejectsOutOfRangeFields() {
    assertThrows(IllegalArgumentException.class, () -> new SrvRecord("a", -1, 0, 5061, "b", 1));
    assertThrows(IllegalArgumentException.class, () -> new SrvRecord("a", 0, 0, 65536, "b", 1));
    assertThrows(IllegalArgumentException.class, () -> new SrvRecord("a", 0, 0, 1, "b", -1));
    assertThrows(IllegalArgumentException.class, () -> new SrvRecord("a", 0, 0, 1, "b\u0000c", 1));
  }

  @Test
  void dnsResultSeparatesRecordKinds() throws Exception {
    DnsQuery q = new DnsQuery("vcse.example.com", RecordType.A, Duration.ofSeconds(1));
    InetAddress addr = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1});
    DnsResult r = DnsResult.answer(q, List.of(
        new CnameRecord("vcse.example.com", "edge.example.net", 60),
        new AddressRecord("edge.example.net", addr, 60)), Duration.ZERO);
    assertEquals(List.of(addr), r.addresses());
    assertEquals(1, r.cnames().size());
    assertTrue(r.srvRecords().isEmpty());
    assertTrue(DnsOutcome.NXDOMAIN.isConclusive());
    assertFalse(DnsOutcome.TIMEOUT.isConclusive());
  }

  @Test
  void findingTakesDefaultsFromItsRule() {
    Finding f = Finding.of(RuleId.SRV_TARGET_DOMAIN_MISMATCH, "vcse.steven.lab", "m", "r", null);
    assertEquals(Severity.ERROR, f.severity());
    assertEquals(1009, f.microsoft().msDiagnostics());
    assertEquals("0xC3E93D6F", f.microsoft().resultCode());
    assertEquals(Severity.WARNING, f.withSeverity(Severity.WARNING).severity());
    assertThrows(IllegalArgumentException.class,
        () -> Finding.of(RuleId.SRV_MISSING, "x", " ", "r", null));
  }

  @Test
  void microsoftDiagnosticValidatesResultCode() {
    assertThrows(IllegalArgumentException.class, () -> new MicrosoftDiagnostic(1009, "0xc3e93d6f", "t"));
    assertThrows(IllegalArgumentException.class, () -> new MicrosoftDiagnostic(0, null, "t"));
  }

  @Test
  void policyPresets() {
    assertFalse(Policy.onPremises().requiresPublicCa());
    assertTrue(Policy.microsoft365().requiresPublicCa());
    assertTrue(Policy.ofDefaults().hostingProviders().contains("sipfed.online.lync.com"));
    assertEquals(Duration.ofDays(30), Policy.ofDefaults().expiringSoonWindow());
    assertFalse(Policy.ofDefaults().allowPrivateAddresses());
    Policy p = Policy.microsoft365().toBuilder().allowPrivateAddresses(true).build();
    assertTrue(p.allowPrivateAddresses());
    assertTrue(p.requiresPublicCa());
    assertThrows(IllegalArgumentException.class, () -> Policy.builder().maxSrvTargets(0));
  }

  @Test
  void completedHandshakeNeedsAChain() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> new CertificateObservation(
        "a.example", "192.0.2.1", 5061, TlsOutcome.HANDSHAKE_COMPLETED, List.of(), "", "", false, "",
        Duration.ZERO));
  }
}
