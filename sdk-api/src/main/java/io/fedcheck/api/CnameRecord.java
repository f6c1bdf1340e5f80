package io.fedcheck.api;

/**
 * A CNAME record: {@code name} is an alias of {@code target}.
 *
 * @param name the alias
 * @param target the canonical name it points to
 * @param ttl time to live in seconds
 */
public record CnameRecord(String name, String target, long ttl) implements DnsRecord {
  public CnameRecord {
    name = DnsNames.canonical(name, "name");
    target = DnsNames.canonical(target, "target");
    ttl = DnsNames.ttl(ttl);
  }
}
