package io.fedcheck.testkit.tls;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.X509TrustManager;

/**
 * A private certificate authority for tests: a root (or an intermediate under one) that issues
 * leaves and further intermediates. Typical use:
 *
 * <pre>{@code
 * TestCertificateAuthority root = TestCertificateAuthority.create("fedcheck Test Root");
 * TestCertificateAuthority issuing = root.intermediate("fedcheck Issuing CA");
 * HeldCertificate edge = issuing.leaf("vcse.example.com");          // CN + SAN
 * HeldCertificate odd = issuing.leafBuilder().commonName("x").keyPurposes(KeyPurpose.CLIENT_AUTH).build();
 * X509TrustManager trust = root.trustManager();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class TestCertificateAuthority {
  private final HeldCertificate certificate;

  private TestCertificateAuthority(HeldCertificate certificate) {
    this.certificate = certificate;
  }

  /** A new self-signed root CA with an EC P-256 key and no path-length limit. */
  public static TestCertificateAuthority create(String commonName) {
    return of(
        HeldCertificate.builder()
            .commonName(commonName)
            .certificateAuthority(Integer.MAX_VALUE)
            .build());
  }

  /** Wraps a CA certificate made with {@link HeldCertificate.Builder#certificateAuthority(int)}. */
  public static TestCertificateAuthority of(HeldCertificate certificateAuthority) {
    Objects.requireNonNull(certificateAuthority, "certificateAuthority");
    if (certificateAuthority.certificate().getBasicConstraints() < 0) {
      throw new IllegalArgumentException("not a CA certificate: " + certificateAuthority);
    }
    return new TestCertificateAuthority(certificateAuthority);
  }

  /** An intermediate CA signed by this one. */
  public TestCertificateAuthority intermediate(String commonName) {
    return of(
        HeldCertificate.builder()
            .commonName(commonName)
            .certificateAuthority(Integer.MAX_VALUE)
            .signedBy(certificate)
            .build());
  }

  /** A builder for a certificate signed by this CA (a leaf unless made a CA). */
  public HeldCertificate.Builder leafBuilder() {
    return HeldCertificate.builder().signedBy(certificate);
  }

  /**
   * A server/client leaf (EKU serverAuth + clientAuth) whose CN is the first name and whose SAN
   * dNSNames are all the names.
   */
  public HeldCertificate leaf(String... dnsNames) {
    if (dnsNames.length == 0) {
      throw new IllegalArgumentException("a leaf needs at least one name");
    }
    return leafBuilder().commonName(dnsNames[0]).subjectAlternativeNames(dnsNames).build();
  }

  /** This CA's own certificate and key. */
  public HeldCertificate certificate() {
    return certificate;
  }

  /** The root at the top of this CA's chain. */
  public X509Certificate rootCertificate() {
    return certificate.root();
  }

  /** The root as PEM, for a trust-anchor file. */
  public String rootPem() {
    return HeldCertificate.pem(List.of(rootCertificate()));
  }

  /** A trust store whose only anchor is the root. */
  public KeyStore trustStore() {
    return certificate.trustStore();
  }

  /** A PKIX trust manager whose only anchor is the root. */
  public X509TrustManager trustManager() {
    return certificate.trustManager();
  }

  @Override
  public String toString() {
    return "TestCertificateAuthority[" + certificate.certificate().getSubjectX500Principal() + "]";
  }
}
