package io.fedcheck.core.rules;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds real certificate chains for the rule tests with Bouncy Castle: a root CA, an intermediate
 * and leaves with chosen names, EKU, validity, key and signature. Nothing is checked in as binary.
 */
final class TestPki {
  /** The time the tests judge certificates at. */
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private static final Provider BC = new BouncyCastleProvider();
  private static final AtomicLong SERIAL = new AtomicLong(1000);

  /** A certificate with its key pair. */
  record Issued(X509Certificate certificate, KeyPair keys) {}

  static final Issued ROOT = ca("CN=fedcheck Test Root CA,O=fedcheck tests", null);
  static final Issued INTERMEDIATE = ca("CN=fedcheck Test Issuing CA,O=fedcheck tests", ROOT);

  private TestPki() {}

  static KeyPair ec(String curve) {
    try {
      KeyPairGenerator g = curve.equals("secp256r1") || curve.equals("secp384r1")
          ? KeyPairGenerator.getInstance("EC") : KeyPairGenerator.getInstance("EC", BC);
      g.initialize(new ECGenParameterSpec(curve));
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair rsa(int bits) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", BC);
      g.initialize(bits);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Issued ca(String dn, Issued issuer) {
    KeyPair keys = ec("secp256r1");
    return ca(dn, keys, issuer == null ? null
        : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
        issuer == null ? keys : issuer.keys(), NOW.minus(Duration.ofDays(3650)),
        NOW.plus(Duration.ofDays(3650)));
  }

  /** A CA certificate with the given key, issuer name and signing key (for loops, cross-signs). */
  static Issued ca(String dn, KeyPair keys, X500Name issuerDn, KeyPair signerKeys, Instant from,
      Instant to) {
    try {
      X500Name subject = new X500Name(dn);
      X500Name issuerName = issuerDn == null ? subject : issuerDn;
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
          BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(to), subject,
          keys.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
      b.addExtension(Extension.subjectKeyIdentifier, false,
          ext.createSubjectKeyIdentifier(keys.getPublic()));
      return new Issued(convert(b, "SHA256withECDSA", signerKeys), keys);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate convert(X509v3CertificateBuilder b, String sigAlg, KeyPair signer)
      throws Exception {
    var holder = b.build(new JcaContentSignerBuilder(sigAlg).setProvider(BC)
        .build(signer.getPrivate()));
    try {
      // The JDK's own parser, as a real TLS inspector would hand the chain over.
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (Exception e) {
      return new JcaX509CertificateConverter().setProvider(BC).getCertificate(holder);
    }
  }

  /** A leaf builder with good defaults: EC P-256, serverAuth+clientAuth, a year around NOW. */
  static LeafBuilder leaf(String... sans) {
    return new LeafBuilder(List.of(sans));
  }

  /** Builds a leaf certificate and its chain. Not thread-safe. */
  static final class LeafBuilder {
    private List<String> sans;
    private String cn;
    private List<KeyPurposeId> eku =
        List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);
    private Instant notBefore = NOW.minus(Duration.ofDays(100));
    private Instant notAfter = NOW.plus(Duration.ofDays(265));
    private KeyPair keys;
    private String sigAlg = "SHA256withECDSA";
    private Issued issuer = INTERMEDIATE;
    private boolean selfSigned;

    private LeafBuilder(List<String> sans) {
      this.sans = sans.isEmpty() ? null : sans;
      this.cn = sans.isEmpty() ? "leaf.example.com" : sans.get(0);
    }

    /** No subjectAltName extension at all. */
    LeafBuilder noSan() {
      this.sans = null;
      return this;
    }

    LeafBuilder cn(String value) {
      this.cn = value;
      return this;
    }

    /** The EKU extension's purposes; {@code null} for no EKU extension. */
    LeafBuilder eku(KeyPurposeId... purposes) {
      this.eku = purposes == null ? null : List.of(purposes);
      return this;
    }

    LeafBuilder noEku() {
      this.eku = null;
      return this;
    }

    LeafBuilder validity(Instant from, Instant to) {
      this.notBefore = from;
      this.notAfter = to;
      return this;
    }

    LeafBuilder keys(KeyPair value) {
      this.keys = value;
      return this;
    }

    LeafBuilder signature(String algorithm) {
      this.sigAlg = algorithm;
      return this;
    }

    LeafBuilder issuer(Issued value) {
      this.issuer = value;
      return this;
    }

    LeafBuilder selfSigned() {
      this.selfSigned = true;
      return this;
    }

    /** The leaf alone. */
    Issued issue() {
      KeyPair k = keys != null ? keys : ec("secp256r1");
      try {
        X500Name subject = new X500Name("CN=" + cn + ",O=fedcheck tests");
        X500Name issuerName = selfSigned ? subject
            : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
            BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore),
            Date.from(notAfter), subject, k.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true,
            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        if (sans != null) {
          List<GeneralName> names = new ArrayList<>();
          for (String s : sans) {
            names.add(new GeneralName(GeneralName.dNSName, s));
          }
          b.addExtension(Extension.subjectAlternativeName, false,
              new GeneralNames(names.toArray(GeneralName[]::new)));
        }
        if (eku != null) {
          b.addExtension(Extension.extendedKeyUsage, false,
              new ExtendedKeyUsage(eku.toArray(KeyPurposeId[]::new)));
        }
        if (!selfSigned) {
          b.addExtension(Extension.authorityKeyIdentifier, false,
              ext.createAuthorityKeyIdentifier(issuer.certificate()));
        }
        KeyPair signer = selfSigned ? k : issuer.keys();
        String alg = selfSigned && k.getPublic().getAlgorithm().equals("RSA")
            ? sigAlg.replace("ECDSA", "RSA") : sigAlg;
        return new Issued(convert(b, alg, signer), k);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    /** Leaf and intermediate, as a server presents them. */
    List<X509Certificate> chain() {
      Issued leaf = issue();
      return selfSigned ? List.of(leaf.certificate())
          : List.of(leaf.certificate(), issuer.certificate());
    }
  }
}
