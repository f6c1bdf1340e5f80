package io.fedcheck.core.rules;

import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import io.fedcheck.core.rules.HostnameMatching.PresentedName;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The facts the certificate rules need from one certificate, parsed once: subjectAltName dNSName
 * entries, subject CNs, extended key usages, key algorithm and size, signature algorithm and
 * validity window.
 *
 * <p>Parsing uses Bouncy Castle on the certificate's raw extensions rather than the JDK's accessors:
 * the JDK silently drops a subjectAltName extension it cannot parse (for example one whose dNSName
 * holds a NUL), which would wrongly let the CN count.
 *
 * <p>{@link #of} keeps the facts of recently seen certificates in a small bounded cache keyed by
 * certificate identity (weak keys), because a bulk audit evaluates the same certificate objects
 * again and again. Instances are immutable and thread-safe.
 */
public final class CertificateFacts {
  /** The serverAuth extended key usage OID (1.3.6.1.5.5.7.3.1). */
  public static final String SERVER_AUTH = KeyPurposeId.id_kp_serverAuth.getId();

  /** The clientAuth extended key usage OID (1.3.6.1.5.5.7.3.2). */
  public static final String CLIENT_AUTH = KeyPurposeId.id_kp_clientAuth.getId();

  /** The anyExtendedKeyUsage OID (2.5.29.37.0), which allows both. */
  public static final String ANY_EXTENDED_KEY_USAGE = KeyPurposeId.anyExtendedKeyUsage.getId();

  private static final LoadingCache<X509Certificate, CertificateFacts> CACHE =
      CacheBuilder.newBuilder()
          .weakKeys()
          .maximumSize(4096)
          .build(CacheLoader.from(CertificateFacts::parse));

  /** Signature algorithm OIDs with a broken hash, and the hash's name. */
  private static final java.util.Map<String, String> WEAK_SIGNATURE_OIDS = java.util.Map.of(
      "1.2.840.113549.1.1.2", "MD2", // md2WithRSAEncryption
      "1.2.840.113549.1.1.3", "MD4", // md4WithRSAEncryption
      "1.2.840.113549.1.1.4", "MD5", // md5WithRSAEncryption
      "1.2.840.113549.1.1.5", "SHA-1", // sha1WithRSAEncryption
      "1.3.14.3.2.3", "MD5", // OIW md5WithRSA
      "1.3.14.3.2.29", "SHA-1", // OIW sha1WithRSAEncryption
      "1.3.14.3.2.27", "SHA-1", // OIW dsaWithSHA1
      "1.2.840.10045.4.1", "SHA-1", // ecdsa-with-SHA1
      "1.2.840.10040.4.3", "SHA-1"); // dsa-with-sha1

  private final String subject;
  private final String issuer;
  private final boolean hasSubjectAltName;
  private final List<String> dnsNames;
  private final List<String> commonNames;
  private final List<PresentedName> sanPatterns;
  private final List<PresentedName> commonNamePatterns;
  private final boolean hasExtendedKeyUsage;
  private final Set<String> extendedKeyUsages;
  private final String keyAlgorithm;
  private final int keyBits;
  private final String signatureAlgorithm;
  private final String weakSignatureHash;
  private final long notBeforeMillis;
  private final long notAfterMillis;

  private CertificateFacts(X509Certificate c) {
    this.subject = c.getSubjectX500Principal().getName(X500Principal.RFC2253);
    this.issuer = c.getIssuerX500Principal().getName(X500Principal.RFC2253);
    byte[] san = c.getExtensionValue(Extension.subjectAlternativeName.getId());
    this.hasSubjectAltName = san != null;
    this.dnsNames = san == null ? List.of() : dnsNamesOf(san);
    this.commonNames = commonNamesOf(c.getSubjectX500Principal());
    this.sanPatterns = dnsNames.stream().map(PresentedName::parse).toList();
    this.commonNamePatterns = commonNames.stream().map(PresentedName::parse).toList();
    byte[] eku = c.getExtensionValue(Extension.extendedKeyUsage.getId());
    this.hasExtendedKeyUsage = eku != null;
    this.extendedKeyUsages = eku == null ? Set.of() : usagesOf(eku);
    SubjectPublicKeyInfo spki = publicKeyInfo(c);
    this.keyAlgorithm = keyAlgorithmOf(spki, c);
    this.keyBits = keyBitsOf(spki);
    this.signatureAlgorithm = c.getSigAlgName();
    this.weakSignatureHash = weakHashOf(c);
    this.notBeforeMillis = c.getNotBefore().getTime();
    this.notAfterMillis = c.getNotAfter().getTime();
  }

  /** The facts of {@code certificate}, from the cache when it was seen recently. */
  public static CertificateFacts of(X509Certificate certificate) {
    return CACHE.getUnchecked(certificate);
  }

  private static CertificateFacts parse(X509Certificate certificate) {
    return new CertificateFacts(certificate);
  }

  /** The subject DN (RFC 2253). */
  public String subject() {
    return subject;
  }

  /** The issuer DN (RFC 2253). */
  public String issuer() {
    return issuer;
  }

  /** Whether the certificate has a subjectAltName extension (even an empty or malformed one). */
  public boolean hasSubjectAltName() {
    return hasSubjectAltName;
  }

  /** The subjectAltName dNSName entries exactly as encoded (may contain NUL or non-ASCII). */
  public List<String> dnsNames() {
    return dnsNames;
  }

  /** The subject common names. */
  public List<String> commonNames() {
    return commonNames;
  }

  /** Whether an extended key usage extension is present. */
  public boolean hasExtendedKeyUsage() {
    return hasExtendedKeyUsage;
  }

  /** The extended key usage OIDs (empty when absent or malformed). */
  public Set<String> extendedKeyUsages() {
    return extendedKeyUsages;
  }

  /** Whether the EKU allows TLS server use (absent, serverAuth or anyExtendedKeyUsage). */
  public boolean allowsServerAuth() {
    return !hasExtendedKeyUsage || extendedKeyUsages.contains(SERVER_AUTH)
        || extendedKeyUsages.contains(ANY_EXTENDED_KEY_USAGE);
  }

  /** Whether the EKU allows TLS client use (absent, clientAuth or anyExtendedKeyUsage). */
  public boolean allowsClientAuth() {
    return !hasExtendedKeyUsage || extendedKeyUsages.contains(CLIENT_AUTH)
        || extendedKeyUsages.contains(ANY_EXTENDED_KEY_USAGE);
  }

  /** {@code RSA}, {@code EC}, {@code Ed25519}, {@code Ed448}, {@code DSA} or the JDK's name. */
  public String keyAlgorithm() {
    return keyAlgorithm;
  }

  /** The key size in bits (RSA modulus, EC group order, DSA prime), or -1 when unknown. */
  public int keyBits() {
    return keyBits;
  }

  /** The signature algorithm name, such as {@code SHA256withRSA}. */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /** {@code MD2}, {@code MD4}, {@code MD5} or {@code SHA-1} for a weak signature hash, else empty. */
  public String weakSignatureHash() {
    return weakSignatureHash;
  }

  /** The start of the validity window. */
  public Instant notBefore() {
    return Instant.ofEpochMilli(notBeforeMillis);
  }

  /** The end of the validity window (inclusive). */
  public Instant notAfter() {
    return Instant.ofEpochMilli(notAfterMillis);
  }

  /**
   * -1 when {@code at} is before the validity window, 1 when after it, 0 inside; both ends are
   * inclusive, as in {@link X509Certificate#checkValidity(java.util.Date)}.
   */
  public int validityAt(Instant at) {
    long t = at.toEpochMilli();
    return t < notBeforeMillis ? -1 : t > notAfterMillis ? 1 : 0;
  }

  List<PresentedName> sanPatterns() {
    return sanPatterns;
  }

  List<PresentedName> commonNamePatterns() {
    return commonNamePatterns;
  }

  private static List<String> dnsNamesOf(byte[] extensionValue) {
    List<String> out = new ArrayList<>();
    try {
      GeneralNames names =
          GeneralNames.getInstance(ASN1OctetString.getInstance(extensionValue).getOctets());
      for (GeneralName n : names.getNames()) {
        if (n.getTagNo() == GeneralName.dNSName && n.getName() instanceof ASN1String s) {
          out.add(s.getString());
        }
      }
    } catch (RuntimeException e) {
      // A malformed SAN still voids the CN (RFC 6125); it just names nothing.
    }
    return List.copyOf(out);
  }

  private static List<String> commonNamesOf(X500Principal principal) {
    List<String> out = new ArrayList<>();
    try {
      X500Name name = X500Name.getInstance(principal.getEncoded());
      for (RDN rdn : name.getRDNs(BCStyle.CN)) {
        for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
          if (BCStyle.CN.equals(atv.getType())) {
            ASN1Encodable v = atv.getValue();
            out.add(v instanceof ASN1String s ? s.getString() : v.toString());
          }
        }
      }
    } catch (RuntimeException e) {
      // An unparseable subject names nothing.
    }
    return List.copyOf(out);
  }

  private static Set<String> usagesOf(byte[] extensionValue) {
    try {
      ExtendedKeyUsage eku =
          ExtendedKeyUsage.getInstance(ASN1OctetString.getInstance(extensionValue).getOctets());
      java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
      for (KeyPurposeId id : eku.getUsages()) {
        out.add(id.getId());
      }
      return java.util.Collections.unmodifiableSet(out);
    } catch (RuntimeException e) {
      return Set.of(); // malformed: present but allowing nothing
    }
  }

  private static SubjectPublicKeyInfo publicKeyInfo(X509Certificate c) {
    try {
      return SubjectPublicKeyInfo.getInstance(c.getPublicKey().getEncoded());
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String keyAlgorithmOf(SubjectPublicKeyInfo spki, X509Certificate c) {
    if (spki != null) {
      ASN1ObjectIdentifier alg = spki.getAlgorithm().getAlgorithm();
      if (alg.equals(PKCSObjectIdentifiers.rsaEncryption)
          || alg.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
        return "RSA";
      }
      if (alg.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
        return "EC";
      }
      if (alg.equals(EdECObjectIdentifiers.id_Ed25519)) {
        return "Ed25519";
      }
      if (alg.equals(EdECObjectIdentifiers.id_Ed448)) {
        return "Ed448";
      }
      if (alg.equals(X9ObjectIdentifiers.id_dsa)) {
        return "DSA";
      }
    }
    return c.getPublicKey().getAlgorithm();
  }

  private static int keyBitsOf(SubjectPublicKeyInfo spki) {
    if (spki == null) {
      return -1;
    }
    try {
      ASN1ObjectIdentifier alg = spki.getAlgorithm().getAlgorithm();
      if (alg.equals(PKCSObjectIdentifiers.rsaEncryption)
          || alg.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
        return org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(spki.parsePublicKey())
            .getModulus().bitLength();
      }
      if (alg.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
        X962Parameters p = X962Parameters.getInstance(spki.getAlgorithm().getParameters());
        X9ECParameters x9 = p.isNamedCurve()
            ? ECNamedCurveTable.getByOID(ASN1ObjectIdentifier.getInstance(p.getParameters()))
            : p.isImplicitlyCA() ? null : X9ECParameters.getInstance(p.getParameters());
        return x9 == null ? -1 : x9.getN().bitLength();
      }
      if (alg.equals(EdECObjectIdentifiers.id_Ed25519)) {
        return 256;
      }
      if (alg.equals(EdECObjectIdentifiers.id_Ed448)) {
        return 456;
      }
      if (alg.equals(X9ObjectIdentifiers.id_dsa)) {
        return org.bouncycastle.asn1.x509.DSAParameter.getInstance(
            spki.getAlgorithm().getParameters()).getP().bitLength();
      }
    } catch (java.io.IOException | RuntimeException e) {
      // Unknown or malformed key: size unknown.
    }
    return -1;
  }

  private static String weakHashOf(X509Certificate c) {
    String oid = c.getSigAlgOID();
    String weak = WEAK_SIGNATURE_OIDS.get(oid);
    if (weak != null) {
      return weak;
    }
    if (PKCSObjectIdentifiers.id_RSASSA_PSS.getId().equals(oid)) {
      try {
        byte[] params = c.getSigAlgParams();
        // RSASSA-PSS defaults its hash to SHA-1 when the parameters leave it out.
        if (params == null || RSASSAPSSparams.getInstance(params).getHashAlgorithm().getAlgorithm()
            .equals(OIWObjectIdentifiers.idSHA1)) {
          return "SHA-1";
        }
      } catch (RuntimeException e) {
        return "";
      }
    }
    return "";
  }

  @Override
  public String toString() {
    return "CertificateFacts{subject=" + subject + ", dnsNames=" + dnsNames + ", keyAlgorithm="
        + keyAlgorithm + ", keyBits=" + keyBits + ", signature=" + signatureAlgorithm + "}";
  }
}
