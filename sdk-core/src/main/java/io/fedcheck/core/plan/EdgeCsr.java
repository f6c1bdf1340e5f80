package io.fedcheck.core.plan;

import java.util.List;
import java.util.Objects;

/**
 * A PKCS#10 certificate signing request for an edge certificate.
 *
 * @param pem the request, PEM-encoded ({@code -----BEGIN CERTIFICATE REQUEST-----})
 * @param subject the subject distinguished name, such as {@code CN=vcse.steven.lab}
 * @param subjectAltNames the dNSName entries requested, in order
 * @param signatureAlgorithm the JCA name of the signature, such as {@code SHA256withRSA}
 */
public record EdgeCsr(String pem, String subject, List<String> subjectAltNames, String signatureAlgorithm) {
  public EdgeCsr {
    Objects.requireNonNull(pem, "pem");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
    subjectAltNames = List.copyOf(subjectAltNames);
    if (!pem.startsWith("-----BEGIN CERTIFICATE REQUEST-----")) {
      throw new IllegalArgumentException("pem must hold a PEM certificate request");
    }
  }
}
