package io.fedcheck.core.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The leaf certificate one edge of a domain presented, reduced to what a diff between two audits
 * compares: identity, names and expiry.
 *
 * @param fqdn the SRV target
 * @param port the SRV port
 * @param leafSha256 the leaf's {@link CertificateFingerprint#sha256}
 * @param sanNames the leaf's subjectAltName dNSName entries (sorted, distinct)
 * @param notAfter the end of the leaf's validity
 */
public record EdgeCertificate(
    String fqdn, int port, String leafSha256, List<String> sanNames, Instant notAfter) {
  public EdgeCertificate {
    Objects.requireNonNull(fqdn, "fqdn");
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
    if (!CertificateFingerprint.isFingerprint(leafSha256)) {
      throw new IllegalArgumentException("leafSha256 must be 64 lowercase hex digits");
    }
    sanNames = List.copyOf(new TreeSet<>(sanNames));
    Objects.requireNonNull(notAfter, "notAfter");
  }

  /** {@code fqdn:port}. */
  public String endpoint() {
    return fqdn + ":" + port;
  }
}
