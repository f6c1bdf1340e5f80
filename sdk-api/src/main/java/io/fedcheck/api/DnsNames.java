package io.fedcheck.api;

import java.util.Locale;
import java.util.Objects;

/** Canonical form of DNS names inside value types: lower-case ASCII, no trailing dot. */
final class DnsNames {
  private DnsNames() {}

  static String canonical(String name, String what) {
    Objects.requireNonNull(name, what);
    String n = name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
    n = n.toLowerCase(Locale.ROOT);
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException(what + " must be printable ASCII: " + name);
      }
    }
    return n;
  }

  static long ttl(long ttl) {
    if (ttl < 0) {
      throw new IllegalArgumentException("ttl must not be negative: " + ttl);
    }
    return ttl;
  }
}
