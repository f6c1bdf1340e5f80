package io.fedcheck.cli;

import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * A small certificate authority for the plan tests: issues real certificates from the PKCS#10
 * requests {@code fedcheck plan --csr} writes, with the extensions they request (or fewer SANs).
 */
final class PlanTestCa {
  private final KeyPair key;
  private final X500Name name = new X500Name("CN=fedcheck plan test CA");
  private long serial = 1;

  PlanTestCa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    key = g.generateKeyPair();
  }

  static PKCS10CertificationRequest parse(Path csrFile) throws Exception {
    try (PEMParser p = new PEMParser(new StringReader(Files.readString(csrFile, StandardCharsets.US_ASCII)))) {
      return (PKCS10CertificationRequest) p.readObject();
    }
  }

  static Extensions requested(PKCS10CertificationRequest csr) {
    Attribute[] attrs = csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest);
    if (attrs.length != 1) {
      throw new AssertionError("expected one extensionRequest attribute, got " + attrs.length);
    }
    return Extensions.getInstance(attrs[0].getAttrValues().getObjectAt(0));
  }

  /** Issues the request with the SAN and EKU extensions it asks for. */
  X509Certificate issue(Path csrFile) throws Exception {
    PKCS10CertificationRequest csr = parse(csrFile);
    Extensions ext = requested(csr);
    return issue(csr, ext.getExtension(Extension.subjectAlternativeName), ext.getExtension(Extension.extendedKeyUsage));
  }

  /** Issues the request with only {@code sans} and the EKU it asks for. */
  X509Certificate issue(Path csrFile, List<String> sans) throws Exception {
    PKCS10CertificationRequest csr = parse(csrFile);
    Extension san = new Extension(Extension.subjectAlternativeName, false, new GeneralNames(
        sans.stream().map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new)).getEncoded());
    return issue(csr, san, requested(csr).getExtension(Extension.extendedKeyUsage));
  }

  private X509Certificate issue(PKCS10CertificationRequest csr, Extension san, Extension eku) throws Exception {
    Instant now = Instant.now();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(serial++),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(90))), csr.getSubject(),
        new JcaPKCS10CertificationRequest(csr).getPublicKey());
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

  /** Writes certificates as concatenated PEM blocks. */
  static Path writePem(Path file, X509Certificate... certs) throws Exception {
    try (JcaPEMWriter w = new JcaPEMWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII))) {
      for (X509Certificate c : certs) {
        w.writeObject(c);
      }
    }
    return file;
  }
}
