package io.fedcheck.api;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a discovered {@link DomainResolver} is set up.
 *
 * @param servers the DNS servers to ask, in order; empty means the system's resolvers
 * @param queryTimeout how long one attempt may wait for an answer
 * @param retries how many times a timed-out attempt is repeated
 * @param zoneFiles master (zone) files for the offline resolver; empty for network resolvers
 * @param zoneFileLimits what the offline resolver accepts from those files (untrusted input)
 */
public record ResolverOptions(
    List<InetSocketAddress> servers, Duration queryTimeout, int retries, List<java.nio.file.Path> zoneFiles,
    ZoneFileLimits zoneFileLimits) {
  public ResolverOptions {
    servers = List.copyOf(servers);
    Objects.requireNonNull(queryTimeout, "queryTimeout");
    if (queryTimeout.isNegative() || queryTimeout.isZero()) {
      throw new IllegalArgumentException("queryTimeout must be positive");
    }
    if (retries < 0) {
      throw new IllegalArgumentException("retries must not be negative");
    }
    zoneFiles = List.copyOf(zoneFiles);
    Objects.requireNonNull(zoneFileLimits, "zoneFileLimits");
  }

  /** Options with the default {@link ZoneFileLimits}. */
  public ResolverOptions(
      List<InetSocketAddress> servers, Duration queryTimeout, int retries, List<java.nio.file.Path> zoneFiles) {
    this(servers, queryTimeout, retries, zoneFiles, ZoneFileLimits.ofDefaults());
  }

  /** System resolvers, 2 s per attempt, 2 retries. */
  public static ResolverOptions ofDefaults() {
    return new ResolverOptions(List.of(), Duration.ofSeconds(2), 2, List.of());
  }

  /** A copy with these servers. */
  public ResolverOptions withServers(List<InetSocketAddress> newServers) {
    return new ResolverOptions(newServers, queryTimeout, retries, zoneFiles, zoneFileLimits);
  }

  /** A copy with this per-attempt timeout. */
  public ResolverOptions withQueryTimeout(Duration timeout) {
    return new ResolverOptions(servers, timeout, retries, zoneFiles, zoneFileLimits);
  }

  /** A copy with these retries. */
  public ResolverOptions withRetries(int newRetries) {
    return new ResolverOptions(servers, queryTimeout, newRetries, zoneFiles, zoneFileLimits);
  }

  /** A copy with these zone files. */
  public ResolverOptions withZoneFiles(List<java.nio.file.Path> files) {
    return new ResolverOptions(servers, queryTimeout, retries, new ArrayList<>(files), zoneFileLimits);
  }

  /** A copy with these zone-file limits. */
  public ResolverOptions withZoneFileLimits(ZoneFileLimits limits) {
    return new ResolverOptions(servers, queryTimeout, retries, zoneFiles, limits);
  }
}
