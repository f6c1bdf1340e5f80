package io.fedcheck.api;

/** The DNS record types fedcheck asks for. */
public enum RecordType {
  /** Service location (RFC 2782), such as {@code _sipfederationtls._tcp.example.com}. */
  SRV,
  /** IPv4 address. */
  A,
  /** IPv6 address. */
  AAAA,
  /** Alias. */
  CNAME
}
