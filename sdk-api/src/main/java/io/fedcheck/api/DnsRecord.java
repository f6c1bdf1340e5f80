package io.fedcheck.api;

/** A resource record from a DNS answer, reduced to what fedcheck needs. */
public sealed interface DnsRecord permits SrvRecord, AddressRecord, CnameRecord {
  /**
   * The owner name, lower-case ASCII without the trailing dot.
   *
   * @return the name this record belongs to
   */
  String name();

  /**
   * The time to live in seconds.
   *
   * @return how long the record may be cached, in seconds
   */
  long ttl();
}
