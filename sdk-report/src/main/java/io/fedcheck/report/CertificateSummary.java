package io.fedcheck.report;

import io.fedcheck.core.fleet.CertificateFingerprint;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * What the reports show of a certificate: names, validity and fingerprint, never the raw object.
 *
 * @param subject the subject DN (RFC 2253)
 * @param issuer the issuer DN (RFC 2253)
 * @param dnsNames the subjectAltName dNSName entries, in order
 * @param ipAddresses the subjectAltName iPAddress entries, in order
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param sha256 SHA-256 fingerprint of the DER encoding, lower-case hex
 * @param serialNumber the serial number, lower-case hex
 * @param keyAlgorithm such as RSA or EC
 * @param keyBits the key size in bits, or 0 when unknown
 * @param signatureAlgorithm such as SHA256withRSA
 */
public record CertificateSummary(
    String subject,
    String issuer,
    List<String> dnsNames,
    List<String> ipAddresses,
    Instant notBefore,
    Instant notAfter,
    String sha256,
    String serialNumber,
    String keyAlgorithm,
    int keyBits,
    String signatureAlgorithm) {

  private static final int SAN_DNS = 2;
  private static final int SAN_IP = 7;

  /** Copies the lists (the record is immutable). */
  public CertificateSummary {
    dnsNames = List.copyOf(dnsNames);
    ipAddresses = List.copyOf(ipAddresses);
  }

  /**
   * The summary of {@code cert}; a broken subjectAltName extension shows as no names.
   *
   * @param cert the certificate
   * @return its summary
   */
  public static CertificateSummary of(X509Certificate cert) {
    List<String> dns = new ArrayList<>();
    List<String> ips = new ArrayList<>();
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (san.size() >= 2 && san.get(0) instanceof Integer type && san.get(1) instanceof String v) {
            if (type == SAN_DNS) {
              dns.add(v);
            } else if (type == SAN_IP) {
              ips.add(v);
            }
          }
        }
      }
    } catch (CertificateParsingException e) {
      // A broken extension is the rules' business; the summary just shows no names.
    }
    return new CertificateSummary(
        cert.getSubjectX500Principal().getName(X500Principal.RFC2253),
        cert.getIssuerX500Principal().getName(X500Principal.RFC2253),
        dns,
        ips,
        cert.getNotBefore().toInstant(),
        cert.getNotAfter().toInstant(),
        CertificateFingerprint.sha256(cert),
        cert.getSerialNumber().toString(16),
        cert.getPublicKey().getAlgorithm(),
        keyBits(cert.getPublicKey()),
        cert.getSigAlgName());
  }

  /**
   * The fingerprint as {@code AB:CD:...}, as browsers and openssl show it.
   *
   * @return the colon-separated upper-case fingerprint
   */
  public String sha256WithColons() {
    return HexFormat.ofDelimiter(":").withUpperCase().formatHex(HexFormat.of().parseHex(sha256));
  }

  private static int keyBits(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      return rsa.getModulus().bitLength();
    }
    if (key instanceof ECPublicKey ec) {
      return ec.getParams().getOrder().bitLength();
    }
    return 0;
  }
}
