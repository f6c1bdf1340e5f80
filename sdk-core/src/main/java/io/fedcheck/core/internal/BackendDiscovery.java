package io.fedcheck.core.internal;

import io.fedcheck.api.CertificateInspectorProvider;
import io.fedcheck.api.DomainResolverProvider;
import io.fedcheck.core.BackendNotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the backend providers when no instance was passed explicitly: the provider named by the
 * builder, else by the {@code fedcheck.resolver} / {@code fedcheck.inspector} system property, else
 * the {@link ServiceLoader} candidate with the highest priority (ties broken by name, so the choice
 * is deterministic), else a {@link BackendNotFoundException} naming the module to add. Every
 * candidate is logged at debug. The provider source and the property source are injectable so
 * tests can cover zero, one and two providers. Thread-safe.
 */
public final class BackendDiscovery {
  private static final Logger LOG = LoggerFactory.getLogger(BackendDiscovery.class);

  /** The system property that names the DNS backend, such as {@code dnsjava} or {@code jdk}. */
  public static final String RESOLVER_PROPERTY = "fedcheck.resolver";

  /** The system property that names the TLS backend, such as {@code jsse} or {@code pem}. */
  public static final String INSPECTOR_PROPERTY = "fedcheck.inspector";

  /** Where provider candidates come from. */
  @FunctionalInterface
  public interface ProviderSource {
    /** Every available provider of {@code type}. */
    <P> List<P> load(Class<P> type);
  }

  private final ProviderSource source;
  private final Function<String, String> properties;

  /** A discovery over {@code source}, reading configuration through {@code properties}. */
  public BackendDiscovery(ProviderSource source, Function<String, String> properties) {
    this.source = source;
    this.properties = properties;
  }

  /**
   * The discovery the SDK uses: {@link ServiceLoader} on {@code classLoader} and the JVM's system
   * properties. This is the one place fedcheck reads its system properties.
   */
  public static BackendDiscovery ofSystem(ClassLoader classLoader) {
    return new BackendDiscovery(serviceLoader(classLoader), System::getProperty);
  }

  /** A source backed by {@link ServiceLoader}; providers that fail to load are logged and skipped. */
  public static ProviderSource serviceLoader(ClassLoader classLoader) {
    return new ProviderSource() {
      @Override
      public <P> List<P> load(Class<P> type) {
        List<P> out = new ArrayList<>();
        var it = ServiceLoader.load(type, classLoader).iterator();
        while (true) {
          try {
            if (!it.hasNext()) {
              return out;
            }
            out.add(it.next());
          } catch (ServiceConfigurationError e) {
            LOG.warn("skipping a {} that failed to load: {}", type.getSimpleName(), e.getMessage());
          }
        }
      }
    };
  }

  /** The DNS backend provider; {@code requestedName} (nullable) beats the system property. */
  public DomainResolverProvider resolverProvider(String requestedName) {
    return choose(DomainResolverProvider.class, requestedName, RESOLVER_PROPERTY,
        DomainResolverProvider::name, DomainResolverProvider::priority,
        "DNS backend", "io.fedcheck:sdk-dnsjava (or io.fedcheck:sdk-jdk)", "resolver(DomainResolver)");
  }

  /** The TLS backend provider; {@code requestedName} (nullable) beats the system property. */
  public CertificateInspectorProvider inspectorProvider(String requestedName) {
    return choose(CertificateInspectorProvider.class, requestedName, INSPECTOR_PROPERTY,
        CertificateInspectorProvider::name, CertificateInspectorProvider::priority,
        "TLS backend", "io.fedcheck:sdk-jdk", "inspector(CertificateInspector)");
  }

  private <P> P choose(Class<P> type, String requestedName, String property, Function<P, String> name,
      ToIntFunction<P> priority, String what, String module, String explicitMethod) {
    List<P> candidates = new ArrayList<>(source.load(type));
    candidates.sort(Comparator.comparingInt(priority).reversed().thenComparing(name));
    for (P p : candidates) {
      LOG.debug("{} candidate: {} (priority {}, {})", what, name.apply(p), priority.applyAsInt(p),
          p.getClass().getName());
    }
    String wanted = requestedName;
    String origin = "the builder";
    if (wanted == null || wanted.isBlank()) {
      wanted = properties.apply(property);
      origin = "system property " + property;
    }
    if (wanted != null && !wanted.isBlank()) {
      String w = wanted.strip();
      for (P p : candidates) {
        if (name.apply(p).equalsIgnoreCase(w)) {
          LOG.debug("{}: using {} named by {}", what, name.apply(p), origin);
          return p;
        }
      }
      throw new BackendNotFoundException(String.format(
          "%s \"%s\" named by %s is not on the class path; available: %s. Add the module that provides"
              + " it (%s), fix the name, or pass %s.",
          what, w, origin, names(candidates, name), module, explicitMethod));
    }
    if (candidates.isEmpty()) {
      throw new BackendNotFoundException(String.format(
          "No %s found on the class path. Add %s as a dependency, or pass %s to the builder.",
          what, module, explicitMethod));
    }
    P chosen = candidates.get(0);
    LOG.debug("{}: using {} (highest priority of {})", what, name.apply(chosen), names(candidates, name));
    return chosen;
  }

  private static <P> String names(List<P> candidates, Function<P, String> name) {
    return candidates.isEmpty() ? "none"
        : candidates.stream().map(name).collect(Collectors.joining(", "));
  }
}
