package io.fedcheck.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.CertificateInspector;
import io.fedcheck.api.CertificateInspectorProvider;
import io.fedcheck.api.DomainResolver;
import io.fedcheck.api.DomainResolverProvider;
import io.fedcheck.api.InspectorOptions;
import io.fedcheck.api.ResolverOptions;
import io.fedcheck.core.BackendNotFoundException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendDiscoveryTest {
  record Dns(String name, int priority) implements DomainResolverProvider {
    @Override
    public DomainResolver create(ResolverOptions options) {
      return q -> { throw new UnsupportedOperationException(); };
    }
  }

  record Tls(String name, int priority) implements CertificateInspectorProvider {
    @Override
    public CertificateInspector create(InspectorOptions options) {
      return p -> { throw new UnsupportedOperationException(); };
    }
  }

  static BackendDiscovery discovery(List<?> providers, Map<String, String> properties) {
    return new BackendDiscovery(new BackendDiscovery.ProviderSource() {
      @Override
      public <P> List<P> load(Class<P> type) {
        return providers.stream().filter(type::isInstance).map(type::cast).toList();
      }
    }, properties::get);
  }

  @Test
  void noProviderNamesTheModuleToAdd() {
    var e = assertThrows(BackendNotFoundException.class, () -> discovery(List.of(), Map.of()).resolverProvider(null));
    assertTrue(e.getMessage().contains("io.fedcheck:sdk-dnsjava"), e.getMessage());
    var t = assertThrows(BackendNotFoundException.class, () -> discovery(List.of(), Map.of()).inspectorProvider(null));
    assertTrue(t.getMessage().contains("io.fedcheck:sdk-jdk"), t.getMessage());
  }

  @Test
  void oneProviderIsChosen() {
    assertEquals("jdk", discovery(List.of(new Dns("jdk", 10)), Map.of()).resolverProvider(null).name());
  }

  @Test
  void highestPriorityWinsAndTiesAreBrokenByName() {
    var d = discovery(List.of(new Dns("jdk", 10), new Dns("dnsjava", 100), new Tls("pem", 1), new Tls("jsse", 1)), Map.of());
    assertEquals("dnsjava", d.resolverProvider(null).name());
    assertEquals("jsse", d.inspectorProvider(null).name());
  }

  @Test
  void systemPropertyNamesTheProvider() {
    var d = discovery(List.of(new Dns("jdk", 10), new Dns("dnsjava", 100)), Map.of(BackendDiscovery.RESOLVER_PROPERTY, "jdk"));
    assertEquals("jdk", d.resolverProvider(null).name());
  }

  @Test
  void builderNameBeatsTheSystemProperty() {
    var d = discovery(List.of(new Dns("jdk", 10), new Dns("dnsjava", 100)), Map.of(BackendDiscovery.RESOLVER_PROPERTY, "jdk"));
    assertEquals("dnsjava", d.resolverProvider("dnsjava").name());
  }

  @Test
  void unknownNameListsTheAvailableProviders() {
    var d = discovery(List.of(new Dns("jdk", 10)), Map.of(BackendDiscovery.INSPECTOR_PROPERTY, "nope"));
    var e = assertThrows(BackendNotFoundException.class, () -> d.resolverProvider("zonefile"));
    assertTrue(e.getMessage().contains("zonefile") && e.getMessage().contains("jdk"), e.getMessage());
    var t = assertThrows(BackendNotFoundException.class, () -> d.inspectorProvider(null));
    assertTrue(t.getMessage().contains(BackendDiscovery.INSPECTOR_PROPERTY), t.getMessage());
  }

  @Test
  void serviceLoaderWithNoRegistrationFindsNothing() throws Exception {
    // A class loader that sees no META-INF/services at all (the test classpath has real backends).
    try (java.net.URLClassLoader empty =
        new java.net.URLClassLoader(new java.net.URL[0], ClassLoader.getPlatformClassLoader())) {
      assertEquals(List.of(), BackendDiscovery.serviceLoader(empty).load(DomainResolverProvider.class));
    }
  }

  @Test
  void serviceLoaderFindsTheRegisteredBackends() {
    List<String> names = BackendDiscovery.serviceLoader(getClass().getClassLoader())
        .load(DomainResolverProvider.class).stream().map(DomainResolverProvider::name).sorted().toList();
    assertEquals(List.of("dnsjava", "jdk", "zonefile"), names);
  }
}
