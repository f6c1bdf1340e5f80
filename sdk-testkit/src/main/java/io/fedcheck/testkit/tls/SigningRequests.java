package io.fedcheck.testkit.tls;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * PKCS#10 certificate signing requests in tests: reads them and has a {@link
 * TestCertificateAuthority} issue certificates for them, as a real CA would for the CSR that {@code
 * fedcheck plan} writes. Thread-safe.
 */
public final class SigningRequests {
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime() & 0xFFFFFF);

  private SigningRequests() {}

  /** Parses a PEM {@code CERTIFICATE REQUEST}. */
  public static PKCS10CertificationRequest parse(String pem) {
    try (PEMParser p = new PEMParser(new StringReader(pem))) {
      Object o = p.readObject();
      if (!(o instanceof PKCS10CertificationRequest csr)) {
        throw new IllegalArgumentException("not a PEM certificate request");
      }
      return csr;
    } catch (IOException e) {
      throw new IllegalArgumentException("not a PEM certificate request: " + e.getMessage(), e);
    }
  }

  /** The extensions the request asks for (its single {@code extensionRequest} attribute). */
  public static Extensions requestedExtensions(PKCS10CertificationRequest csr) {
    Attribute[] attrs = csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest);
    if (attrs.length != 1) {
      throw new IllegalArgumentException("expected one extensionRequest attribute, got " + attrs.length);
    }
    return Extensions.getInstance(attrs[0].getAttrValues().getObjectAt(0));
  }

  /**
   * Issues a leaf for the request: its subject and key, with the subjectAltName and extended key
   * usage it requests, valid from an hour ago for 90 days.
   */
  public static X509Certificate issue(TestCertificateAuthority ca, String csrPem) {
    PKCS10CertificationRequest csr = parse(csrPem);
    Extensions ext = requestedExtensions(csr);
    return issue(ca, csr, ext.getExtension(Extension.subjectAlternativeName),
        ext.getExtension(Extension.extendedKeyUsage));
  }

  /**
   * Issues a leaf for the request's subject and key, with these SAN dNSNames and key purposes
   * instead of the requested ones; {@code dnsNames} null leaves the subjectAltName extension out
   * (CN only), {@code purposes} null the EKU extension.
   */
  public static X509Certificate issue(
      TestCertificateAuthority ca, String csrPem, List<String> dnsNames, Set<KeyPurpose> purposes) {
    try {
      Extension san = dnsNames == null ? null : new Extension(Extension.subjectAlternativeName, false, new GeneralNames(
          dnsNames.stream().map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new))
          .getEncoded());
      Extension eku = purposes == null ? null : new Extension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(purposes.stream().map(KeyPurpose::id).toArray(KeyPurposeId[]::new)).getEncoded());
      return issue(ca, parse(csrPem), san, eku);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate issue(
      TestCertificateAuthority ca, PKCS10CertificationRequest csr, Extension san, Extension eku) {
    HeldCertificate issuer = ca.certificate();
    Instant now = Instant.now();
    try {
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
          X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
          BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
          Date.from(now.plus(Duration.ofDays(90))), csr.getSubject(),
          new JcaPKCS10CertificationRequest(csr).getPublicKey());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      if (san != null) {
        b.addExtension(san);
      }
      if (eku != null) {
        b.addExtension(eku);
      }
      String algorithm = HeldCertificate.Builder.keyTypeOf(issuer.keyPair()).signatureAlgorithm(SignatureHash.SHA256);
      return new JcaX509CertificateConverter().getCertificate(b.build(
          new JcaContentSignerBuilder(algorithm).setProvider(BouncyCastle.PROVIDER).build(issuer.privateKey())));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot issue a certificate for " + csr.getSubject(), e);
    }
  }
}
