package io.fedcheck.core.fleet;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The identity of a certificate across reports: the SHA-256 of its DER encoding, as lowercase hex
 * (the "SHA-256 fingerprint" that browsers and {@code openssl x509 -fingerprint -sha256} show,
 * without the colons).
 *
 * <p>Certificate objects are not compared by {@code equals}: two reports of the same edge hold
 * distinct objects for the same certificate, and the DER bytes are the only stable identity.
 */
public final class CertificateFingerprint {
  /** The length of a fingerprint: 32 bytes as hex. */
  static final int LENGTH = 64;

  private CertificateFingerprint() {}

  /** The lowercase hex SHA-256 of {@code certificate}'s DER encoding (64 characters). */
  public static String sha256(X509Certificate certificate) {
    Objects.requireNonNull(certificate, "certificate");
    try {
      // A fresh digest per call: MessageDigest is not thread-safe and this is cheap.
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    } catch (CertificateEncodingException e) {
      // A certificate that was parsed from DER can be encoded again; reaching here means a broken
      // provider, which no caller can recover from.
      throw new IllegalArgumentException("the certificate cannot be DER-encoded", e);
    }
  }

  /** Whether {@code s} is empty (no certificate) or a well-formed fingerprint. */
  static boolean isFingerprintOrEmpty(String s) {
    return s != null && (s.isEmpty() || isFingerprint(s));
  }

  /**
   * Whether {@code s} is a fingerprint as {@link #sha256} writes it: 64 lowercase hex digits.
   *
   * @param s the text to check, possibly {@code null}
   * @return whether it is a well-formed fingerprint
   */
  public static boolean isFingerprint(String s) {
    if (s == null || s.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }
}
