package io.fedcheck.api;

import java.time.Duration;
import java.util.Objects;

/**
 * One question for a {@link DomainResolver}.
 *
 * @param name the name to look up, ASCII (punycode), with or without trailing dot
 * @param type the record type
 * @param timeout how long the whole lookup (with its retries) may take
 */
public record DnsQuery(String name, RecordType type, Duration timeout) {
  /**
   * Checks the question and puts the name in canonical form (lower-case, no trailing dot).
   *
   * @param name the name to look up, ASCII (punycode), with or without trailing dot
   * @param type the record type
   * @param timeout how long the whole lookup (with its retries) may take, positive
   * @throws IllegalArgumentException when {@code timeout} is zero or negative
   */
  public DnsQuery {
    name = DnsNames.canonical(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }
}
