package io.fedcheck.core;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed certificates for the fake inspector (only their presence matters to these tests). */
final class TestCertificates {
  private static KeyPair keys;

  private TestCertificates() {}

  static synchronized X509Certificate selfSigned(String dnsName) {
    try {
      if (keys == null) {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        keys = g.generateKeyPair();
      }
      Instant now = Instant.now();
      X500Name subject = new X500Name("CN=" + dnsName);
      JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
          Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(90, ChronoUnit.DAYS)), subject, keys.getPublic());
      b.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
      return new JcaX509CertificateConverter()
          .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
