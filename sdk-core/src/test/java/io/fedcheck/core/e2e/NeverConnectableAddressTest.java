package io.fedcheck.core.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.api.Finding;
import io.fedcheck.api.Policy;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Severity;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.Verdict;
import io.fedcheck.core.FederationValidators;
import io.fedcheck.core.rules.AddressClass;
import io.fedcheck.dnsjava.DnsjavaResolver;
import io.fedcheck.testkit.dns.AuthoritativeDnsServer;
import io.fedcheck.testkit.dns.DnsZone;
import io.fedcheck.testkit.fake.FakeCertificateInspector;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Addresses the guard refuses even when the policy allows private ones (metadata, multicast,
 * unspecified) must not yield a PASS: nothing was connected to, so the finding stays an ERROR.
 * Real DNS (the test kit's server, dnsjava) through the validator; the inspector is a fake only to
 * prove that no connection was attempted.
 */
class NeverConnectableAddressTest {
  private AuthoritativeDnsServer dns;
  private DnsjavaResolver resolver;
  private final FakeCertificateInspector tls = new FakeCertificateInspector();
  private FederationValidator validator;

  @BeforeEach
  void start() {
    dns = AuthoritativeDnsServer.start(DnsZone.builder("example.test")
        .srv("_sipfederationtls._tcp", 0, 0, 5061, "sip")
        .a("sip", "169.254.169.254")
        .build(), DnsZone.builder("multi.test")
        .srv("_sipfederationtls._tcp", 0, 0, 5061, "sip")
        .a("sip", "224.0.0.5")
        .build(), DnsZone.builder("zero.test")
        .srv("_sipfederationtls._tcp", 0, 0, 5061, "sip")
        .a("sip", "0.0.0.0")
        .build(), DnsZone.builder("lab.test")
        .srv("_sipfederationtls._tcp", 0, 0, 5061, "sip")
        .a("sip", "10.1.2.3")
        .build());
    resolver = DnsjavaResolver.builder().server(dns.address()).build();
    validator = FederationValidators.builder()
        .resolver(resolver)
        .inspector(tls)
        .policy(Policy.onPremises().toBuilder().allowPrivateAddresses(true).build())
        .deadline(Duration.ofSeconds(20))
        .build();
  }

  @AfterEach
  void stop() {
    validator.close();
    resolver.close();
    dns.close();
    tls.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"example.test, 169.254.169.254", "multi.test, 224.0.0.5", "zero.test, 0.0.0.0"})
  void neverConnectableAddressFailsEvenWithPrivateAddressesAllowed(String domain, String address)
      throws Exception {
    FederationReport r = validator.validate(domain).toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertEquals(Verdict.FAIL, r.verdict(), r.toString());
    List<Finding> f = r.findings(RuleId.TARGET_ADDRESS_NOT_PUBLIC);
    assertEquals(1, f.size(), r.toString());
    assertEquals(Severity.ERROR, f.get(0).severity());
    assertTrue(f.get(0).message().contains("never connected to"), f.get(0).message());
    assertTrue(f.get(0).message().contains(address), f.get(0).message());
    assertEquals(TlsOutcome.NOT_ATTEMPTED, r.observation().targets().get(0).certificate().outcome());
    assertEquals(0, tls.calls().size(), "no connection was attempted");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"lab.test"})
  void privateAddressIsConnectedToAndOnlyInformational(String domain) throws Exception {
    FederationReport r = validator.validate(domain).toCompletableFuture().get(30, TimeUnit.SECONDS);

    assertEquals(Severity.INFO, r.findings(RuleId.TARGET_ADDRESS_NOT_PUBLIC).get(0).severity());
    assertEquals(1, tls.calls().size(), "the opt-in lets the guard connect to a private address");
  }

  @ParameterizedTest
  @CsvSource({"PUBLIC, true, true", "PRIVATE, false, true", "LOOPBACK, false, true", "LINK_LOCAL, false, true",
      "CGNAT, false, true", "UNIQUE_LOCAL, false, true", "METADATA, false, false", "MULTICAST, false, false",
      "UNSPECIFIED, false, false"})
  void connectableClasses(AddressClass c, boolean withoutOptIn, boolean withOptIn) {
    assertEquals(withoutOptIn, c.isConnectable(false));
    assertEquals(withOptIn, c.isConnectable(true));
  }
}
