package io.fedcheck.testkit.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A real X.509 certificate with its private key and the issuer that signed it, made with Bouncy
 * Castle for tests; modelled on OkHttp's {@code HeldCertificate}. Besides ordinary leaves and CAs
 * the builder makes the hostile shapes the hardening tests need: BMPString or NUL-bearing names,
 * thousands of SANs, unknown critical extensions, SHA-1 signatures, weak keys, odd EKU sets.
 *
 * <p>Key pairs come from an in-process cache (one per key type and chain depth), so building many
 * certificates is fast; ask for {@link Builder#keyPair(KeyPair)} when a distinct key matters.
 * Immutable and thread-safe.
 */
public final class HeldCertificate {
  /** Password of the in-memory key stores this class builds; they never touch disk. */
  private static final char[] PASSWORD = "fedcheck".toCharArray();

  /** OID under a private arc, so no verifier knows it: an unknown critical extension. */
  public static final String UNKNOWN_EXTENSION_OID = "1.3.6.1.4.1.55555.1.1";

  private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime() & 0xFFFFFFFFL);

  private final X509Certificate certificate;
  private final KeyPair keyPair;
  private final HeldCertificate issuer;
  private final int depth;

  private HeldCertificate(X509Certificate certificate, KeyPair keyPair, HeldCertificate issuer) {
    this.certificate = certificate;
    this.keyPair = keyPair;
    this.issuer = issuer;
    this.depth = issuer == null ? 0 : issuer.depth + 1;
  }

  /** A builder for a self-signed certificate, or one signed by {@link Builder#signedBy}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The certificate itself. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** The certificate's key pair. */
  public KeyPair keyPair() {
    return keyPair;
  }

  /** The private key. */
  public PrivateKey privateKey() {
    return keyPair.getPrivate();
  }

  /** The certificate that signed this one, empty when self-signed. */
  public Optional<HeldCertificate> issuer() {
    return Optional.ofNullable(issuer);
  }

  /**
   * The chain a server presents: this certificate, then every intermediate up to but excluding the
   * self-signed root. A self-signed certificate's chain is itself alone.
   */
  public List<X509Certificate> chain() {
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(certificate);
    for (HeldCertificate c = issuer; c != null && c.issuer != null; c = c.issuer) {
      chain.add(c.certificate);
    }
    return List.copyOf(chain);
  }

  /** {@link #chain()} followed by the root. */
  public List<X509Certificate> chainWithRoot() {
    List<X509Certificate> chain = new ArrayList<>();
    for (HeldCertificate c = this; c != null; c = c.issuer) {
      chain.add(c.certificate);
    }
    return List.copyOf(chain);
  }

  /** The self-signed certificate at the top of this chain (this one when self-signed). */
  public X509Certificate root() {
    HeldCertificate c = this;
    while (c.issuer != null) {
      c = c.issuer;
    }
    return c.certificate;
  }

  /** This certificate as PEM. */
  public String certificatePem() {
    return pem(List.of(certificate));
  }

  /** {@link #chain()} as concatenated PEM, leaf first: what a server's chain file holds. */
  public String chainPem() {
    return pem(chain());
  }

  /** The private key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
  public String privateKeyPem() {
    try {
      return pem(List.of(new JcaPKCS8Generator(keyPair.getPrivate(), null).generate()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An in-memory PKCS#12 key store holding this key and {@link #chain()} under alias {@code identity}. */
  public KeyStore keyStore() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          "identity", keyPair.getPrivate(), PASSWORD, chain().toArray(new Certificate[0]));
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a key store for " + subject(), e);
    }
  }

  /**
   * A key manager presenting this certificate's chain. It is the JDK's {@code SunX509} manager,
   * which does not filter by EKU or key strength, so hostile certificates are still served.
   */
  public X509KeyManager keyManager() {
    try {
      KeyManagerFactory factory = KeyManagerFactory.getInstance("SunX509");
      factory.init(keyStore(), PASSWORD);
      return (X509KeyManager) factory.getKeyManagers()[0];
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a key manager for " + subject(), e);
    }
  }

  /** A trust store whose only anchor is {@link #root()}. */
  public KeyStore trustStore() {
    return trustStoreOf(root());
  }

  /** A PKIX trust manager whose only anchor is {@link #root()}. */
  public X509TrustManager trustManager() {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trustStore());
      return (X509TrustManager) factory.getTrustManagers()[0];
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a trust manager", e);
    }
  }

  /** A TLS server context that presents this identity and trusts {@link #root()} for clients. */
  public SSLContext serverContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          new javax.net.ssl.KeyManager[] {keyManager()},
          new javax.net.ssl.TrustManager[] {trustManager()},
          null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build an SSLContext for " + subject(), e);
    }
  }

  static KeyStore trustStoreOf(X509Certificate anchor) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("anchor", anchor);
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a trust store", e);
    }
  }

  /** Certificates (or keys) as concatenated PEM blocks. */
  public static String pem(List<?> objects) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (Object o : objects) {
        writer.writeObject(o);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private String subject() {
    return certificate.getSubjectX500Principal().getName();
  }

  @Override
  public String toString() {
    return "HeldCertificate[" + subject() + "]";
  }

  /** Builds a {@link HeldCertificate}. Not thread-safe; {@link #build()} may be called repeatedly. */
  public static final class Builder {
    private String commonName;
    private boolean commonNameAsBmpString;
    private String organization = "fedcheck test kit";
    private final List<String> dnsNames = new ArrayList<>();
    private Set<KeyPurpose> keyPurposes;
    private boolean keyPurposesSet;
    private Instant notBefore;
    private Instant notAfter;
    private KeyType keyType = KeyType.EC_P256;
    private KeyPair keyPair;
    private SignatureHash signatureHash = SignatureHash.SHA256;
    private HeldCertificate issuer;
    private int maxIntermediates = -1;
    private boolean unknownCriticalExtension;
    private BigInteger serialNumber;

    private Builder() {}

    /** The subject CN (a UTF8String); any characters, NUL included. Omitted when never set. */
    public Builder commonName(String commonName) {
      this.commonName = Objects.requireNonNull(commonName, "commonName");
      this.commonNameAsBmpString = false;
      return this;
    }

    /** The subject CN encoded as a BMPString (UCS-2), as some old CAs do. */
    public Builder commonNameAsBmpString(String commonName) {
      this.commonName = Objects.requireNonNull(commonName, "commonName");
      this.commonNameAsBmpString = true;
      return this;
    }

    /** The subject O; empty omits it. */
    public Builder organization(String organization) {
      this.organization = Objects.requireNonNull(organization, "organization");
      return this;
    }

    /**
     * Adds one SAN dNSName, written as given (IA5String): wildcards ({@code *.example.com}),
     * punycode ({@code xn--...}) and even NUL bytes pass through unchecked.
     */
    public Builder addSubjectAlternativeName(String dnsName) {
      dnsNames.add(Objects.requireNonNull(dnsName, "dnsName"));
      return this;
    }

    /** Adds SAN dNSNames, in order. */
    public Builder subjectAlternativeNames(Collection<String> names) {
      names.forEach(this::addSubjectAlternativeName);
      return this;
    }

    /** Adds SAN dNSNames, in order. */
    public Builder subjectAlternativeNames(String... names) {
      return subjectAlternativeNames(List.of(names));
    }

    /**
     * Writes an EKU extension with exactly these purposes. No purposes writes an empty (invalid per
     * RFC 5280) sequence. Default: serverAuth + clientAuth on leaves, no extension on CAs.
     */
    public Builder keyPurposes(KeyPurpose... purposes) {
      this.keyPurposes = purposes.length == 0 ? Set.of() : EnumSet.copyOf(List.of(purposes));
      this.keyPurposesSet = true;
      return this;
    }

    /** Leaves the EKU extension out altogether (every purpose allowed). */
    public Builder withoutExtendedKeyUsage() {
      this.keyPurposes = null;
      this.keyPurposesSet = true;
      return this;
    }

    /** The validity window. Default: from one hour ago to 365 days from now. */
    public Builder validity(Instant notBefore, Instant notAfter) {
      if (notAfter.isBefore(notBefore)) {
        throw new IllegalArgumentException("notAfter is before notBefore");
      }
      this.notBefore = notBefore;
      this.notAfter = notAfter;
      return this;
    }

    /** The key type; the key pair comes from the shared cache. Default {@link KeyType#EC_P256}. */
    public Builder keyType(KeyType keyType) {
      this.keyType = Objects.requireNonNull(keyType, "keyType");
      this.keyPair = null;
      return this;
    }

    /** An explicit key pair instead of a cached one. */
    public Builder keyPair(KeyPair keyPair) {
      this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
      return this;
    }

    /** A freshly generated key pair of the current key type, shared with nothing. */
    public Builder freshKeyPair() {
      this.keyPair = keyType.generate();
      return this;
    }

    /** The hash of the signature over this certificate. Default SHA-256. */
    public Builder signatureHash(SignatureHash hash) {
      this.signatureHash = Objects.requireNonNull(hash, "hash");
      return this;
    }

    /** The issuer; without one the certificate is self-signed. */
    public Builder signedBy(HeldCertificate issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /**
     * Makes a CA certificate (basicConstraints cA, keyCertSign) allowing that many intermediates
     * below it; {@link Integer#MAX_VALUE} for no limit.
     */
    public Builder certificateAuthority(int maxIntermediates) {
      if (maxIntermediates < 0) {
        throw new IllegalArgumentException("maxIntermediates must not be negative");
      }
      this.maxIntermediates = maxIntermediates;
      return this;
    }

    /** Adds a critical extension no verifier understands ({@link #UNKNOWN_EXTENSION_OID}). */
    public Builder unknownCriticalExtension() {
      this.unknownCriticalExtension = true;
      return this;
    }

    /** The serial number. Default: unique within the process. */
    public Builder serialNumber(BigInteger serialNumber) {
      this.serialNumber = Objects.requireNonNull(serialNumber, "serialNumber");
      return this;
    }

    /** Signs and returns the certificate. */
    public HeldCertificate build() {
      int depth = issuer == null ? 0 : issuer.depth + 1;
      KeyPair subjectKeys = keyPair != null ? keyPair : KeyPairCache.get(keyType, depth);
      KeyPair signingKeys = issuer == null ? subjectKeys : issuer.keyPair;
      boolean ca = maxIntermediates >= 0;
      Instant now = Instant.now();
      Instant from = notBefore != null ? notBefore : now.minus(Duration.ofHours(1));
      Instant to = notAfter != null ? notAfter : now.plus(Duration.ofDays(365));
      X500Name subject = subjectName();
      try {
        X500Name issuerName =
            issuer == null ? subject : new JcaX509CertificateHolder(issuer.certificate).getSubject();
        BigInteger serial =
            serialNumber != null ? serialNumber : BigInteger.valueOf(SERIALS.incrementAndGet());
        X509v3CertificateBuilder builder =
            new JcaX509v3CertificateBuilder(
                issuerName, serial, Date.from(from), Date.from(to), subject,
                subjectKeys.getPublic());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        builder.addExtension(
            Extension.subjectKeyIdentifier, false,
            extensions.createSubjectKeyIdentifier(subjectKeys.getPublic()));
        if (issuer != null) {
          builder.addExtension(
              Extension.authorityKeyIdentifier, false,
              extensions.createAuthorityKeyIdentifier(issuer.certificate));
        }
        if (ca) {
          BasicConstraints constraints =
              maxIntermediates == Integer.MAX_VALUE
                  ? new BasicConstraints(true)
                  : new BasicConstraints(maxIntermediates);
          builder.addExtension(Extension.basicConstraints, true, constraints);
          builder.addExtension(
              Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
          builder.addExtension(
              Extension.keyUsage, true,
              new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        }
        if (!dnsNames.isEmpty()) {
          GeneralName[] names = new GeneralName[dnsNames.size()];
          for (int i = 0; i < names.length; i++) {
            // DERIA5String without validation: hostile names (NUL, 8-bit) are the point.
            names[i] = new GeneralName(GeneralName.dNSName, new DERIA5String(dnsNames.get(i)));
          }
          builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        }
        Set<KeyPurpose> purposes =
            keyPurposesSet
                ? keyPurposes
                : ca ? null : EnumSet.of(KeyPurpose.SERVER_AUTH, KeyPurpose.CLIENT_AUTH);
        if (purposes != null) {
          KeyPurposeId[] ids = purposes.stream().map(KeyPurpose::id).toArray(KeyPurposeId[]::new);
          builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(ids));
        }
        if (unknownCriticalExtension) {
          builder.addExtension(
              new ASN1ObjectIdentifier(UNKNOWN_EXTENSION_OID), true, DERNull.INSTANCE);
        }
        String algorithm = keyTypeOf(signingKeys).signatureAlgorithm(signatureHash);
        // Bouncy Castle signs, so small curves and 512-bit RSA work; the JDK parses the result.
        ContentSigner signer =
            new JcaContentSignerBuilder(algorithm)
                .setProvider(BouncyCastle.PROVIDER)
                .build(signingKeys.getPrivate());
        X509Certificate certificate =
            new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        return new HeldCertificate(certificate, subjectKeys, issuer);
      } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
        throw new IllegalStateException("cannot build certificate " + subject, e);
      }
    }

    private X500Name subjectName() {
      X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
      if (!organization.isEmpty()) {
        name.addRDN(BCStyle.O, (ASN1Encodable) new DERUTF8String(organization));
      }
      if (commonName != null) {
        ASN1Encodable value =
            commonNameAsBmpString ? new DERBMPString(commonName) : new DERUTF8String(commonName);
        name.addRDN(BCStyle.CN, value);
      }
      return name.build();
    }

    static KeyType keyTypeOf(KeyPair pair) {
      String algorithm = pair.getPrivate().getAlgorithm();
      // Only the algorithm matters for the signature name; size and curve are irrelevant here.
      return algorithm.equals("RSA") ? KeyType.RSA_2048 : KeyType.EC_P256;
    }
  }
}
