package io.fedcheck.core.plan;

import java.io.StringReader;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.pkcs.Attribute;
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
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** A tiny certificate authority for tests: issues real certificates from PKCS#10 requests. */
final class TestCa {
  private final KeyPair key = CertificateRequests.generateKeyPair(KeyAlgorithm.EC_P256);
  private final X500Name name = new X500Name("CN=fedcheck test CA");
  private long serial = 1;

  static PKCS10CertificationRequest parse(String pem) throws Exception {
    try (PEMParser p = new PEMParser(new StringReader(pem))) {
      return (PKCS10CertificationRequest) p.readObject();
    }
  }

  static Extensions requestedExtensions(PKCS10CertificationRequest csr) {
    Attribute[] attrs = csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest);
    if (attrs.length != 1) {
      throw new AssertionError("expected one extensionRequest, got " + attrs.length);
    }
    return Extensions.getInstance(attrs[0].getAttrValues().getObjectAt(0));
  }

  /** Issues a certificate with the extensions the request asks for. */
  X509Certificate issue(String csrPem) throws Exception {
    PKCS10CertificationRequest csr = parse(csrPem);
    Extensions ext = requestedExtensions(csr);
    return issue(csr, ext.getExtension(Extension.subjectAlternativeName),
        ext.getExtension(Extension.extendedKeyUsage));
  }

  /** Issues a certificate for the request's key with only these SANs and EKUs (null: none). */
  X509Certificate issue(String csrPem, List<String> sans, List<KeyPurposeId> ekus) throws Exception {
    PKCS10CertificationRequest csr = parse(csrPem);
    Extension san = sans == null ? null : new Extension(Extension.subjectAlternativeName, false,
        new GeneralNames(sans.stream().map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new))
            .getEncoded());
    Extension eku = ekus == null ? null : new Extension(Extension.extendedKeyUsage, false,
        new ExtendedKeyUsage(ekus.toArray(KeyPurposeId[]::new)).getEncoded());
    return issue(csr, san, eku);
  }

  private X509Certificate issue(PKCS10CertificationRequest csr, Extension san, Extension eku) throws Exception {
    Instant now = Instant.now();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(serial++),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(90))), csr.getSubject(),
        new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest(csr).getPublicKey());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    if (san != null) {
      b.addExtension(san);
    }
    if (eku != null) {
      b.addExtension(eku);
    }
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
  }
}
