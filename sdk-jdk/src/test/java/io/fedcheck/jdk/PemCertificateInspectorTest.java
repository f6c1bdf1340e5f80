package io.fedcheck.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.CertificateInspectorProvider;
import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.InspectorOptions;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.TlsProbe;
import io.fedcheck.testkit.tls.HeldCertificate;
import io.fedcheck.testkit.tls.TestCertificateAuthority;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PemCertificateInspectorTest {
  private static final TestCertificateAuthority ROOT = TestCertificateAuthority.create("PEM Root");
  private static final TestCertificateAuthority ISSUING = ROOT.intermediate("PEM Issuing CA");
  private static final String NAME = "vcse.example.com";

  @TempDir Path dir;

  @Test
  void readsAPemChainLeafFirst() throws Exception {
    HeldCertificate leaf = ISSUING.leaf(NAME);
    Files.writeString(dir.resolve(NAME + ".pem"), leaf.chainPem());
    CertificateObservation seen = inspect(PemCertificateInspector.ofDirectory(dir), NAME);
    assertEquals(TlsOutcome.HANDSHAKE_COMPLETED, seen.outcome(), seen.detail());
    assertEquals(leaf.chain(), seen.chain());
    assertEquals(NAME, seen.serverName());
    assertEquals("", seen.protocol());
  }

  @Test
  void readsDerCrtAndCerFilesAndIgnoresOtherPemBlocks() throws Exception {
    HeldCertificate a = ISSUING.leaf("a.example.com");
    HeldCertificate b = ISSUING.leaf("b.example.com");
    Files.write(dir.resolve("a.example.com.crt"), a.certificate().getEncoded());
    Files.writeString(dir.resolve("b.example.com.cer"),
        "subject=CN = b.example.com\n" + b.privateKeyPem() + b.chainPem() + "trailing text\n");
    PemCertificateInspector inspector = PemCertificateInspector.ofDirectory(dir);
    assertEquals(List.of(a.certificate()), inspect(inspector, "a.example.com").chain());
    assertEquals(b.chain(), inspect(inspector, "B.Example.Com.").chain());
  }

  @Test
  void explicitMapOfFiles() throws Exception {
    HeldCertificate leaf = ISSUING.leaf(NAME);
    Path file = Files.writeString(dir.resolve("edge-chain.txt"), leaf.chainPem());
    PemCertificateInspector inspector = PemCertificateInspector.ofFiles(Map.of("VCSE.example.com", file));
    assertEquals(leaf.chain(), inspect(inspector, NAME).chain());
    CertificateObservation other = inspect(inspector, "other.example.com");
    assertEquals(TlsOutcome.CONNECT_FAILED, other.outcome());
    assertTrue(other.detail().contains("no chain file is configured"), other.detail());
  }

  @Test
  void chainsBeyondJsseLimitsAreReadInFull() throws Exception {
    List<String> names = IntStream.range(0, 5000).mapToObj(i -> "h" + i + ".example.com").toList();
    HeldCertificate huge = ISSUING.leafBuilder().commonName(NAME).subjectAlternativeNames(names).build();
    Files.writeString(dir.resolve(NAME + ".pem"), huge.chainPem());
    assertEquals(huge.chain(), inspect(PemCertificateInspector.ofDirectory(dir), NAME).chain());
  }

  @Test
  void missingFileIsConnectFailedNamingTheFilesLookedFor() {
    CertificateObservation seen = inspect(PemCertificateInspector.ofDirectory(dir), NAME);
    assertEquals(TlsOutcome.CONNECT_FAILED, seen.outcome());
    assertTrue(seen.detail().contains(NAME + ".pem") && seen.detail().contains(NAME + ".cer"), seen.detail());
    assertTrue(seen.chain().isEmpty());
  }

  @Test
  void namesThatWalkPathsAreNeverUsedAsFileNames() throws Exception {
    Path secret = Files.createDirectory(dir.resolve("sub")).resolve("x.pem");
    Files.writeString(secret, ISSUING.leaf(NAME).chainPem());
    CertificateObservation seen =
        inspect(PemCertificateInspector.ofDirectory(dir.resolve("sub")), "../sub/x");
    assertEquals(TlsOutcome.CONNECT_FAILED, seen.outcome());
    assertTrue(seen.detail().contains("cannot be used as a file name"), seen.detail());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "not a certificate at all",
      "-----BEGIN CERTIFICATE-----\n!!!not base64!!!\n-----END CERTIFICATE-----\n",
      "-----BEGIN CERTIFICATE-----\nMIIBkTCB+wIJAKHHIG\n-----END CERTIFICATE-----\n",
      "-----BEGIN CERTIFICATE-----\nMIIBkTCB+wIJAKHHIG\n",
      "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"})
  void malformedFilesAreHandshakeFailedWithADetail(String content) throws IOException {
    Files.writeString(dir.resolve(NAME + ".pem"), content, StandardCharsets.ISO_8859_1);
    CertificateObservation seen = inspect(PemCertificateInspector.ofDirectory(dir), NAME);
    assertEquals(TlsOutcome.HANDSHAKE_FAILED, seen.outcome(), seen.detail());
    assertTrue(seen.detail().startsWith("no usable certificate chain in "), seen.detail());
  }

  @Test
  void truncatedDerAndDirectoriesAreHandshakeFailed() throws Exception {
    byte[] der = ISSUING.leaf(NAME).certificate().getEncoded();
    Files.write(dir.resolve(NAME + ".crt"), java.util.Arrays.copyOf(der, der.length / 2));
    Files.createDirectory(dir.resolve("d.example.com.pem"));
    PemCertificateInspector inspector = PemCertificateInspector.ofDirectory(dir);
    assertEquals(TlsOutcome.HANDSHAKE_FAILED, inspect(inspector, NAME).outcome());
    CertificateObservation directory = inspect(inspector, "d.example.com");
    assertEquals(TlsOutcome.HANDSHAKE_FAILED, directory.outcome());
    assertTrue(directory.detail().contains("not a regular file"), directory.detail());
  }

  @Test
  void providersAreRegisteredAndPemNeedsADirectory() {
    Map<String, Integer> providers = ServiceLoader.load(CertificateInspectorProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .collect(Collectors.toMap(CertificateInspectorProvider::name, CertificateInspectorProvider::priority));
    assertEquals(Map.of("jsse", 100, "pem", 10), providers);
    PemCertificateInspectorProvider pem = new PemCertificateInspectorProvider();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> pem.create(InspectorOptions.ofDefaults()));
    assertTrue(e.getMessage().contains("certificateDirectory"));
    assertTrue(pem.create(new InspectorOptions(dir, 1)) instanceof PemCertificateInspector);
    assertThrows(IllegalArgumentException.class,
        () -> PemCertificateInspector.ofDirectory(dir.resolve("missing")));
  }

  private static CertificateObservation inspect(PemCertificateInspector inspector, String name) {
    TlsProbe probe = new TlsProbe(name, InetAddress.getLoopbackAddress(), 5061, Duration.ofSeconds(1));
    return inspector.inspect(probe).toCompletableFuture().join();
  }
}
