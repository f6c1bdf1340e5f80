package io.fedcheck.dnsjava;

import io.fedcheck.api.DomainResolver;
import io.fedcheck.api.DomainResolverProvider;
import io.fedcheck.api.ResolverOptions;

/**
 * Discovers {@link DnsjavaResolver} as the {@code dnsjava} backend (priority 100, the default).
 *
 * <p>When {@link ResolverOptions#zoneFiles()} is not empty the caller asked for an offline audit,
 * so this provider returns a {@link ZoneFileResolver} over those files instead of a network
 * resolver: giving zone files is enough to go offline, whatever backend wins. Thread-safe.
 */
public final class DnsjavaResolverProvider implements DomainResolverProvider {
  /** The provider's name. */
  public static final String NAME = "dnsjava";

  /** A provider (for {@link java.util.ServiceLoader}). */
  public DnsjavaResolverProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return 100;
  }

  @Override
  public DomainResolver create(ResolverOptions options) {
    if (!options.zoneFiles().isEmpty()) {
      return ZoneFileResolver.builder().limits(options.zoneFileLimits()).zoneFiles(options.zoneFiles()).build();
    }
    return DnsjavaResolver.builder()
        .options(options)
        .build();
  }
}
