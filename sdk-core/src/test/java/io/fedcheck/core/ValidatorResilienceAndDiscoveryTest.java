package io.fedcheck.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.CertificateInspector;
import io.fedcheck.api.CertificateInspectorProvider;
import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DomainResolver;
import io.fedcheck.api.DomainResolverProvider;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.InspectorOptions;
import io.fedcheck.api.RecordType;
import io.fedcheck.api.ResolverOptions;
import io.fedcheck.core.internal.BackendDiscovery;
import io.fedcheck.testkit.fake.FakeCertificateInspector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ValidatorResilienceAndDiscoveryTest extends FakeBackendsTest {
  @Test
  void deadResolverTurnsLaterDomainsAroundQuickly() throws Exception {
    for (int i = 0; i < 30; i++) {
      dns.on("_sipfederationtls._tcp.d" + i + ".example", RecordType.SRV).outcome(DnsOutcome.TIMEOUT)
          .after(Duration.ofMillis(50));
    }
    validator = FederationValidators.builder().resolver(dns).inspector(tls)
        .resilience(ResilienceSettings.builder().dnsRetries(0).circuitMinimumCalls(5).circuitWindowSize(5).build())
        .cache(CacheSettings.disabled()).build();
    for (int i = 0; i < 5; i++) {
      validator.validate("d" + i + ".example").toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    List<FederationReport> later = new ArrayList<>();
    for (int i = 5; i < 30; i++) {
      later.add(validator.validate("d" + i + ".example").toCompletableFuture().get(30, TimeUnit.SECONDS));
    }
    // The open circuit cuts retries, but every domain still had one real attempt of its own.
    assertEquals(30, dns.calls().size(), "one attempt per domain, no retries once the circuit opened");
    for (FederationReport r : later) {
      assertEquals(DnsOutcome.TIMEOUT, r.observation().srvLookup().outcome());
    }
  }

  @Test
  void retryHappensThroughTheValidatorOnlyForTransientOutcomes() throws Exception {
    dns.on("_sipfederationtls._tcp.a.example", RecordType.SRV).outcome(DnsOutcome.SERVFAIL).then().outcome(DnsOutcome.NXDOMAIN);
    dns.on("_sipfederationtls._tcp.b.example", RecordType.SRV).outcome(DnsOutcome.REFUSED);
    validator = FederationValidators.builder().resolver(dns).inspector(tls)
        .resilience(ResilienceSettings.builder().retryInitialBackoff(Duration.ofMillis(5)).build()).build();
    FederationReport a = validator.validate("a.example").toCompletableFuture().get(30, TimeUnit.SECONDS);
    FederationReport b = validator.validate("b.example").toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertEquals(DnsOutcome.NXDOMAIN, a.observation().srvLookup().outcome());
    assertEquals(2, dns.calls("_sipfederationtls._tcp.a.example", RecordType.SRV));
    assertEquals(DnsOutcome.REFUSED, b.observation().srvLookup().outcome());
    assertEquals(1, dns.calls("_sipfederationtls._tcp.b.example", RecordType.SRV));
  }

  static final class ClosingResolver implements DomainResolver {
    final AtomicBoolean closed = new AtomicBoolean();

    @Override
    public java.util.concurrent.CompletionStage<io.fedcheck.api.DnsResult> resolve(io.fedcheck.api.DnsQuery q) {
      return java.util.concurrent.CompletableFuture.completedFuture(
          io.fedcheck.api.DnsResult.of(q, DnsOutcome.NXDOMAIN, "", Duration.ZERO));
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  record Provider(String name, int priority, ClosingResolver made) implements DomainResolverProvider {
    @Override
    public DomainResolver create(ResolverOptions options) {
      return made;
    }
  }

  record TlsProvider(String name, int priority) implements CertificateInspectorProvider {
    @Override
    public CertificateInspector create(InspectorOptions options) {
      return new FakeCertificateInspector();
    }
  }

  private static BackendDiscovery discovery(List<?> providers, Map<String, String> properties) {
    return new BackendDiscovery(new BackendDiscovery.ProviderSource() {
      @Override
      public <P> List<P> load(Class<P> type) {
        return providers.stream().filter(type::isInstance).map(type::cast).toList();
      }
    }, properties::get);
  }

  @Test
  void explicitInstanceWinsOverDiscoveryAndStaysOpen() throws Exception {
    ClosingResolver discovered = new ClosingResolver();
    validator = FederationValidators.builder().resolver(dns).inspector(tls)
        .discovery(discovery(List.of(new Provider("dnsjava", 100, discovered)), Map.of())).build();
    validator.validate("x.example").toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertEquals(1, dns.calls().size());
    validator.close();
    assertTrue(!discovered.closed.get());
  }

  @Test
  void discoveredBackendIsOwnedAndClosed() throws Exception {
    ClosingResolver low = new ClosingResolver();
    ClosingResolver high = new ClosingResolver();
    validator = FederationValidators.builder().inspector(tls)
        .discovery(discovery(List.of(new Provider("jdk", 10, low), new Provider("dnsjava", 100, high)), Map.of()))
        .build();
    FederationReport r = validator.validate("x.example").toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertEquals(DnsOutcome.NXDOMAIN, r.observation().srvLookup().outcome());
    validator.close();
    assertTrue(high.closed.get());
    assertTrue(!low.closed.get());
  }

  @Test
  void systemPropertyChoosesTheBackend() {
    ClosingResolver low = new ClosingResolver();
    ClosingResolver high = new ClosingResolver();
    validator = FederationValidators.builder().inspector(tls)
        .discovery(discovery(List.of(new Provider("jdk", 10, low), new Provider("dnsjava", 100, high)),
            Map.of(BackendDiscovery.RESOLVER_PROPERTY, "jdk")))
        .build();
    validator.close();
    assertTrue(low.closed.get());
  }

  @Test
  void missingBackendIsAnActionableError() {
    var e = assertThrows(BackendNotFoundException.class, () -> FederationValidators.builder()
        .discovery(discovery(List.of(), Map.of())).build());
    assertTrue(e.getMessage().contains("io.fedcheck:sdk-dnsjava"), e.getMessage());
    var t = assertThrows(BackendNotFoundException.class, () -> FederationValidators.builder().resolver(dns)
        .discovery(discovery(List.of(), Map.of())).build());
    assertTrue(t.getMessage().contains("io.fedcheck:sdk-jdk"), t.getMessage());
  }

  @Test
  void dnsOnlyAuditNeedsNoTlsBackend() throws Exception {
    validator = FederationValidators.builder().resolver(dns).skipTls(true)
        .discovery(discovery(List.of(), Map.of())).build();
    assertSame(DnsOutcome.NXDOMAIN,
        validator.validate("x.example").toCompletableFuture().get(30, TimeUnit.SECONDS).observation().srvLookup().outcome());
  }

  @Test
  void twoProvidersOfEachKindChooseTheHighestPriority() {
    ClosingResolver low = new ClosingResolver();
    ClosingResolver high = new ClosingResolver();
    validator = FederationValidators.builder()
        .discovery(discovery(List.of(new Provider("jdk", 10, low), new Provider("dnsjava", 100, high),
            new TlsProvider("pem", 1), new TlsProvider("jsse", 50)), Map.of()))
        .build();
    validator.close();
    assertTrue(high.closed.get());
  }
}
