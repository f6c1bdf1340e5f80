package io.fedcheck.api;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Everything observed about one SRV target: its record, its address lookup, whether it is an
 * alias, and what its TLS endpoint presented.
 *
 * @param srv the SRV record naming the target
 * @param addressLookup the A lookup of the target (its records include any CNAME chain)
 * @param certificate what the TLS endpoint presented; outcome {@link TlsOutcome#NOT_ATTEMPTED}
 *     when no connection was made (no address, address refused by the guard, TLS skipped)
 */
public record TargetObservation(SrvRecord srv, DnsResult addressLookup, CertificateObservation certificate) {
  /**
   * Checks that every component is set.
   *
   * @param srv the SRV record naming the target
   * @param addressLookup the A lookup of the target
   * @param certificate what the TLS endpoint presented
   */
  public TargetObservation {
    Objects.requireNonNull(srv, "srv");
    Objects.requireNonNull(addressLookup, "addressLookup");
    Objects.requireNonNull(certificate, "certificate");
  }

  /**
   * The target FQDN.
   *
   * @return the SRV record's target, lower-case without trailing dot
   */
  public String fqdn() {
    return srv.target();
  }

  /**
   * The IPv4/IPv6 addresses the target resolved to.
   *
   * @return the addresses of the address lookup (empty when none)
   */
  public List<InetAddress> addresses() {
    return addressLookup.addresses();
  }

  /**
   * Whether the target name is a CNAME alias (RFC 2782 forbids it).
   *
   * @return {@code true} when the address lookup holds a CNAME whose owner is the target
   */
  public boolean isAlias() {
    return addressLookup.cnames().stream().anyMatch(c -> c.name().equals(srv.target()));
  }
}
