package io.fedcheck.core.plan;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Generates the key and the PKCS#10 request of an edge certificate that serves every domain of an
 * {@link EdgePlan}. Uses the JDK's providers (Bouncy Castle only builds and encodes the ASN.1), so
 * nothing is registered globally. Stateless and thread-safe.
 */
public final class CertificateRequests {
  private CertificateRequests() {}

  /** Generates a new key pair with a strong random source. */
  public static KeyPair generateKeyPair(KeyAlgorithm algorithm) {
    Objects.requireNonNull(algorithm, "algorithm");
    try {
      KeyPairGenerator g;
      if (algorithm == KeyAlgorithm.EC_P256) {
        g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      } else {
        g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048, new SecureRandom());
      }
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot generate a " + algorithm + " key", e);
    }
  }

  /**
   * A request with subject {@code CN=<first target>}, every planned SRV target as a dNSName
   * subjectAltName, extended key usage serverAuth and clientAuth (federation is mutual TLS), and
   * key usage digitalSignature (plus keyEncipherment for RSA keys, which RSA key exchange needs and
   * which means nothing for an EC key), signed with SHA-256.
   *
   * @param plan the plan whose targets the certificate must name
   * @param keyPair a new key ({@link #generateKeyPair}) or an existing one ({@link PemKeys#readKeyPair})
   * @throws IllegalArgumentException when the key is neither RSA nor EC
   */
  public static EdgeCsr create(EdgePlan plan, KeyPair keyPair) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(keyPair, "keyPair");
    String signature;
    int keyUsage;
    if (keyPair.getPrivate() instanceof RSAKey) {
      signature = "SHA256withRSA";
      keyUsage = KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
    } else if (keyPair.getPrivate() instanceof ECKey) {
      signature = "SHA256withECDSA";
      keyUsage = KeyUsage.digitalSignature;
    } else {
      throw new IllegalArgumentException("the key must be RSA or EC, not " + keyPair.getPrivate().getAlgorithm());
    }
    List<String> sans = plan.subjectAltNames();
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, sans.get(0)).build();
    try {
      ExtensionsGenerator extensions = new ExtensionsGenerator();
      extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
          sans.stream().map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new)));
      extensions.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
          new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      extensions.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
      PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(subject, keyPair.getPublic())
          .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
          .build(new JcaContentSignerBuilder(signature).build(keyPair.getPrivate()));
      StringWriter out = new StringWriter();
      try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
        pem.writeObject(csr);
      }
      return new EdgeCsr(out.toString(), subject.toString(), sans, signature);
    } catch (OperatorCreationException e) {
      throw new IllegalArgumentException("cannot sign with this " + keyPair.getPrivate().getAlgorithm() + " key: "
          + e.getMessage(), e);
    } catch (IOException e) {
      // Only in-memory encoding happens here.
      throw new UncheckedIOException(e);
    }
  }
}
