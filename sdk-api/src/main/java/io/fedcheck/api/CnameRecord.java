package io.fedcheck.api;

/**
 * A CNAME record: {@code name} is an alias of {@code target}.
 *
 * @param name the alias
 * @param target the canonical name it points to
 * @param ttl time to live in seconds
 */
public record CnameRecord(String name, String target, long ttl) implements DnsRecord {
  /**
   * Checks the components and puts both names in canonical form (lower-case, no trailing dot).
   *
   * @param name the alias
   * @param target the canonical name it points to
   * @param ttl time to live in seconds, not negative
   */
  public CnameRecord {
    name = DnsNames.canonical(name, "name");
    target = DnsNames.canonical(target, "target");
    ttl = DnsNames.ttl(ttl);
  }
}
