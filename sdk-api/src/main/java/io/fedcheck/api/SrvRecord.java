package io.fedcheck.api;

/**
 * A DNS SRV record (RFC 2782), such as {@code _sipfederationtls._tcp.example.com SRV 0 0 5061
 * expe.example.com.}.
 *
 * @param name the owner name, such as {@code _sipfederationtls._tcp.example.com}
 * @param priority lower is preferred (0..65535)
 * @param weight relative weight among equal priorities (0..65535)
 * @param port the target port (0..65535)
 * @param target the target host, lower-case ASCII without trailing dot; {@code "."} means the
 *     service is decidedly not available
 * @param ttl time to live in seconds
 */
public record SrvRecord(String name, int priority, int weight, int port, String target, long ttl)
    implements DnsRecord {
  /**
   * Checks the record and puts both names in canonical form (lower-case, no trailing dot).
   *
   * @param name the owner name
   * @param priority lower is preferred (0..65535)
   * @param weight relative weight among equal priorities (0..65535)
   * @param port the target port (0..65535)
   * @param target the target host; {@code "."} means the service is decidedly not available
   * @param ttl time to live in seconds, not negative
   * @throws IllegalArgumentException when a number is out of range
   */
  public SrvRecord {
    name = DnsNames.canonical(name, "name");
    target = DnsNames.canonical(target, "target");
    check("priority", priority);
    check("weight", weight);
    check("port", port);
    ttl = DnsNames.ttl(ttl);
  }

  private static void check(String what, int v) {
    if (v < 0 || v > 0xFFFF) {
      throw new IllegalArgumentException(what + " must be 0..65535: " + v);
    }
  }

  /**
   * Whether this is the RFC 2782 "service decidedly not available" record (target {@code .}).
   *
   * @return {@code true} when the target is {@code .}
   */
  public boolean isNotAvailable() {
    return ".".equals(target);
  }
}
