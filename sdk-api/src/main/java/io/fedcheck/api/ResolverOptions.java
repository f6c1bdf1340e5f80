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
  /**
   * Checks the options and copies the lists.
   *
   * @param servers the DNS servers to ask, in order; empty means the system's resolvers
   * @param queryTimeout how long one attempt may wait for an answer, positive
   * @param retries how many times a timed-out attempt is repeated, not negative
   * @param zoneFiles master (zone) files for the offline resolver; empty for network resolvers
   * @param zoneFileLimits what the offline resolver accepts from those files
   * @throws IllegalArgumentException when {@code queryTimeout} is not positive or {@code retries} is
   *     negative
   */
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

  /**
   * Options with the default {@link ZoneFileLimits}.
   *
   * @param servers the DNS servers to ask, in order; empty means the system's resolvers
   * @param queryTimeout how long one attempt may wait for an answer, positive
   * @param retries how many times a timed-out attempt is repeated, not negative
   * @param zoneFiles master (zone) files for the offline resolver; empty for network resolvers
   */
  public ResolverOptions(
      List<InetSocketAddress> servers, Duration queryTimeout, int retries, List<java.nio.file.Path> zoneFiles) {
    this(servers, queryTimeout, retries, zoneFiles, ZoneFileLimits.ofDefaults());
  }

  /**
   * System resolvers, 2 s per attempt, 2 retries.
   *
   * @return the default resolver options
   */
  public static ResolverOptions ofDefaults() {
    return new ResolverOptions(List.of(), Duration.ofSeconds(2), 2, List.of());
  }

  /**
   * A copy with these servers.
   *
   * @param newServers the DNS servers to ask, in order; empty for the system's resolvers
   * @return a copy with those servers
   */
  public ResolverOptions withServers(List<InetSocketAddress> newServers) {
    return new ResolverOptions(newServers, queryTimeout, retries, zoneFiles, zoneFileLimits);
  }

  /**
   * A copy with this per-attempt timeout.
   *
   * @param timeout how long one attempt may wait, positive
   * @return a copy with that timeout
   */
  public ResolverOptions withQueryTimeout(Duration timeout) {
    return new ResolverOptions(servers, timeout, retries, zoneFiles, zoneFileLimits);
  }

  /**
   * A copy with these retries.
   *
   * @param newRetries how many times a timed-out attempt is repeated
   * @return a copy with that number of retries
   */
  public ResolverOptions withRetries(int newRetries) {
    return new ResolverOptions(servers, queryTimeout, newRetries, zoneFiles, zoneFileLimits);
  }

  /**
   * A copy with these zone files.
   *
   * @param files the zone files for the offline resolver
   * @return a copy with those zone files
   */
  public ResolverOptions withZoneFiles(List<java.nio.file.Path> files) {
    return new ResolverOptions(servers, queryTimeout, retries, new ArrayList<>(files), zoneFileLimits);
  }

  /**
   * A copy with these zone-file limits.
   *
   * @param limits what the offline resolver accepts from zone files
   * @return a copy with those limits
   */
  public ResolverOptions withZoneFileLimits(ZoneFileLimits limits) {
    return new ResolverOptions(servers, queryTimeout, retries, zoneFiles, limits);
  }
}
