package io.fedcheck.testkit;

import static io.fedcheck.testkit.LabClient.answers;
import static io.fedcheck.testkit.LabClient.handshake;
import static io.fedcheck.testkit.LabClient.peerDnsNames;
import static io.fedcheck.testkit.LabClient.query;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.RuleId;
import io.fedcheck.api.Verdict;
import io.fedcheck.testkit.tls.TlsEndpoint;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

/** The seed lab serves what its Javadoc promises, over real UDP DNS and real TLS. */
class SeedLabTest {
  private static FederationLab lab;

  @BeforeAll
  static void startLab() {
    lab = SeedLab.start();
  }

  @AfterAll
  static void closeLab() {
    lab.close();
  }

  /** domain, SRV target, SANs the presented certificate carries, expected verdict, expected rules. */
  static Stream<Arguments> scenarios() {
    return Stream.of(
        Arguments.of("steven.lab", "vcse.steven.lab", List.of("vcse.steven.lab"), Verdict.PASS, Set.of()),
        Arguments.of(
            "acano.steven.lab", "vcse.steven.lab", List.of("vcse.steven.lab"), Verdict.FAIL,
            Set.of(RuleId.SRV_TARGET_DOMAIN_MISMATCH)),
        Arguments.of(
            "cms.steven.lab", "vcse.cms.steven.lab", List.of("vcse.steven.lab"), Verdict.FAIL,
            Set.of(RuleId.CERT_NAME_MISMATCH)),
        Arguments.of(
            "meet.steven.lab", "vcse.sub.meet.steven.lab", List.of("vcse.sub.meet.steven.lab"), Verdict.FAIL,
            Set.of(RuleId.SRV_TARGET_DOMAIN_MISMATCH)),
        Arguments.of("example.com", "expe.example.com", List.of("expe.example.com"), Verdict.PASS, Set.of()));
  }

  @Test
  void declaresTheSeedDomainsInOrder() {
    assertEquals(
        List.of("steven.lab", "acano.steven.lab", "cms.steven.lab", "meet.steven.lab", "example.com"),
        lab.domains());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void srvRecordNamesTheTargetAndTheEndpointPort(
      String domain, String target, List<String> sans, Verdict verdict, Set<RuleId> rules) throws Exception {
    Message response = query(lab, "_sipfederationtls._tcp." + domain, Type.SRV);
    assertEquals(Rcode.NOERROR, response.getRcode());
    List<Record> srv = answers(response, Type.SRV);
    assertEquals(1, srv.size(), srv::toString);
    SRVRecord record = (SRVRecord) srv.get(0);
    assertEquals(target + ".", record.getTarget().toString());
    int endpointPort = lab.endpoint(target).orElseThrow().port();
    assertEquals(endpointPort, record.getPort());
    assertNotEquals(5061, record.getPort(), "the lab binds ephemeral ports, never 5061");
    assertEquals(List.of(new LabTarget(domain, target, 0, 0, endpointPort)), lab.targets(domain));

    List<Record> a = answers(query(lab, target, Type.A), Type.A);
    assertEquals(1, a.size());
    assertEquals("127.0.0.1", ((ARecord) a.get(0)).getAddress().getHostAddress());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void endpointPresentsTheDeclaredNamesUnderTheLabRoot(
      String domain, String target, List<String> sans, Verdict verdict, Set<RuleId> rules) throws Exception {
    int port = lab.targets(domain).get(0).port();
    try (SSLSocket socket = handshake(lab.trustAnchors(), target, port)) {
      assertEquals(sans, peerDnsNames(socket));
      X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
      assertEquals(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"), leaf.getExtendedKeyUsage());
      assertEquals("SHA256withECDSA", leaf.getSigAlgName());
      assertEquals(lab.certificate(target).orElseThrow().certificate(), leaf);
    }
    assertTrue(lab.endpoint(target).orElseThrow().serverNames().contains(target));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void expectationMatchesTheScenario(
      String domain, String target, List<String> sans, Verdict verdict, Set<RuleId> rules) {
    assertEquals(Optional.of(verdict), lab.expectedVerdict(domain));
    assertEquals(rules, lab.expectedRules(domain));
    assertEquals(Optional.of(new ExpectedOutcome(verdict, rules)), lab.expectation(domain.toUpperCase() + "."));
  }

  @Test
  void oneExpresswayServesTheThreeStevenLabTargetsWithOneCertificate() throws Exception {
    TlsEndpoint vcse = lab.endpoint("vcse.steven.lab").orElseThrow();
    assertSame(vcse, lab.endpoint("vcse.cms.steven.lab").orElseThrow());
    assertEquals(vcse.port(), lab.targets("acano.steven.lab").get(0).port());
    assertEquals(vcse.port(), lab.targets("cms.steven.lab").get(0).port());
    assertNotEquals(vcse.port(), lab.targets("example.com").get(0).port());
    assertNotEquals(vcse.port(), lab.targets("meet.steven.lab").get(0).port());
    try (SSLSocket a = handshake(lab.trustAnchors(), "vcse.steven.lab", vcse.port());
        SSLSocket b = handshake(lab.trustAnchors(), "vcse.cms.steven.lab", vcse.port())) {
      assertArrayEquals(a.getSession().getPeerCertificates(), b.getSession().getPeerCertificates());
    }
  }

  @Test
  void undeclaredDomainsHaveNoExpectationAndNoTargets() {
    assertEquals(Optional.empty(), lab.expectedVerdict("skype.lab"));
    assertEquals(Set.of(), lab.expectedRules("skype.lab"));
    assertEquals(List.of(), lab.targets("skype.lab"));
  }

  @Test
  void trustStorePemHoldsExactlyTheRoot(@TempDir Path dir) throws Exception {
    Path file = lab.writeTrustStore(dir.resolve("lab-root.pem"));
    assertEquals(lab.trustStorePem(), Files.readString(file, StandardCharsets.US_ASCII));
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    var certificates =
        factory.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)));
    assertEquals(lab.trustAnchors(), List.copyOf(certificates));
    X509Certificate root = lab.trustAnchors().get(0);
    assertEquals(root.getSubjectX500Principal(), root.getIssuerX500Principal());
    assertTrue(root.getBasicConstraints() >= 0);
  }

  @Test
  void repairedLabNamesEveryTargetOnTheSharedCertificate() throws Exception {
    try (FederationLab repaired = SeedLab.repaired()) {
      for (String domain : repaired.domains()) {
        assertEquals(Optional.of(Verdict.PASS), repaired.expectedVerdict(domain));
      }
      int port = repaired.targets("cms.steven.lab").get(0).port();
      assertEquals(port, repaired.targets("acano.steven.lab").get(0).port());
      List<Record> srv = answers(query(repaired, "_sipfederationtls._tcp.acano.steven.lab", Type.SRV), Type.SRV);
      assertEquals("vcse.acano.steven.lab.", ((SRVRecord) srv.get(0)).getTarget().toString());
      try (SSLSocket socket = handshake(repaired.trustAnchors(), "vcse.cms.steven.lab", port)) {
        assertEquals(
            List.of("vcse.steven.lab", "vcse.acano.steven.lab", "vcse.cms.steven.lab", "vcse.meet.steven.lab"),
            peerDnsNames(socket));
      }
    }
  }
}
