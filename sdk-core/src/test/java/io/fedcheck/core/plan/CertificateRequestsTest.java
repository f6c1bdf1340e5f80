package io.fedcheck.core.plan;

import io.fedcheck.testkit.tls.KeyPurpose;
import io.fedcheck.testkit.tls.SigningRequests;
import io.fedcheck.testkit.tls.TestCertificateAuthority;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificateRequestsTest {
  private static final List<String> SEED_SANS =
      List.of("vcse.steven.lab", "vcse.acano.steven.lab", "vcse.cms.steven.lab");

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void csrCarriesExactlyThePlannedNamesAndUsagesAndAValidSignature(KeyAlgorithm algorithm) throws Exception {
    KeyPair key = CertificateRequests.generateKeyPair(algorithm);
    EdgeCsr csr = CertificateRequests.create(EdgePlanTest.seedLab(), key);
    assertEquals(SEED_SANS, csr.subjectAltNames());
    assertEquals("CN=vcse.steven.lab", csr.subject());

    PKCS10CertificationRequest parsed = SigningRequests.parse(csr.pem());
    assertTrue(parsed.isSignatureValid(verifier(parsed)));
    assertArrayEquals(key.getPublic().getEncoded(), parsed.getSubjectPublicKeyInfo().getEncoded());
    Extensions ext = SigningRequests.requestedExtensions(parsed);
    List<String> sans = Arrays.stream(GeneralNames.getInstance(ext.getExtensionParsedValue(Extension.subjectAlternativeName))
        .getNames()).map(n -> n.getName().toString()).toList();
    assertEquals(SEED_SANS, sans);
    assertTrue(Arrays.stream(GeneralNames.getInstance(ext.getExtensionParsedValue(Extension.subjectAlternativeName))
        .getNames()).allMatch(n -> n.getTagNo() == GeneralName.dNSName));
    ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(ext);
    assertEquals(List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth), Arrays.asList(eku.getUsages()));
    KeyUsage ku = KeyUsage.fromExtensions(ext);
    assertTrue(ku.hasUsages(KeyUsage.digitalSignature));
    assertEquals(algorithm == KeyAlgorithm.RSA_2048, ku.hasUsages(KeyUsage.keyEncipherment));
    assertTrue(ext.getExtension(Extension.keyUsage).isCritical());
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void opensslParsesAndVerifiesTheCsr(KeyAlgorithm algorithm) throws Exception {
    String openssl = io.fedcheck.testkit.ExternalProgram.require("openssl", "openssl").toString();
    Path file = dir.resolve("edge.csr");
    Files.writeString(file, CertificateRequests.create(EdgePlanTest.seedLab(),
        CertificateRequests.generateKeyPair(algorithm)).pem());
    Process p = new ProcessBuilder(openssl, "req", "-in", file.toString(), "-text", "-noout", "-verify")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "openssl did not finish");
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("verify OK") || out.contains("Certificate request self-signature verify OK"), out);
    assertTrue(out.contains("DNS:vcse.steven.lab, DNS:vcse.acano.steven.lab, DNS:vcse.cms.steven.lab"), out);
    assertTrue(out.contains("TLS Web Server Authentication, TLS Web Client Authentication"), out);
    assertTrue(out.contains("Subject: CN = vcse.steven.lab"), out);
    assertTrue(out.contains(algorithm == KeyAlgorithm.RSA_2048 ? "Public-Key: (2048 bit)" : "NIST CURVE: P-256"), out);
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void existingKeyFromOpensslIsUsed(KeyAlgorithm algorithm) throws Exception {
    String openssl = io.fedcheck.testkit.ExternalProgram.require("openssl", "openssl").toString();
    Path keyFile = dir.resolve("existing.key");
    List<String> cmd = algorithm == KeyAlgorithm.RSA_2048
        ? List.of(openssl, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", keyFile.toString())
        : List.of(openssl, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", keyFile.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    KeyPair key = PemKeys.readKeyPair(Files.readString(keyFile));
    assertMatching(key);
    PKCS10CertificationRequest parsed = SigningRequests.parse(CertificateRequests.create(EdgePlanTest.seedLab(), key).pem());
    assertArrayEquals(key.getPublic().getEncoded(), parsed.getSubjectPublicKeyInfo().getEncoded());
    assertTrue(parsed.isSignatureValid(verifier(parsed)));
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void pemRoundTripKeepsTheKey(KeyAlgorithm algorithm) {
    KeyPair key = CertificateRequests.generateKeyPair(algorithm);
    String pem = PemKeys.toPem(key.getPrivate());
    assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"), pem);
    KeyPair back = PemKeys.readKeyPair(pem);
    assertArrayEquals(key.getPublic().getEncoded(), back.getPublic().getEncoded());
    assertArrayEquals(key.getPrivate().getEncoded(), back.getPrivate().getEncoded());
  }

  @Test
  void ecPublicKeyIsDerivedWhenThePemLacksIt() throws Exception {
    KeyPair key = CertificateRequests.generateKeyPair(KeyAlgorithm.EC_P256);
    PrivateKeyInfo bare = new PrivateKeyInfo(
        new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1),
        new org.bouncycastle.asn1.sec.ECPrivateKey(256, ((ECPrivateKey) key.getPrivate()).getS(), null));
    java.io.StringWriter w = new java.io.StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
      pem.writeObject(new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", bare.getEncoded()));
    }
    assertArrayEquals(key.getPublic().getEncoded(), PemKeys.readKeyPair(w.toString()).getPublic().getEncoded());
  }

  @Test
  void unusableKeyTextIsAClearError() {
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> PemKeys.readKeyPair("hello"));
    assertTrue(none.getMessage().contains("no PEM private key"), none.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> PemKeys.readKeyPair("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
  }

  @Test
  void newKeyFileIsOwnerOnlyAndNeverOverwritten() throws Exception {
    Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"),
        "not a POSIX file system: permissions cannot be checked");
    KeyPair key = CertificateRequests.generateKeyPair(KeyAlgorithm.EC_P256);
    Path file = dir.resolve("edge.key");
    PemKeys.writePrivateKey(file, key.getPrivate());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertArrayEquals(key.getPrivate().getEncoded(), PemKeys.readKeyPair(Files.readString(file)).getPrivate().getEncoded());
    byte[] before = Files.readAllBytes(file);
    assertThrows(FileAlreadyExistsException.class, () -> PemKeys.writePrivateKey(file,
        CertificateRequests.generateKeyPair(KeyAlgorithm.EC_P256).getPrivate()));
    assertArrayEquals(before, Files.readAllBytes(file));
  }

  @Test
  void issuedCertificatePassesAndOneMissingASanFails() throws Exception {
    TestCertificateAuthority ca = TestCertificateAuthority.create("fedcheck test CA");
    EdgePlan plan = EdgePlanTest.seedLab();
    String csr = CertificateRequests.create(plan, CertificateRequests.generateKeyPair(KeyAlgorithm.RSA_2048)).pem();
    assertEquals(List.of(), PlanVerifier.verifyCertificate(plan, List.of(SigningRequests.issue(ca, csr))));

    List<PlanDiscrepancy> missing = PlanVerifier.verifyCertificate(plan, List.of(SigningRequests.issue(ca, csr,
        List.of("vcse.steven.lab", "vcse.acano.steven.lab"), EnumSet.of(KeyPurpose.SERVER_AUTH, KeyPurpose.CLIENT_AUTH))));
    assertEquals(1, missing.size(), missing::toString);
    assertEquals(PlanDiscrepancy.Kind.SAN_MISSING, missing.get(0).kind());
    assertEquals("vcse.cms.steven.lab", missing.get(0).name());
    assertEquals(io.fedcheck.api.RuleId.CERT_NAME_MISMATCH, missing.get(0).rule());
  }

  @Test
  void ekuAndNameProblemsAreEachListed() throws Exception {
    TestCertificateAuthority ca = TestCertificateAuthority.create("fedcheck test CA");
    EdgePlan plan = EdgePlanTest.seedLab();
    String csr = CertificateRequests.create(plan, CertificateRequests.generateKeyPair(KeyAlgorithm.EC_P256)).pem();
    List<PlanDiscrepancy> serverOnly = PlanVerifier.verifyCertificate(plan,
        List.of(SigningRequests.issue(ca, csr, SEED_SANS, EnumSet.of(KeyPurpose.SERVER_AUTH))));
    assertEquals(List.of(PlanDiscrepancy.Kind.CLIENT_AUTH_EKU_MISSING), serverOnly.stream().map(PlanDiscrepancy::kind).toList());
    List<PlanDiscrepancy> clientOnly = PlanVerifier.verifyCertificate(plan,
        List.of(SigningRequests.issue(ca, csr, SEED_SANS, EnumSet.of(KeyPurpose.CLIENT_AUTH))));
    assertEquals(List.of(PlanDiscrepancy.Kind.SERVER_AUTH_EKU_MISSING), clientOnly.stream().map(PlanDiscrepancy::kind).toList());
    assertEquals(List.of(), PlanVerifier.verifyCertificate(plan,
        List.of(SigningRequests.issue(ca, csr, SEED_SANS, null))), "no EKU extension restricts nothing");

    // Without a SAN extension only the CN (vcse.steven.lab) counts.
    List<PlanDiscrepancy> cnOnly = PlanVerifier.verifyCertificate(plan, List.of(SigningRequests.issue(ca, csr, null, null)));
    assertEquals(List.of("vcse.acano.steven.lab", "vcse.cms.steven.lab"), cnOnly.stream().map(PlanDiscrepancy::name).toList());

    List<PlanDiscrepancy> wildcard = PlanVerifier.verifyCertificate(plan,
        List.of(SigningRequests.issue(ca, csr, List.of("vcse.steven.lab", "*.acano.steven.lab", "vcse.cms.steven.lab"), null)));
    assertEquals(1, wildcard.size());
    assertEquals(io.fedcheck.api.RuleId.CERT_NAME_WILDCARD, wildcard.get(0).rule());
    assertFalse(PlanVerifier.verifyCertificate(plan, List.of()).isEmpty());
  }

  private static org.bouncycastle.operator.ContentVerifierProvider verifier(PKCS10CertificationRequest csr)
      throws Exception {
    // The JDK knows key factories by name ("EC"), not by the OID BC would look up.
    String alg = csr.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)
        ? "EC" : "RSA";
    java.security.PublicKey key = java.security.KeyFactory.getInstance(alg)
        .generatePublic(new java.security.spec.X509EncodedKeySpec(csr.getSubjectPublicKeyInfo().getEncoded()));
    return new JcaContentVerifierProviderBuilder().build(key);
  }

  private static void assertMatching(KeyPair key) throws Exception {
    String alg = key.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    Signature s = Signature.getInstance(alg);
    s.initSign(key.getPrivate());
    s.update(new byte[] {1, 2, 3});
    byte[] sig = s.sign();
    Signature v = Signature.getInstance(alg);
    v.initVerify(key.getPublic());
    v.update(new byte[] {1, 2, 3});
    assertTrue(v.verify(sig), "the derived public key matches the private key");
  }
}
