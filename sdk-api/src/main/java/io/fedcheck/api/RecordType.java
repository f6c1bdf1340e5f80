package io.fedcheck.api;

/** The DNS record types fedcheck asks for. */
public enum RecordType {
  SRV,
  A,
  AAAA,
  CNAME
}
