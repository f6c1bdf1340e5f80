package io.fedcheck.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DomainObservation;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.api.Policy;
import io.fedcheck.api.RecordType;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.StepTiming;
import io.fedcheck.api.TargetObservation;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FederationValidatorPipelineTest extends FakeBackendsTest {
  private FederationValidator validator(Policy policy) {
    validator = builder().policy(policy).build();
    return validator;
  }

  private FederationValidators.Builder builder() {
    return FederationValidators.builder().resolver(dns).inspector(tls)
        .resilience(ResilienceSettings.minimal());
  }

  private static FederationReport await(FederationValidator v, String domain) throws Exception {
    return v.validate(domain).toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void observesSrvThenAddressThenCertificate() throws Exception {
    dns.srv("example.com", 0, 0, 5061, "expe.example.com").a("expe.example.com", "203.0.113.10");
    tls.on("expe.example.com", 5061).present(TestCertificates.selfSigned("expe.example.com"));

    FederationReport r = await(validator(Policy.onPremises()), "Example.COM.");

    assertEquals("Example.COM.", r.input());
    assertEquals("example.com", r.asciiDomain());
    DomainObservation o = r.observation();
    assertEquals("_sipfederationtls._tcp.example.com", o.srvLookup().query().name());
    assertEquals(DnsOutcome.ANSWER, o.srvLookup().outcome());
    assertEquals(1, o.targets().size());
    TargetObservation t = o.targets().get(0);
    assertEquals("expe.example.com", t.fqdn());
    assertEquals(RecordType.A, t.addressLookup().query().type());
    assertEquals("203.0.113.10", t.addresses().get(0).getHostAddress());
    assertEquals(TlsOutcome.HANDSHAKE_COMPLETED, t.certificate().outcome());
    assertEquals("203.0.113.10", t.certificate().address());
    // Order of calls: SRV, then A, then the probe with SNI = target.
    assertEquals(RecordType.SRV, dns.calls().get(0).query().type());
    assertEquals(RecordType.A, dns.calls().get(1).query().type());
    assertEquals(1, tls.calls().size());
    assertEquals("expe.example.com", tls.calls().get(0).probe().serverName());
    assertEquals(5061, tls.calls().get(0).probe().port());
    List<String> steps = r.timings().stream().map(StepTiming::step).toList();
    assertEquals(List.of("srv", "a:expe.example.com", "tls:expe.example.com:5061", "rules", "total"), steps);
  }

  @Test
  void ordersTargetsByPriorityThenWeightAndCapsThem() throws Exception {
    dns.srv("example.com", 20, 0, 5061, "d.example.com")
        .srv("example.com", 10, 5, 5061, "b.example.com")
        .srv("example.com", 10, 50, 5061, "a.example.com")
        .srv("example.com", 5, 0, 5061, "first.example.com")
        .srv("example.com", 30, 0, 5061, "e.example.com");
    FederationReport r = await(validator(Policy.onPremises().toBuilder().maxSrvTargets(3).build()), "example.com");

    List<String> order = r.observation().targets().stream().map(TargetObservation::fqdn).toList();
    assertEquals(List.of("first.example.com", "a.example.com", "b.example.com"), order);
    assertEquals(5, r.observation().srvRecordCount());
    assertEquals(0, dns.calls("d.example.com", RecordType.A));
    assertEquals(0, dns.calls("e.example.com", RecordType.A));
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.1.1",
      "169.254.169.254", "100.64.0.1", "fd00::1", "fe80::1", "::1", "::ffff:10.0.0.1", "0.0.0.0",
      "fd00:ec2::254"})
  void refusesNonPublicAddressesWithoutConnecting(String address) throws Exception {
    dns.srv("example.com", 0, 0, 5061, "expe.example.com");
    // Scripted, so that even an IPv6 or IPv4-mapped address in an A answer reaches the guard.
    java.net.InetAddress parsed = java.net.InetAddress.getByName(address);
    java.net.InetAddress raw = address.contains(":")
        ? java.net.Inet6Address.getByAddress(null, ipv6Bytes(parsed), -1) : parsed;
    dns.on("expe.example.com", RecordType.A)
        .answer(new io.fedcheck.api.AddressRecord("expe.example.com", raw, 60));
    tls.on("expe.example.com", 5061).present(TestCertificates.selfSigned("expe.example.com"));

    FederationReport r = await(validator(Policy.onPremises()), "example.com");

    TargetObservation t = r.observation().targets().get(0);
    assertEquals(TlsOutcome.NOT_ATTEMPTED, t.certificate().outcome());
    assertTrue(t.certificate().detail().contains("address guard"), t.certificate().detail());
    assertEquals(0, tls.calls().size(), "no connection may be made to " + address);
  }

  private static byte[] ipv6Bytes(java.net.InetAddress a) {
    byte[] b = a.getAddress();
    if (b.length == 16) {
      return b;
    }
    byte[] mapped = new byte[16]; // Java turns ::ffff:a.b.c.d into an Inet4Address; rebuild it
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    System.arraycopy(b, 0, mapped, 12, 4);
    return mapped;
  }

  @Test
  void connectsOnlyToThePublicAddressOfAMixedAnswer() throws Exception {
    dns.srv("example.com", 0, 0, 5061, "expe.example.com")
        .a("expe.example.com", "10.0.0.5", "127.0.0.1", "198.51.100.7");
    tls.on("expe.example.com", 5061).present(TestCertificates.selfSigned("expe.example.com"));

    FederationReport r = await(validator(Policy.onPremises()), "example.com");

    assertEquals(1, tls.calls().size());
    assertEquals("198.51.100.7", tls.calls().get(0).probe().address().getHostAddress());
    assertEquals(TlsOutcome.HANDSHAKE_COMPLETED, r.observation().targets().get(0).certificate().outcome());
  }

  @Test
  void allowPrivateAddressesOptsIn() throws Exception {
    dns.srv("lab.test", 0, 0, 5061, "edge.lab.test").a("edge.lab.test", "127.0.0.1");
    tls.on("edge.lab.test", 5061).present(TestCertificates.selfSigned("edge.lab.test"));

    FederationReport r = await(validator(Policy.onPremises().toBuilder().allowPrivateAddresses(true).build()),
        "lab.test");

    assertEquals(1, tls.calls().size());
    assertEquals("127.0.0.1", tls.calls().get(0).probe().address().getHostAddress());
    assertEquals(TlsOutcome.HANDSHAKE_COMPLETED, r.observation().targets().get(0).certificate().outcome());
  }

  @Test
  void metadataAddressStaysRefusedEvenWhenPrivateAddressesAreAllowed() throws Exception {
    dns.srv("lab.test", 0, 0, 5061, "edge.lab.test").a("edge.lab.test", "169.254.169.254");
    await(validator(Policy.onPremises().toBuilder().allowPrivateAddresses(true).build()), "lab.test");
    assertEquals(0, tls.calls().size());
  }

  @Test
  void invalidDomainIsAReportWithoutLookups() throws Exception {
    FederationReport r = await(validator(Policy.onPremises()), "not a domain!");
    assertEquals(Verdict.FAIL, r.verdict());
    assertTrue(r.has(RuleId.DOMAIN_INVALID));
    assertNull(r.observation());
    assertEquals(0, dns.calls().size());
  }

  @Test
  void backendThatThrowsBecomesAnOutcome() throws Exception {
    dns.on("_sipfederationtls._tcp.example.com", RecordType.SRV).throwing(new IllegalStateException("resolver bug"));
    FederationReport r = await(validator(Policy.onPremises()), "example.com");
    assertEquals(DnsOutcome.MALFORMED, r.observation().srvLookup().outcome());
    assertTrue(r.observation().srvLookup().detail().contains("resolver bug"));
  }

  @Test
  void backendThatFailsBecomesAnOutcome() throws Exception {
    dns.srv("example.com", 0, 0, 5061, "expe.example.com");
    dns.on("expe.example.com", RecordType.A).failing(new java.util.concurrent.TimeoutException("slow"));
    dns.srv("example.com", 0, 0, 5062, "tls.example.com").a("tls.example.com", "203.0.113.9");
    tls.on("tls.example.com", 5062).failing(new java.io.IOException("socket exploded"));

    FederationReport r = await(validator(Policy.onPremises()), "example.com");

    TargetObservation first = r.observation().targets().get(0);
    TargetObservation second = r.observation().targets().get(1);
    assertEquals(DnsOutcome.TIMEOUT, first.addressLookup().outcome());
    assertEquals(TlsOutcome.HANDSHAKE_FAILED, second.certificate().outcome());
    assertTrue(second.certificate().detail().contains("socket exploded"));
  }

  @Test
  void inspectorThatThrowsBecomesHandshakeFailed() throws Exception {
    dns.srv("example.com", 0, 0, 5061, "expe.example.com").a("expe.example.com", "203.0.113.10");
    tls.on("expe.example.com", 5061).throwing(new IllegalArgumentException("inspector bug"));
    FederationReport r = await(validator(Policy.onPremises()), "example.com");
    assertEquals(TlsOutcome.HANDSHAKE_FAILED, r.observation().targets().get(0).certificate().outcome());
  }

  @Test
  void deadlineHoldsWithABackendThatNeverAnswers() throws Exception {
    dns.srv("example.com", 0, 0, 5061, "expe.example.com").a("expe.example.com", "203.0.113.10");
    tls.on("expe.example.com", 5061).never();
    validator = builder().deadline(Duration.ofSeconds(1)).build();

    long start = System.nanoTime();
    FederationReport r = await(validator, "example.com");
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertTrue(ms < 2_000, "report after " + ms + " ms, deadline 1000 ms");
    assertEquals(TlsOutcome.HANDSHAKE_FAILED, r.observation().targets().get(0).certificate().outcome());
  }

  @Test
  void deadlineHoldsWhenDnsNeverAnswers() throws Exception {
    dns.on("_sipfederationtls._tcp.example.com", RecordType.SRV).never();
    validator = builder().deadline(Duration.ofSeconds(1)).build();

    long start = System.nanoTime();
    FederationReport r = await(validator, "example.com");
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertTrue(ms < 2_000, "report after " + ms + " ms");
    assertEquals(DnsOutcome.TIMEOUT, r.observation().srvLookup().outcome());
  }

  @Test
  void skipTlsMakesNoConnection() throws Exception {
    dns.srv("example.com", 0, 0, 5061, "expe.example.com").a("expe.example.com", "203.0.113.10");
    validator = FederationValidators.builder().resolver(dns).skipTls(true).build();
    FederationReport r = await(validator, "example.com");
    assertEquals(TlsOutcome.NOT_ATTEMPTED, r.observation().targets().get(0).certificate().outcome());
    assertEquals(0, tls.calls().size());
  }

  @Test
  void aliasTargetIsVisibleInTheObservation() throws Exception {
    dns.srv("example.com", 0, 0, 5061, "sip.example.com").cname("sip.example.com", "host.example.net")
        .a("host.example.net", "203.0.113.20");
    FederationReport r = await(validator(Policy.onPremises()), "example.com");
    TargetObservation t = r.observation().targets().get(0);
    assertTrue(t.isAlias());
    assertEquals("203.0.113.20", t.addresses().get(0).getHostAddress());
  }

  @Test
  void notAvailableTargetIsNotLookedUp() throws Exception {
    dns.srv("example.com", 0, 0, 0, ".");
    FederationReport r = await(validator(Policy.onPremises()), "example.com");
    assertEquals(1, r.observation().targets().size());
    assertEquals(1, dns.calls().size());
    assertFalse(r.observation().targets().get(0).certificate().outcome() == TlsOutcome.HANDSHAKE_COMPLETED);
  }

  @Test
  void callerOwnedBackendsAreNotClosed() throws Exception {
    dns.srv("example.com", 0, 0, 5061, "expe.example.com").a("expe.example.com", "203.0.113.10")
        .on("expe.example.com", RecordType.A).answer().after(Duration.ofMillis(10));
    validator(Policy.onPremises()).close();
    validator = null;
    // The fake's timer still runs: a delayed answer is still delivered.
    assertNotNull(dns.resolve(new io.fedcheck.api.DnsQuery("expe.example.com", RecordType.A, Duration.ofSeconds(1)))
        .toCompletableFuture().get(5, TimeUnit.SECONDS));
  }

  // Verdict-level checks: correct once the rules land (FederationRules.evaluate is a skeleton now).

  @Test
  @Tag("needs-rules")
  void missingSrvFails() throws Exception {
    FederationReport r = await(validator(Policy.onPremises()), "example.com");
    assertEquals(DnsOutcome.NXDOMAIN, r.observation().srvLookup().outcome());
    assertTrue(r.has(RuleId.SRV_MISSING));
    assertEquals(Verdict.FAIL, r.verdict());
  }

  @Test
  @Tag("needs-rules")
  void privateOnlyTargetFails() throws Exception {
    dns.srv("example.com", 0, 0, 5061, "expe.example.com").a("expe.example.com", "10.0.0.1");
    FederationReport r = await(validator(Policy.onPremises()), "example.com");
    assertTrue(r.has(RuleId.TARGET_ADDRESS_NOT_PUBLIC));
    assertEquals(Verdict.FAIL, r.verdict());
  }

  @Test
  @Tag("needs-rules")
  void srvTimeoutIsUnknown() throws Exception {
    dns.on("_sipfederationtls._tcp.example.com", RecordType.SRV).outcome(DnsOutcome.TIMEOUT);
    FederationReport r = await(validator(Policy.onPremises()), "example.com");
    assertTrue(r.has(RuleId.DNS_LOOKUP_FAILED));
    assertEquals(Verdict.UNKNOWN, r.verdict());
  }

  @Test
  @Tag("needs-rules")
  void hangingHandshakeFails() throws Exception {
    dns.srv("example.com", 0, 0, 5061, "expe.example.com").a("expe.example.com", "203.0.113.10");
    tls.on("expe.example.com", 5061).never();
    validator = builder().deadline(Duration.ofSeconds(1)).build();
    FederationReport r = await(validator, "example.com");
    assertTrue(r.has(RuleId.TLS_HANDSHAKE_FAILED));
    assertEquals(Verdict.FAIL, r.verdict());
  }
}
