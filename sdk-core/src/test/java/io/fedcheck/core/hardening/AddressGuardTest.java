package io.fedcheck.core.hardening;

import static io.fedcheck.core.hardening.CatalogueChecks.DEADLINE;
import static io.fedcheck.core.hardening.CatalogueChecks.describe;
import static io.fedcheck.core.hardening.CatalogueChecks.validateWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.api.Policy;
import io.fedcheck.api.ResolverOptions;
import io.fedcheck.api.RuleId;
import io.fedcheck.core.FederationValidators;
import io.fedcheck.core.rules.AddressClass;
import io.fedcheck.testkit.dns.AuthoritativeDnsServer;
import io.fedcheck.testkit.dns.DnsZone;
import io.fedcheck.testkit.fake.FakeCertificateInspector;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The address guard: SRV targets come from untrusted DNS, so only public addresses are connected
 * to unless the policy allows private ones, and metadata, multicast and unspecified addresses
 * never. Every address class is classified, IPv4-mapped IPv6 addresses included (judged as the
 * IPv4 address they carry); end to end, a DNS answer mixing public and private addresses leads to
 * a probe of a public address only. Probes go to a recording fake inspector, so a broken guard
 * shows as a recorded probe, never as traffic off the machine.
 */
class AddressGuardTest extends LeakCheckedTest {
  private static AuthoritativeDnsServer dns;

  @BeforeAll
  static void start() {
    dns = AuthoritativeDnsServer.start(
        DnsZone.builder("mixed.test")
            .srv("_sipfederationtls._tcp", 0, 0, 5061, "sip")
            // Private, loopback, metadata and link-local first: a guard taking the first answer fails.
            .a("sip", "10.0.0.5").a("sip", "127.0.0.1").a("sip", "169.254.169.254").a("sip", "169.254.3.3")
            .a("sip", "100.64.1.1").a("sip", "192.0.2.44").a("sip", "172.16.5.5")
            .build(),
        DnsZone.builder("private.test")
            .srv("_sipfederationtls._tcp", 0, 0, 5061, "sip")
            .a("sip", "10.0.0.5").a("sip", "192.168.1.1")
            .build(),
        DnsZone.builder("loopback.test")
            .srv("_sipfederationtls._tcp", 0, 0, 5061, "sip")
            .a("sip", "127.0.0.1")
            .build());
  }

  @AfterAll
  static void stop() {
    dns.close();
  }

  static Stream<Arguments> addresses() throws UnknownHostException {
    return Stream.of(
        Arguments.of("192.0.2.44", AddressClass.PUBLIC),
        Arguments.of("8.8.8.8", AddressClass.PUBLIC),
        Arguments.of("172.32.0.1", AddressClass.PUBLIC),
        Arguments.of("100.128.0.1", AddressClass.PUBLIC),
        Arguments.of("2001:4860:4860::8888", AddressClass.PUBLIC),
        Arguments.of("10.0.0.1", AddressClass.PRIVATE),
        Arguments.of("172.16.0.1", AddressClass.PRIVATE),
        Arguments.of("172.31.255.254", AddressClass.PRIVATE),
        Arguments.of("192.168.1.1", AddressClass.PRIVATE),
        Arguments.of("fec0::1", AddressClass.PRIVATE),
        Arguments.of("127.0.0.1", AddressClass.LOOPBACK),
        Arguments.of("127.255.255.254", AddressClass.LOOPBACK),
        Arguments.of("::1", AddressClass.LOOPBACK),
        Arguments.of("169.254.0.1", AddressClass.LINK_LOCAL),
        Arguments.of("fe80::1", AddressClass.LINK_LOCAL),
        Arguments.of("169.254.169.254", AddressClass.METADATA),
        Arguments.of("fd00:ec2::254", AddressClass.METADATA),
        Arguments.of("100.64.0.1", AddressClass.CGNAT),
        Arguments.of("100.127.255.254", AddressClass.CGNAT),
        Arguments.of("fc00::1", AddressClass.UNIQUE_LOCAL),
        Arguments.of("fd12:3456::1", AddressClass.UNIQUE_LOCAL),
        Arguments.of("224.0.0.1", AddressClass.MULTICAST),
        Arguments.of("239.255.255.250", AddressClass.MULTICAST),
        Arguments.of("ff02::1", AddressClass.MULTICAST),
        Arguments.of("0.0.0.0", AddressClass.UNSPECIFIED),
        Arguments.of("0.1.2.3", AddressClass.UNSPECIFIED),
        Arguments.of("255.255.255.255", AddressClass.UNSPECIFIED),
        Arguments.of("::", AddressClass.UNSPECIFIED),
        // IPv4-mapped IPv6 (::ffff:a.b.c.d) kept as Inet6Address: judged as the IPv4 address inside.
        Arguments.of("mapped ::ffff:10.0.0.1", AddressClass.PRIVATE),
        Arguments.of("mapped ::ffff:127.0.0.1", AddressClass.LOOPBACK),
        Arguments.of("mapped ::ffff:169.254.169.254", AddressClass.METADATA),
        Arguments.of("mapped ::ffff:100.64.0.1", AddressClass.CGNAT),
        Arguments.of("mapped ::ffff:0.0.0.0", AddressClass.UNSPECIFIED),
        Arguments.of("mapped ::ffff:192.0.2.44", AddressClass.PUBLIC));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @MethodSource("addresses")
  void everyAddressClassIsRecognised(String literal, AddressClass expected) throws UnknownHostException {
    InetAddress address = parse(literal);
    assertEquals(expected, AddressClass.of(address), literal);
    assertEquals(expected == AddressClass.PUBLIC, AddressClass.of(address).isPublic());
  }

  @Test
  void mappedAddressesReallyAreIpv6Objects() throws UnknownHostException {
    // InetAddress.getByName turns ::ffff:a.b.c.d into an Inet4Address; the table above builds true
    // Inet6Address instances, the form a socket API or a custom resolver may hand over.
    assertTrue(parse("mapped ::ffff:10.0.0.1") instanceof Inet6Address);
  }

  @Test
  void aMixedAnswerIsProbedOnlyAtItsPublicAddress() {
    FakeCertificateInspector recording = new FakeCertificateInspector();
    try (FederationValidator validator = validator(recording, Policy.onPremises())) {
      FederationReport report = validateWithin(validator, "mixed.test", DEADLINE);
      assertEquals(1, recording.calls().size(), () -> recording.calls() + " " + describe(report));
      assertEquals("192.0.2.44", recording.calls().get(0).probe().address().getHostAddress());
      // A public address exists, so the target is not reported as non-public.
      assertTrue(!report.has(RuleId.TARGET_ADDRESS_NOT_PUBLIC), () -> describe(report));
    } finally {
      recording.close();
    }
  }

  @Test
  void onlyPrivateAddressesAreNeverProbedByDefault() {
    FakeCertificateInspector recording = new FakeCertificateInspector();
    try (FederationValidator validator = validator(recording, Policy.onPremises())) {
      for (String domain : List.of("private.test", "loopback.test")) {
        FederationReport report = validateWithin(validator, domain, DEADLINE);
        assertTrue(report.has(RuleId.TARGET_ADDRESS_NOT_PUBLIC), () -> describe(report));
      }
      assertEquals(List.of(), recording.calls());
    } finally {
      recording.close();
    }
  }

  @Test
  void theLabOptInAllowsLoopbackButStillNotMetadata() {
    FakeCertificateInspector recording = new FakeCertificateInspector();
    try (FederationValidator validator = validator(recording,
        Policy.onPremises().toBuilder().allowPrivateAddresses(true).build())) {
      validateWithin(validator, "loopback.test", DEADLINE);
      validateWithin(validator, "mixed.test", DEADLINE);
      List<String> probed = recording.calls().stream().map(c -> c.probe().address().getHostAddress()).toList();
      assertEquals(2, probed.size(), probed::toString);
      assertTrue(probed.contains("127.0.0.1"), probed::toString);
      assertTrue(probed.stream().noneMatch(a -> a.equals("169.254.169.254")), probed::toString);
    } finally {
      recording.close();
    }
  }

  private static FederationValidator validator(FakeCertificateInspector inspector, Policy policy) {
    return FederationValidators.builder()
        .resolverName("dnsjava")
        .resolverOptions(ResolverOptions.ofDefaults().withServers(List.of(dns.address())))
        .inspector(inspector)
        .policy(policy)
        .deadline(DEADLINE)
        .build();
  }

  private static InetAddress parse(String literal) throws UnknownHostException {
    if (literal.startsWith("mapped ::ffff:")) {
      byte[] v4 = InetAddress.getByName(literal.substring("mapped ::ffff:".length())).getAddress();
      byte[] v6 = new byte[16];
      v6[10] = (byte) 0xff;
      v6[11] = (byte) 0xff;
      System.arraycopy(v4, 0, v6, 12, 4);
      return Inet6Address.getByAddress(null, v6, null);
    }
    return InetAddress.getByName(literal);
  }
}
