package io.fedcheck.api;

import java.net.InetAddress;
import java.util.Objects;

/**
 * An A or AAAA record.
 *
 * @param name the owner name
 * @param address the IPv4 or IPv6 address (never needs a lookup: built from the record's bytes)
 * @param ttl time to live in seconds
 */
public record AddressRecord(String name, InetAddress address, long ttl) implements DnsRecord {
  /**
   * Checks the components and puts the name in canonical form (lower-case, no trailing dot).
   *
   * @param name the owner name
   * @param address the IPv4 or IPv6 address
   * @param ttl time to live in seconds, not negative
   */
  public AddressRecord {
    name = DnsNames.canonical(name, "name");
    Objects.requireNonNull(address, "address");
    ttl = DnsNames.ttl(ttl);
  }
}
