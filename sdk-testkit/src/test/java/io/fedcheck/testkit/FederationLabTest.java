package io.fedcheck.testkit;

import static io.fedcheck.testkit.LabClient.answers;
import static io.fedcheck.testkit.LabClient.dnsNames;
import static io.fedcheck.testkit.LabClient.handshake;
import static io.fedcheck.testkit.LabClient.peerDnsNames;
import static io.fedcheck.testkit.LabClient.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.RuleId;
import io.fedcheck.api.Verdict;
import io.fedcheck.testkit.dns.DnsFault;
import io.fedcheck.testkit.tls.KeyPurpose;
import io.fedcheck.testkit.tls.KeyType;
import io.fedcheck.testkit.tls.TlsBehaviour;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.DatagramChannel;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

/** The builder's declarations, checked against what the running lab really serves. */
class FederationLabTest {
  private static final Instant NOW = Instant.parse("2031-03-02T07:10:46Z");
  private final List<FederationLab> labs = new ArrayList<>();

  @AfterEach
  void closeLabs() {
    labs.forEach(FederationLab::close);
  }

  private FederationLab start(Consumer<FederationLab.Builder> declare) {
    FederationLab.Builder b = FederationLab.builder();
    declare.accept(b);
    FederationLab lab = b.start();
    labs.add(lab);
    return lab;
  }

  private static SRVRecord onlySrv(FederationLab lab, String domain) throws IOException {
    List<Record> srv = answers(query(lab, "_sipfederationtls._tcp." + domain, Type.SRV), Type.SRV);
    assertEquals(1, srv.size(), srv::toString);
    return (SRVRecord) srv.get(0);
  }

  private static X509Certificate leaf(FederationLab lab, String host) {
    return lab.certificate(host).orElseThrow().certificate();
  }

  @Test
  void domainWithoutSrvIsNxdomainAndSrvNoDataIsNodata() throws Exception {
    FederationLab lab =
        start(b -> b.domain("gone.lab", d -> d.expect(Verdict.FAIL, RuleId.SRV_MISSING))
            .domain("empty.lab", d -> d.srvNoData()));
    assertEquals(Rcode.NXDOMAIN, query(lab, "_sipfederationtls._tcp.gone.lab", Type.SRV).getRcode());
    Message nodata = query(lab, "_sipfederationtls._tcp.empty.lab", Type.SRV);
    assertEquals(Rcode.NOERROR, nodata.getRcode());
    assertEquals(List.of(), answers(nodata, Type.SRV));
    assertEquals(Set.of(RuleId.SRV_MISSING), lab.expectedRules("gone.lab"));
    assertEquals(Optional.empty(), lab.expectedVerdict("empty.lab"));
  }

  @Test
  void srvNotAvailablePublishesTheRootTarget() throws Exception {
    FederationLab lab = start(b -> b.domain("closed.lab", DomainSpec::srvNotAvailable));
    SRVRecord srv = onlySrv(lab, "closed.lab");
    assertEquals(".", srv.getTarget().toString());
    assertEquals(0, srv.getPort());
    assertEquals(List.of(new LabTarget("closed.lab", ".", 0, 0, 0)), lab.targets("closed.lab"));
  }

  @Test
  void priorityWeightAndSeveralTargetsArePublished() throws Exception {
    FederationLab lab =
        start(b -> b.domain("example.com", d -> d.srv("a.example.com").priority(10).weight(60)
            .srv("b.example.com").priority(20).weight(5)));
    List<Record> srv = answers(query(lab, "_sipfederationtls._tcp.example.com", Type.SRV), Type.SRV);
    Set<String> published =
        srv.stream()
            .map(r -> (SRVRecord) r)
            .map(r -> r.getTarget() + " " + r.getPriority() + " " + r.getWeight() + " " + r.getPort())
            .collect(Collectors.toSet());
    Set<String> declared =
        lab.targets("example.com").stream()
            .map(t -> t.host() + ". " + t.priority() + " " + t.weight() + " " + t.port())
            .collect(Collectors.toSet());
    assertEquals(2, published.size());
    assertEquals(declared, published);
  }

  @Test
  void targetOutsideEveryDomainIsServedFromItsParentZone() throws Exception {
    FederationLab lab = start(b -> b.domain("example.com", d -> d.srv("expe.dummy.com")));
    assertEquals("expe.dummy.com.", onlySrv(lab, "example.com").getTarget().toString());
    List<Record> a = answers(query(lab, "expe.dummy.com", Type.A), Type.A);
    assertEquals("127.0.0.1", ((ARecord) a.get(0)).getAddress().getHostAddress());
    try (SSLSocket socket = handshake(lab.trustAnchors(), "expe.dummy.com", lab.targets("example.com").get(0).port())) {
      assertEquals(List.of("expe.dummy.com"), peerDnsNames(socket));
    }
  }

  @Test
  void addressesAliasAndMissingAddressAreServedAsDeclared() throws Exception {
    FederationLab lab =
        start(b -> b
            .domain("private.lab", d -> d.srv("edge.private.lab").addresses("10.1.2.3", "169.254.0.9"))
            .domain("alias.lab", d -> d.srv("sip.alias.lab").alias("edge.alias.lab"))
            .domain("bare.lab", d -> d.srv("edge.bare.lab").noAddress()));
    Set<String> addresses =
        answers(query(lab, "edge.private.lab", Type.A), Type.A).stream()
            .map(r -> ((ARecord) r).getAddress().getHostAddress())
            .collect(Collectors.toSet());
    assertEquals(Set.of("10.1.2.3", "169.254.0.9"), addresses);

    Message alias = query(lab, "sip.alias.lab", Type.A);
    CNAMERecord cname = (CNAMERecord) answers(alias, Type.CNAME).get(0);
    assertEquals("edge.alias.lab.", cname.getTarget().toString());
    assertEquals("127.0.0.1", ((ARecord) answers(alias, Type.A).get(0)).getAddress().getHostAddress());
    // The certificate names the SRV target, the name a validator must find in it.
    assertEquals(List.of("sip.alias.lab"), dnsNames(leaf(lab, "sip.alias.lab")));

    assertEquals(Rcode.NXDOMAIN, query(lab, "edge.bare.lab", Type.A).getRcode());
  }

  @Test
  void dnsFaultsApplyToTheSrvAndTargetNames() throws Exception {
    FederationLab lab =
        start(b -> b
            .domain("broken.lab", d -> d.srvFault(DnsFault.servfail()).srv("edge.broken.lab"))
            .domain("flaky.lab", d -> d.srv("edge.flaky.lab").fault(DnsFault.refused()))
            .fault("_sipfederationtls._tcp.other.lab", DnsFault.servfail())
            .domain("other.lab", d -> d.srv("edge.other.lab")));
    assertEquals(Rcode.SERVFAIL, query(lab, "_sipfederationtls._tcp.broken.lab", Type.SRV).getRcode());
    assertEquals(Rcode.NOERROR, query(lab, "edge.broken.lab", Type.A).getRcode());
    assertEquals(Rcode.REFUSED, query(lab, "edge.flaky.lab", Type.A).getRcode());
    assertEquals(Rcode.NOERROR, query(lab, "_sipfederationtls._tcp.flaky.lab", Type.SRV).getRcode());
    assertEquals(Rcode.SERVFAIL, query(lab, "_sipfederationtls._tcp.other.lab", Type.SRV).getRcode());
    lab.authoritativeDnsServer().clearFaults();
    assertEquals(Rcode.NOERROR, query(lab, "_sipfederationtls._tcp.other.lab", Type.SRV).getRcode());
  }

  @Test
  void certificateShapesFollowTheDeclarations() throws Exception {
    FederationLab lab =
        start(b -> b.clock(Clock.fixed(NOW, ZoneOffset.UTC)).domain("shapes.lab", d -> d
            .srv("cn.shapes.lab").commonNameOnly("cn.shapes.lab")
            .srv("wild.shapes.lab").wildcardCertificate()
            .srv("server-only.shapes.lab").keyPurposes(KeyPurpose.SERVER_AUTH)
            .srv("no-eku.shapes.lab").withoutExtendedKeyUsage()
            .srv("expired.shapes.lab").expired()
            .srv("future.shapes.lab").notYetValid()
            .srv("soon.shapes.lab").expiresIn(Duration.ofDays(10))
            .srv("rsa.shapes.lab").keyType(KeyType.RSA_2048)
            .srv("healthy.shapes.lab")));
    X509Certificate cnOnly = leaf(lab, "cn.shapes.lab");
    assertNull(cnOnly.getSubjectAlternativeNames());
    assertTrue(cnOnly.getSubjectX500Principal().getName().contains("CN=cn.shapes.lab"));
    assertEquals(List.of("*.shapes.lab"), dnsNames(leaf(lab, "wild.shapes.lab")));
    assertEquals(List.of(KeyPurpose.SERVER_AUTH.oid()), leaf(lab, "server-only.shapes.lab").getExtendedKeyUsage());
    assertNull(leaf(lab, "no-eku.shapes.lab").getExtendedKeyUsage());
    assertTrue(leaf(lab, "expired.shapes.lab").getNotAfter().toInstant().isBefore(NOW));
    assertTrue(leaf(lab, "future.shapes.lab").getNotBefore().toInstant().isAfter(NOW));
    assertEquals(NOW.plus(Duration.ofDays(10)), leaf(lab, "soon.shapes.lab").getNotAfter().toInstant());
    assertEquals(2048, ((RSAPublicKey) leaf(lab, "rsa.shapes.lab").getPublicKey()).getModulus().bitLength());
    X509Certificate healthy = leaf(lab, "healthy.shapes.lab");
    assertEquals(NOW.minus(Duration.ofDays(1)), healthy.getNotBefore().toInstant());
    assertEquals(NOW.plus(Duration.ofDays(365)), healthy.getNotAfter().toInstant());
    assertEquals(List.of("healthy.shapes.lab"), dnsNames(healthy));
  }

  @Test
  void expiredCertificateIsStillServed() throws Exception {
    // The endpoint presents it; the client's PKIX trust manager rejects it as expired.
    FederationLab lab = start(b -> b.domain("old.lab", d -> d.srv("edge.old.lab").expired()));
    assertThrows(
        SSLHandshakeException.class,
        () -> handshake(lab.trustAnchors(), "edge.old.lab", lab.targets("old.lab").get(0).port()).close());
    assertEquals(List.of("edge.old.lab"), lab.endpoint("edge.old.lab").orElseThrow().serverNames());
  }

  @Test
  void selfSignedAndUnknownIssuerAreNotTrustedByTheLabRoot() throws Exception {
    FederationLab lab =
        start(b -> b.domain("untrusted.lab", d -> d
            .srv("self.untrusted.lab").selfSigned()
            .srv("stranger.untrusted.lab").unknownIssuer()
            .srv("fine.untrusted.lab")));
    X509Certificate self = leaf(lab, "self.untrusted.lab");
    assertEquals(self.getSubjectX500Principal(), self.getIssuerX500Principal());
    assertFalse(self.getPublicKey().equals(lab.trustAnchors().get(0).getPublicKey()));
    for (String host : List.of("self.untrusted.lab", "stranger.untrusted.lab")) {
      int port = lab.endpoint(host).orElseThrow().port();
      assertThrows(SSLHandshakeException.class, () -> handshake(lab.trustAnchors(), host, port).close(), host);
    }
    try (SSLSocket socket =
        handshake(lab.trustAnchors(), "fine.untrusted.lab", lab.endpoint("fine.untrusted.lab").orElseThrow().port())) {
      assertEquals(List.of("fine.untrusted.lab"), peerDnsNames(socket));
    }
  }

  @Test
  void noEndpointRefusesAndSilentEndpointNeverAnswers() throws Exception {
    FederationLab lab =
        start(b -> b.domain("dead.lab", d -> d
            .srv("refusing.dead.lab").noEndpoint()
            .srv("silent.dead.lab").behaviour(TlsBehaviour.SILENT)));
    assertEquals(Optional.empty(), lab.endpoint("refusing.dead.lab"));
    assertEquals(Optional.empty(), lab.certificate("silent.dead.lab"));
    int refusing = lab.targets("dead.lab").get(0).port();
    assertEquals(refusing, ((SRVRecord) answers(query(lab, "_sipfederationtls._tcp.dead.lab", Type.SRV), Type.SRV)
        .stream().filter(r -> ((SRVRecord) r).getTarget().toString().startsWith("refusing")).findFirst()
        .orElseThrow()).getPort());
    assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", refusing).close());

    int silent = lab.endpoint("silent.dead.lab").orElseThrow().port();
    try (Socket socket = new Socket("127.0.0.1", silent)) {
      socket.setSoTimeout(300);
      socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01});
      assertThrows(SocketTimeoutException.class, () -> socket.getInputStream().read());
    }
  }

  @Test
  void sharedServerNamesEveryTargetUsingItByDefault() throws Exception {
    FederationLab lab =
        start(b -> b.server("edge", s -> {})
            .domain("a.lab", d -> d.srv("edge.a.lab").server("edge"))
            .domain("b.lab", d -> d.srv("edge.b.lab").server("edge")));
    int port = lab.targets("a.lab").get(0).port();
    assertEquals(port, lab.targets("b.lab").get(0).port());
    try (SSLSocket socket = handshake(lab.trustAnchors(), "edge.b.lab", port)) {
      assertEquals(List.of("edge.a.lab", "edge.b.lab"), peerDnsNames(socket));
    }
    assertEquals(List.of("edge.b.lab"), lab.endpoint("edge.a.lab").orElseThrow().serverNames());
  }

  @Test
  void inconsistentDeclarationsAreRefusedBeforeAnythingStarts() {
    FederationLab.Builder twice =
        FederationLab.builder()
            .domain("a.lab", d -> d.srv("edge.lab"))
            .domain("b.lab", d -> d.srv("edge.lab"));
    assertThrows(IllegalArgumentException.class, twice::start);
    FederationLab.Builder unknownServer =
        FederationLab.builder().domain("a.lab", d -> d.srv("edge.a.lab").server("nope"));
    assertThrows(IllegalArgumentException.class, unknownServer::start);
    assertThrows(
        IllegalArgumentException.class,
        () -> FederationLab.builder().domain("a.lab", d -> {}).domain("A.LAB.", d -> {}));
    assertThrows(
        IllegalStateException.class,
        () -> FederationLab.builder().domain("a.lab", d -> d.srv("edge.a.lab").server("x").selfSigned()));
    assertThrows(IllegalArgumentException.class, () -> FederationLab.builder().domain("", d -> {}));
  }

  @Test
  void closeFreesEveryPortAndThreadAndIsIdempotent() throws Exception {
    Set<String> before = labThreads();
    FederationLab lab = SeedLab.start();
    InetSocketAddress dns = lab.dnsServer();
    List<Integer> endpointPorts = new ArrayList<>();
    for (String domain : lab.domains()) {
      endpointPorts.add(lab.targets(domain).get(0).port());
    }
    try (SSLSocket socket = handshake(lab.trustAnchors(), "expe.example.com", lab.targets("example.com").get(0).port())) {
      assertEquals(List.of("expe.example.com"), peerDnsNames(socket));
    }
    assertFalse(labThreads().equals(before), "a running lab has threads of its own");

    lab.close();
    lab.close();

    try (DatagramChannel udp = DatagramChannel.open()) {
      udp.bind(dns); // the DNS server's UDP port is free again
    }
    for (int port : endpointPorts) {
      assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(), "port " + port);
    }
    // Threads end just after the executors report termination: allow a generous grace period.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Set<String> leftover = leftover(before);
    while (!leftover.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
      leftover = leftover(before);
    }
    assertEquals(Set.of(), leftover);
  }

  private static Set<String> leftover(Set<String> before) {
    return new io.fedcheck.testkit.ResourceSnapshot(before, 0)
        .awaitThreadsBackTo(java.time.Duration.ofSeconds(2), "fedcheck-dns-", "fedcheck-tls-");
  }

  private static Set<String> labThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> n.startsWith("fedcheck-dns-") || n.startsWith("fedcheck-tls-"))
        .collect(Collectors.toSet());
  }
}
