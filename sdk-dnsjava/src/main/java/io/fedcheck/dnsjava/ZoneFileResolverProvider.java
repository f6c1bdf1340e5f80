package io.fedcheck.dnsjava;

import io.fedcheck.api.DomainResolver;
import io.fedcheck.api.DomainResolverProvider;
import io.fedcheck.api.ResolverOptions;

/**
 * Discovers {@link ZoneFileResolver} as the {@code zonefile} backend. Its priority (10) is low on
 * purpose: it is never chosen for network lookups by priority. It is used when named ({@code
 * -Dfedcheck.resolver=zonefile}) or, more simply, whenever {@link ResolverOptions#zoneFiles()} is
 * not empty, since the {@code dnsjava} provider then returns a zone-file resolver too. Thread-safe.
 */
public final class ZoneFileResolverProvider implements DomainResolverProvider {
  /** The provider's name. */
  public static final String NAME = "zonefile";

  /** A provider (for {@link java.util.ServiceLoader}). */
  public ZoneFileResolverProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return 10;
  }

  /**
   * Builds a resolver over {@code options.zoneFiles()}.
   *
   * @throws IllegalArgumentException when no zone file is given, or one is invalid
   */
  @Override
  public DomainResolver create(ResolverOptions options) {
    if (options.zoneFiles().isEmpty()) {
      throw new IllegalArgumentException(
          "the zonefile resolver needs zone files (ResolverOptions.withZoneFiles, or the CLI's --zone-file)");
    }
    return ZoneFileResolver.builder().limits(options.zoneFileLimits()).zoneFiles(options.zoneFiles()).build();
  }
}
