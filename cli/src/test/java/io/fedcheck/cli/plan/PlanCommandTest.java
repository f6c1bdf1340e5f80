package io.fedcheck.cli.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.cli.CliRun;
import io.fedcheck.cli.ScriptedValidator;
import io.fedcheck.core.plan.CertificateRequests;
import io.fedcheck.core.plan.KeyAlgorithm;
import io.fedcheck.core.plan.PemKeys;
import io.fedcheck.testkit.tls.KeyPurpose;
import io.fedcheck.testkit.tls.SigningRequests;
import io.fedcheck.testkit.tls.TestCertificateAuthority;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
  private static final TestCertificateAuthority CA = TestCertificateAuthority.create("fedcheck plan test CA");

  @TempDir Path tmp;

  private static final ScriptedValidator NEVER = new ScriptedValidator(d -> {
    throw new AssertionError("plan never checks live");
  });

  private static final String[] SEED_LAB = {
    "plan", "steven.lab", "acano.steven.lab", "cms.steven.lab", "--edge-host", "vcse", "--address", "198.51.100.47"
  };

  private static final List<String> SEED_SANS = List.of("vcse.steven.lab", "vcse.acano.steven.lab", "vcse.cms.steven.lab");

  static String resource(String name) {
    try (InputStream in = PlanCommandTest.class.getResourceAsStream("/plan/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path resourcePath(String name) {
    try {
      return Path.of(PlanCommandTest.class.getResource("/plan/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String[] seedLabWith(String... more) {
    List<String> args = new ArrayList<>(List.of(SEED_LAB));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private static CliRun run(String... args) {
    return CliRun.run(NEVER, args);
  }

  private static void assertOneLineUsageError(CliRun r, String contains) {
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains(contains), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void seedLabPlanMatchesTheGoldenOutput() {
    CliRun r = run(SEED_LAB);
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("", r.err());
    assertEquals(resource("steven-lab-plan.txt"), r.out());
  }

  @Test
  void domainOptionsAndExplicitTargetsGiveTheSamePlan() {
    CliRun r = run("plan", "--domain", "steven.lab", "--domain", "ACANO.steven.lab.", "--domain", "cms.steven.lab",
        "--edge-host", "vcse", "--target", "cms.steven.lab=vcse.cms.steven.lab", "--address", "198.51.100.47");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(resource("steven-lab-plan.txt"), r.out());
  }

  @Test
  void ttlPortAndSeveralAddressesShowInTheRecords() {
    CliRun r = run("plan", "example.com", "--target", "example.com=sip.example.com", "--address", "203.0.113.1",
        "--address", "203.0.113.2", "--ttl", "300", "--port", "5062");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("_sipfederationtls._tcp.example.com. 300 IN SRV 0 0 5062 sip.example.com.\n"), r.out());
    assertTrue(r.out().contains("sip.example.com. 300 IN A 203.0.113.1\nsip.example.com. 300 IN A 203.0.113.2\n"), r.out());
    assertTrue(r.out().contains(";   DNS:sip.example.com\n"), r.out());
  }

  @Test
  void privateAddressIsPlannedWithAWarningOnStderr() {
    CliRun r = run("plan", "steven.lab", "--edge-host", "vcse", "--address", "10.48.36.47");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.err().startsWith("fedcheck: warning: 10.48.36.47 is a private address"), r.err());
    assertTrue(r.err().contains("TARGET_ADDRESS_NOT_PUBLIC"), r.err());
  }

  @Test
  void newRsaKeyAndCsrCarryExactlyThePlannedSansAndEkus() throws Exception {
    Path csr = tmp.resolve("edge.csr");
    Path key = tmp.resolve("edge.key");
    CliRun r = run(seedLabWith("--csr", csr.toString(), "--new-key", key.toString()));
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith(resource("steven-lab-plan.txt")), r.out());
    assertTrue(r.out().contains("; CSR written to " + csr + ": CN=vcse.steven.lab, 3 subjectAltName(s)"), r.out());

    assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(key));
    KeyPair pair = PemKeys.readKeyPair(Files.readString(key));
    assertTrue(pair.getPublic() instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() == 2048);

    PKCS10CertificationRequest request = SigningRequests.parse(Files.readString(csr));
    assertTrue(request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(request.getSubjectPublicKeyInfo())));
    PublicKey csrKey = new JcaPKCS10CertificationRequest(request).getPublicKey();
    assertArrayEquals(pair.getPublic().getEncoded(), csrKey.getEncoded());
    assertEquals("CN=vcse.steven.lab", request.getSubject().toString());
    Extensions ext = SigningRequests.requestedExtensions(request);
    List<String> sans = new ArrayList<>();
    for (GeneralName n : GeneralNames.getInstance(ext.getExtensionParsedValue(Extension.subjectAlternativeName)).getNames()) {
      assertEquals(GeneralName.dNSName, n.getTagNo());
      sans.add(n.getName().toString());
    }
    assertEquals(SEED_SANS, sans);
    ExtendedKeyUsage eku = ExtendedKeyUsage.getInstance(ext.getExtensionParsedValue(Extension.extendedKeyUsage));
    assertEquals(2, eku.getUsages().length);
    assertTrue(eku.hasKeyPurposeId(KeyPurposeId.id_kp_serverAuth));
    assertTrue(eku.hasKeyPurposeId(KeyPurposeId.id_kp_clientAuth));
  }

  @Test
  void ec256KeyTypeGivesAnEcdsaRequest() throws Exception {
    Path csr = tmp.resolve("edge.csr");
    Path key = tmp.resolve("edge.key");
    CliRun r = run(seedLabWith("--csr", csr.toString(), "--new-key", key.toString(), "--key-type", "ec256"));
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("SHA256withECDSA"), r.out());
    assertTrue(PemKeys.readKeyPair(Files.readString(key)).getPublic() instanceof ECPublicKey);
    PKCS10CertificationRequest request = SigningRequests.parse(Files.readString(csr));
    assertTrue(new JcaPKCS10CertificationRequest(request).getPublicKey() instanceof ECPublicKey);
  }

  @Test
  void existingKeyIsUsedAndLeftAlone() throws Exception {
    KeyPair pair = CertificateRequests.generateKeyPair(KeyAlgorithm.EC_P256);
    Path key = tmp.resolve("existing.key");
    Files.writeString(key, PemKeys.toPem(pair.getPrivate()));
    byte[] before = Files.readAllBytes(key);
    Path csr = tmp.resolve("edge.csr");
    CliRun r = run(seedLabWith("--csr", csr.toString(), "--key", key.toString()));
    assertEquals(0, r.exitCode(), r.err());
    assertFalse(r.out().contains("private key written"), r.out());
    assertArrayEquals(pair.getPublic().getEncoded(),
        new JcaPKCS10CertificationRequest(SigningRequests.parse(Files.readString(csr))).getPublicKey().getEncoded());
    assertArrayEquals(before, Files.readAllBytes(key));
  }

  @Test
  void refusesToOverwriteAKeyAndWritesNothing() throws Exception {
    Path key = tmp.resolve("edge.key");
    Files.writeString(key, "precious");
    Path csr = tmp.resolve("edge.csr");
    CliRun r = run(seedLabWith("--csr", csr.toString(), "--new-key", key.toString()));
    assertOneLineUsageError(r, "refusing to overwrite");
    assertEquals("precious", Files.readString(key));
    assertFalse(Files.exists(csr));
    assertEquals("", r.out());
  }

  @Test
  void certificateIssuedFromTheCsrPassesVerification() throws Exception {
    Path csr = tmp.resolve("edge.csr");
    run(seedLabWith("--csr", csr.toString(), "--new-key", tmp.resolve("edge.key").toString()));
    Path cert = writePem(tmp.resolve("edge.pem"), SigningRequests.issue(CA, Files.readString(csr)));
    CliRun r = run(seedLabWith("--verify-cert", cert.toString()));
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("; Certificate " + cert + ": complete, nothing is missing from the plan\n"), r.out());
  }

  @Test
  void certificateMissingATargetFailsAndSaysWhich() throws Exception {
    Path csr = tmp.resolve("edge.csr");
    run(seedLabWith("--csr", csr.toString(), "--new-key", tmp.resolve("edge.key").toString()));
    // The seed's certificate: vcse.steven.lab only (the 1010 of cms.steven.lab).
    Path cert = writePem(tmp.resolve("edge.pem"),
        SigningRequests.issue(CA, Files.readString(csr), List.of("vcse.steven.lab", "vcse.acano.steven.lab"),
            java.util.EnumSet.of(KeyPurpose.SERVER_AUTH, KeyPurpose.CLIENT_AUTH)));
    CliRun r = run(seedLabWith("--verify-cert", cert.toString()));
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains(": 1 difference from the plan\n"), r.out());
    assertTrue(r.out().contains(";   SAN_MISSING  vcse.cms.steven.lab  [CERT_NAME_MISMATCH]\n"), r.out());
  }

  @Test
  void garbageCertificateIsAUsageError() throws IOException {
    Path bad = tmp.resolve("bad.pem");
    Files.writeString(bad, "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
    assertOneLineUsageError(run(seedLabWith("--verify-cert", bad.toString())), "is not a PEM or DER certificate");
    assertOneLineUsageError(run(seedLabWith("--verify-cert", tmp.resolve("none.pem").toString())), "no such file");
  }

  @Test
  void goldenZonePassesVerification() {
    CliRun r = run(seedLabWith("--verify-zone", resourcePath("steven.lab.zone").toString()));
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("steven.lab.zone: complete, nothing is missing from the plan\n"), r.out());
  }

  @Test
  void seedZoneFailsListingTheWrongTargetAndTheMissingAddress() {
    CliRun r = run(seedLabWith("--verify-zone", resourcePath("steven.lab-seed.zone").toString()));
    assertEquals(1, r.exitCode(), r.out() + r.err());
    String out = r.out();
    assertTrue(out.contains(";   SRV_DIFFERENT  _sipfederationtls._tcp.acano.steven.lab\n"), out);
    assertTrue(out.contains(";   SRV_EXTRA  _sipfederationtls._tcp.acano.steven.lab  [SRV_TARGET_DOMAIN_MISMATCH]\n"), out);
    assertTrue(out.contains(";   A_MISSING  vcse.cms.steven.lab  [SRV_TARGET_NO_ADDRESS]\n"), out);
    assertFalse(out.contains("A_MISSING  vcse.acano"), out);
  }

  @Test
  void zoneWithOneRecordRemovedFails() throws IOException {
    String zone = resource("steven.lab.zone").replace("vcse.acano.steven.lab. 3600 IN A 198.51.100.47\n", "");
    Path f = tmp.resolve("steven.lab.zone");
    Files.writeString(f, zone);
    CliRun r = run(seedLabWith("--verify-zone", f.toString()));
    assertEquals(1, r.exitCode(), r.out());
    assertTrue(r.out().contains(": 1 difference from the plan\n;   A_MISSING  vcse.acano.steven.lab"), r.out());
  }

  @Test
  void planOutputAloneVerifiesAgainstThePlan() throws IOException {
    // The printed plan has no SOA: it is audited as a snippet, before anything is published.
    Path f = tmp.resolve("steven.lab.zone");
    Files.writeString(f, resource("steven-lab-plan.txt"));
    CliRun r = run(seedLabWith("--verify-zone", f.toString()));
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("complete, nothing is missing"), r.out());
  }

  @Test
  void bothVerificationsTogetherFailWhenOneFails() throws Exception {
    Path csr = tmp.resolve("edge.csr");
    run(seedLabWith("--csr", csr.toString(), "--new-key", tmp.resolve("edge.key").toString()));
    Path cert = writePem(tmp.resolve("edge.pem"), SigningRequests.issue(CA, Files.readString(csr)));
    CliRun r = run(seedLabWith("--verify-cert", cert.toString(),
        "--verify-zone", resourcePath("steven.lab-seed.zone").toString()));
    assertEquals(1, r.exitCode());
    assertTrue(r.out().contains("complete, nothing is missing"), r.out());
    assertTrue(r.out().contains("3 differences from the plan"), r.out());
  }

  @Test
  void badPlansAndOptionCombinationsAreOneLineUsageErrors() throws IOException {
    assertOneLineUsageError(run("plan", "steven.lab", "--edge-host", "vcse"), "no IPv4 address");
    assertOneLineUsageError(run("plan", "--target", "acano.steven.lab=vcse.steven.lab", "--address", "203.0.113.1"),
        "ms-diagnostics 1009");
    assertOneLineUsageError(run("plan", "steven.lab", "--address", "203.0.113.1"), "no target for steven.lab");
    assertOneLineUsageError(run("plan", "--edge-host", "vcse", "--address", "203.0.113.1"), "no SIP domain");
    assertOneLineUsageError(run("plan", "steven.lab", "--edge-host", "vcse", "--address", "2001:db8::1"), "not an IPv4");
    assertOneLineUsageError(run(seedLabWith("--csr", tmp.resolve("a.csr").toString())), "--csr needs a key");
    assertOneLineUsageError(run(seedLabWith("--new-key", tmp.resolve("a.key").toString())), "give --csr");
    assertOneLineUsageError(run(seedLabWith("--csr", tmp.resolve("a.csr").toString(), "--key-type", "ec256", "--key",
        resourcePath("steven.lab.zone").toString())), "--key-type applies to --new-key");
    Path notAKey = tmp.resolve("not.key");
    Files.writeString(notAKey, "hello");
    assertOneLineUsageError(run(seedLabWith("--csr", tmp.resolve("a.csr").toString(), "--key", notAKey.toString())),
        "no PEM private key");
    assertOneLineUsageError(run(seedLabWith("--key-type", "dsa")), "rsa2048|ec256");
    assertFalse(Files.exists(tmp.resolve("a.csr")));
  }

  /** Writes certificates as concatenated PEM blocks. */
  private static Path writePem(Path file, java.security.cert.X509Certificate... certs) throws IOException {
    Files.writeString(file, io.fedcheck.testkit.tls.HeldCertificate.pem(List.of(certs)), java.nio.charset.StandardCharsets.US_ASCII);
    return file;
  }
}
