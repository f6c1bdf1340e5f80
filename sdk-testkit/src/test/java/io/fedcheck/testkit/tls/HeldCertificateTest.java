package io.fedcheck.testkit.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.IntStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Test;

class HeldCertificateTest {
  private static final TestCertificateAuthority ROOT = TestCertificateAuthority.create("Test Root");
  private static final TestCertificateAuthority ISSUING = ROOT.intermediate("Test Issuing CA");

  @Test
  void leafChainValidatesToTheRootOnly() throws Exception {
    HeldCertificate leaf = ISSUING.leaf("vcse.example.com");
    X509Certificate[] chain = leaf.chain().toArray(X509Certificate[]::new);
    assertEquals(2, chain.length);
    assertEquals(ISSUING.certificate().certificate(), chain[1]);
    assertEquals(ROOT.rootCertificate(), leaf.root());
    assertEquals(3, leaf.chainWithRoot().size());
    assertDoesNotThrow(() -> ROOT.trustManager().checkServerTrusted(chain, "ECDHE_ECDSA"));
    TestCertificateAuthority other = TestCertificateAuthority.create("Other Root");
    assertThrows(
        CertificateException.class,
        () -> other.trustManager().checkServerTrusted(chain, "ECDHE_ECDSA"));
  }

  @Test
  void namesPassThroughUnchanged() throws Exception {
    HeldCertificate leaf =
        ISSUING.leafBuilder()
            .commonName("evil.example.com\0.attacker.test")
            .subjectAlternativeNames(
                "*.example.com", "xn--bcher-kva.example.com", "vcse.example.com\0.attacker.test")
            .build();
    assertEquals(
        List.of("*.example.com", "xn--bcher-kva.example.com", "vcse.example.com\0.attacker.test"),
        dnsNames(leaf.certificate()));
    X500Name subject = X500Name.getInstance(leaf.certificate().getSubjectX500Principal().getEncoded());
    assertEquals(
        "evil.example.com\0.attacker.test",
        subject.getRDNs(BCStyle.CN)[0].getFirst().getValue().toString());
  }

  @Test
  void bmpStringCommonName() {
    HeldCertificate leaf = ISSUING.leafBuilder().commonNameAsBmpString("vcse.example.com").build();
    X500Name subject = X500Name.getInstance(leaf.certificate().getSubjectX500Principal().getEncoded());
    ASN1Primitive value = subject.getRDNs(BCStyle.CN)[0].getFirst().getValue().toASN1Primitive();
    assertTrue(value instanceof DERBMPString, value.getClass().toString());
    assertEquals("vcse.example.com", value.toString());
    assertNull(dnsNamesOrNull(leaf.certificate()));
  }

  @Test
  void extendedKeyUsageShapes() throws Exception {
    assertEquals(
        List.of(KeyPurpose.SERVER_AUTH.oid(), KeyPurpose.CLIENT_AUTH.oid()),
        ISSUING.leaf("a.example.com").certificate().getExtendedKeyUsage());
    assertEquals(
        List.of(KeyPurpose.SERVER_AUTH.oid()),
        ISSUING.leafBuilder().keyPurposes(KeyPurpose.SERVER_AUTH).build().certificate()
            .getExtendedKeyUsage());
    assertEquals(
        List.of(KeyPurpose.CODE_SIGNING.oid()),
        ISSUING.leafBuilder().keyPurposes(KeyPurpose.CODE_SIGNING).build().certificate()
            .getExtendedKeyUsage());
    assertNull(
        ISSUING.leafBuilder().withoutExtendedKeyUsage().build().certificate().getExtendedKeyUsage());
    assertEquals(
        List.of(), ISSUING.leafBuilder().keyPurposes().build().certificate().getExtendedKeyUsage());
  }

  @Test
  void explicitValidityWindow() {
    Instant from = Instant.parse("2020-01-01T00:00:00Z");
    Instant to = Instant.parse("2021-01-01T00:00:00Z");
    X509Certificate expired = ISSUING.leafBuilder().validity(from, to).build().certificate();
    assertEquals(from, expired.getNotBefore().toInstant());
    assertEquals(to, expired.getNotAfter().toInstant());
    assertThrows(IllegalArgumentException.class, () -> HeldCertificate.builder().validity(to, from));
  }

  @Test
  void keyTypesAndSignatureHashes() {
    X509Certificate rsa = ISSUING.leafBuilder().keyType(KeyType.rsa(1024)).build().certificate();
    assertEquals(1024, ((RSAPublicKey) rsa.getPublicKey()).getModulus().bitLength());
    assertEquals("SHA256withECDSA", rsa.getSigAlgName());
    X509Certificate rsa512 =
        HeldCertificate.builder().keyType(KeyType.rsa(512)).commonName("weak").build().certificate();
    assertEquals("SHA256withRSA", rsa512.getSigAlgName());
    X509Certificate p384 = ISSUING.leafBuilder().keyType(KeyType.EC_P384).build().certificate();
    assertEquals(384, ((ECPublicKey) p384.getPublicKey()).getParams().getCurve().getField().getFieldSize());
    X509Certificate p192 = ISSUING.leafBuilder().keyType(KeyType.EC_P192).build().certificate();
    assertEquals("EC", p192.getPublicKey().getAlgorithm());
    X509Certificate sha1 = ISSUING.leafBuilder().signatureHash(SignatureHash.SHA1).build().certificate();
    assertEquals("SHA1withECDSA", sha1.getSigAlgName());
  }

  @Test
  void hostileShapes() {
    HeldCertificate selfSigned = HeldCertificate.builder().commonName("self.example.com").build();
    assertEquals(List.of(selfSigned.certificate()), selfSigned.chain());
    assertEquals(
        selfSigned.certificate().getSubjectX500Principal(),
        selfSigned.certificate().getIssuerX500Principal());
    assertEquals(-1, selfSigned.certificate().getBasicConstraints());

    List<String> many = IntStream.range(0, 5000).mapToObj(i -> "host" + i + ".example.com").toList();
    HeldCertificate huge = ISSUING.leafBuilder().subjectAlternativeNames(many).build();
    assertEquals(many, dnsNames(huge.certificate()));

    HeldCertificate critical = ISSUING.leafBuilder().unknownCriticalExtension().build();
    assertTrue(
        critical.certificate().getCriticalExtensionOIDs().contains(HeldCertificate.UNKNOWN_EXTENSION_OID));
  }

  @Test
  void pemExportRoundTrips() throws Exception {
    HeldCertificate leaf = ISSUING.leaf("vcse.example.com");
    Collection<? extends java.security.cert.Certificate> parsed =
        CertificateFactory.getInstance("X.509")
            .generateCertificates(
                new ByteArrayInputStream(leaf.chainPem().getBytes(StandardCharsets.US_ASCII)));
    assertEquals(leaf.chain(), new ArrayList<>(parsed));
    assertTrue(leaf.privateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----"));
    assertTrue(ROOT.rootPem().startsWith("-----BEGIN CERTIFICATE-----"));
    assertTrue(leaf.keyStore().isKeyEntry("identity"));
  }

  @Test
  void keyPairsAreSharedPerDepthButNotAlongAChain() {
    HeldCertificate a = ISSUING.leaf("a.example.com");
    HeldCertificate b = ISSUING.leaf("b.example.com");
    assertArrayEquals(a.keyPair().getPublic().getEncoded(), b.keyPair().getPublic().getEncoded());
    assertNotEquals(
        ISSUING.certificate().certificate().getPublicKey(), a.certificate().getPublicKey());
    assertNotEquals(ROOT.rootCertificate().getPublicKey(), ISSUING.certificate().certificate().getPublicKey());
    HeldCertificate fresh = ISSUING.leafBuilder().freshKeyPair().build();
    assertNotEquals(a.certificate().getPublicKey(), fresh.certificate().getPublicKey());
    assertFalse(a.certificate().getSerialNumber().equals(b.certificate().getSerialNumber()));
  }

  private static List<String> dnsNames(X509Certificate certificate) {
    List<String> names = dnsNamesOrNull(certificate);
    return names == null ? List.of() : names;
  }

  private static List<String> dnsNamesOrNull(X509Certificate certificate) {
    try {
      Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
      if (sans == null) {
        return null;
      }
      return sans.stream().filter(s -> (Integer) s.get(0) == 2).map(s -> (String) s.get(1)).toList();
    } catch (java.security.cert.CertificateParsingException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void chainsCanBeLongerThanJdkLimits() {
    TestCertificateAuthority ca = ROOT;
    for (int i = 0; i < 11; i++) {
      ca = ca.intermediate("Intermediate " + i);
    }
    HeldCertificate leaf = ca.leaf("long.example.com");
    assertEquals(12, leaf.chain().size());
    assertTrue(leaf.certificate().getNotAfter().toInstant().isAfter(Instant.now().plus(300, ChronoUnit.DAYS)));
  }
}
