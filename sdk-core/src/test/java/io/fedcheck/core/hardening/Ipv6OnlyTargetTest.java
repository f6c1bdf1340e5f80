package io.fedcheck.core.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.api.Finding;
import io.fedcheck.api.ResolverOptions;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Severity;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.core.FederationValidators;
import io.fedcheck.testkit.dns.AuthoritativeDnsServer;
import io.fedcheck.testkit.dns.DnsZone;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Catalogue, IPv6-only targets: an SRV target with AAAA records only keeps its ERROR (Microsoft's
 * edge needs an A record), but the report says so and shows the AAAA addresses instead of "no
 * address"; nothing connects to them. Real DNS server on loopback, real dnsjava backend.
 */
class Ipv6OnlyTargetTest extends LeakCheckedTest {
  @Test
  void anAaaaOnlyTargetIsReportedAsIpv6OnlyWithItsAddresses() throws Exception {
    try (AuthoritativeDnsServer dns = AuthoritativeDnsServer.start(DnsZone.builder("v6only.test")
            .srv("_sipfederationtls._tcp", 0, 0, 5061, "sip.v6only.test.")
            .aaaa("sip", "2001:db8::5061")
            .build());
        FederationValidator validator = FederationValidators.builder()
            .resolverName("dnsjava")
            .resolverOptions(ResolverOptions.ofDefaults().withServers(List.of(dns.address()))
                .withQueryTimeout(Duration.ofMillis(500)))
            .build()) {
      FederationReport r = CatalogueChecks.validateWithin(validator, "v6only.test", CatalogueChecks.DEADLINE);
      Finding f = r.findings().stream().filter(x -> x.rule() == RuleId.SRV_TARGET_NO_ADDRESS).findFirst()
          .orElseThrow(() -> new AssertionError(CatalogueChecks.describe(r)));
      assertEquals(Severity.ERROR, f.severity());
      assertTrue(f.message().contains("IPv6 addresses only") && f.message().contains("needs an IPv4 address"),
          f.message());
      assertTrue(f.message().contains("2001:db8:0:0:0:0:0:5061") || f.message().contains("2001:db8::5061"),
          f.message());
      var target = r.observation().targets().get(0);
      assertEquals(1, target.addresses().size(), "the AAAA address is in the report");
      assertEquals(TlsOutcome.NOT_ATTEMPTED, target.certificate().outcome(), "no connection to IPv6");
    }
  }
}
