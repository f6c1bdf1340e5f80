package io.fedcheck.jdk;

import io.fedcheck.api.DomainResolver;
import io.fedcheck.api.DomainResolverProvider;
import io.fedcheck.api.ResolverOptions;

/**
 * Discovers {@link JndiDomainResolver} as the {@code jdk} backend (priority 50: chosen when
 * {@code sdk-dnsjava} is absent). It ignores {@link ResolverOptions#zoneFiles()}: the offline
 * resolver lives in {@code sdk-dnsjava}. Thread-safe.
 */
public final class JndiDomainResolverProvider implements DomainResolverProvider {
  /** The provider's name. */
  public static final String NAME = "jdk";

  /** A provider (for {@link java.util.ServiceLoader}). */
  public JndiDomainResolverProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return 50;
  }

  /**
   * Builds a JNDI resolver.
   *
   * @throws IllegalArgumentException when zone files are given (use the {@code zonefile} backend)
   */
  @Override
  public DomainResolver create(ResolverOptions options) {
    if (!options.zoneFiles().isEmpty()) {
      throw new IllegalArgumentException("the jdk resolver cannot read zone files; add sdk-dnsjava for the "
          + "zonefile resolver");
    }
    return JndiDomainResolver.builder()
        .options(options)
        .build();
  }
}
