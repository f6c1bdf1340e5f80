package io.fedcheck.testkit.dns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.testkit.dns.ReceivedQuery.Transport;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class AuthoritativeDnsServerTest {
  private static final String SRV = "_sipfederationtls._tcp.steven.lab";

  private AuthoritativeDnsServer server;

  @BeforeEach
  void start() {
    DnsZone.Builder zone = DnsZone.builder("steven.lab")
        .srv("_sipfederationtls._tcp", 10, 20, 5061, "vcse.steven.lab.")
        .a("vcse", "127.0.0.1")
        .aaaa("vcse", "::1")
        .cname("alias", "alias2")
        .cname("alias2", "vcse")
        .cname("outside", "host.elsewhere.example.")
        .ns("sub", "ns.sub")
        .a("ns.sub", "127.0.0.2")
        .a("bücher", "127.0.0.3");
    for (int i = 0; i < 40; i++) {
      zone.srv("_big._tcp", i, 0, 5061, "target-number-" + i + ".steven.lab.");
    }
    server = AuthoritativeDnsServer.builder().zone(zone.build()).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void answersSrvAuthoritatively() throws IOException {
    Message resp = udp(query(SRV, Type.SRV, false));
    assertEquals(Rcode.NOERROR, resp.getRcode());
    assertTrue(resp.getHeader().getFlag(Flags.AA));
    List<Record> answers = resp.getSection(Section.ANSWER);
    assertEquals(1, answers.size());
    SRVRecord srv = (SRVRecord) answers.get(0);
    assertEquals(10, srv.getPriority());
    assertEquals(20, srv.getWeight());
    assertEquals(5061, srv.getPort());
    assertEquals(Name.fromConstantString("vcse.steven.lab."), srv.getTarget());
    assertEquals(3600, srv.getTTL());
  }

  @Test
  void followsCnameChainInsideTheZone() throws IOException {
    Message resp = udp(query("alias.steven.lab", Type.A, false));
    List<Record> answers = resp.getSection(Section.ANSWER);
    assertEquals(3, answers.size(), resp.toString());
    assertEquals(Type.CNAME, answers.get(0).getType());
    assertEquals(Type.CNAME, answers.get(1).getType());
    assertEquals("127.0.0.1", ((ARecord) answers.get(2)).getAddress().getHostAddress());
  }

  @Test
  void stopsCnameChainAtTheEdgeOfItsAuthority() throws IOException {
    Message resp = udp(query("outside.steven.lab", Type.A, false));
    assertEquals(Rcode.NOERROR, resp.getRcode());
    List<Record> answers = resp.getSection(Section.ANSWER);
    assertEquals(1, answers.size());
    assertEquals("host.elsewhere.example.", ((CNAMERecord) answers.get(0)).getTarget().toString());
  }

  @Test
  void answersCnameQuestionWithTheCnameItself() throws IOException {
    Message resp = udp(query("alias.steven.lab", Type.CNAME, false));
    assertEquals(1, resp.getSection(Section.ANSWER).size());
    assertEquals(Type.CNAME, resp.getSection(Section.ANSWER).get(0).getType());
  }

  @Test
  void nxdomainCarriesSoaInAuthority() throws IOException {
    Message resp = udp(query("missing.steven.lab", Type.A, false));
    assertEquals(Rcode.NXDOMAIN, resp.getRcode());
    assertTrue(resp.getHeader().getFlag(Flags.AA));
    assertTrue(resp.getSection(Section.ANSWER).isEmpty());
    assertTrue(resp.getSection(Section.AUTHORITY).get(0) instanceof SOARecord);
  }

  @Test
  void nodataIsNoerrorWithSoaInAuthority() throws IOException {
    Message resp = udp(query("vcse.steven.lab", Type.SRV, false));
    assertEquals(Rcode.NOERROR, resp.getRcode());
    assertTrue(resp.getSection(Section.ANSWER).isEmpty());
    assertTrue(resp.getSection(Section.AUTHORITY).get(0) instanceof SOARecord);
  }

  @Test
  void emptyNonTerminalIsNodataNotNxdomain() throws IOException {
    Message resp = udp(query("_tcp.steven.lab", Type.SRV, false));
    assertEquals(Rcode.NOERROR, resp.getRcode(), resp.toString());
  }

  @Test
  void refusesNamesOutsideItsZones() throws IOException {
    Message resp = udp(query("example.com", Type.A, false));
    assertEquals(Rcode.REFUSED, resp.getRcode());
    assertFalse(resp.getHeader().getFlag(Flags.AA));
  }

  @Test
  void refersDelegatedNamesWithoutAa() throws IOException {
    Message resp = udp(query("host.sub.steven.lab", Type.A, false));
    assertEquals(Rcode.NOERROR, resp.getRcode());
    assertFalse(resp.getHeader().getFlag(Flags.AA));
    assertEquals(Type.NS, resp.getSection(Section.AUTHORITY).get(0).getType());
  }

  @Test
  void servesIdnNamesInPunycode() throws IOException {
    Message resp = udp(query("xn--bcher-kva.steven.lab", Type.A, false));
    assertEquals(1, resp.getSection(Section.ANSWER).size());
  }

  @Test
  void truncatesOverPlainUdpAndAnswersInFullOverTcp() throws IOException {
    Message plain = udp(query("_big._tcp.steven.lab", Type.SRV, false));
    assertTrue(plain.getHeader().getFlag(Flags.TC));
    assertTrue(plain.getSection(Section.ANSWER).isEmpty());

    Message tcp = tcp(query("_big._tcp.steven.lab", Type.SRV, false));
    assertFalse(tcp.getHeader().getFlag(Flags.TC));
    assertEquals(40, tcp.getSection(Section.ANSWER).size());
    assertEquals(List.of(Transport.UDP, Transport.TCP),
        server.queries("_big._tcp.steven.lab").stream().map(ReceivedQuery::transport).toList());
  }

  @Test
  void honoursTheClientsEdnsPayloadSize() throws IOException {
    Message edns = udp(query("_big._tcp.steven.lab", Type.SRV, true));
    assertFalse(edns.getHeader().getFlag(Flags.TC));
    assertEquals(40, edns.getSection(Section.ANSWER).size());
    assertTrue(edns.getOPT() != null);
  }

  @Test
  void recordsQueries() throws IOException {
    udp(query(SRV, Type.SRV, false));
    tcp(query("vcse.steven.lab", Type.A, false));
    List<ReceivedQuery> q = server.queries();
    assertEquals(2, q.size());
    assertEquals("_sipfederationtls._tcp.steven.lab", q.get(0).name());
    assertEquals("SRV", q.get(0).type());
    assertEquals(Transport.UDP, q.get(0).transport());
    assertEquals("vcse.steven.lab", q.get(1).name());
    assertEquals(Transport.TCP, q.get(1).transport());
    assertEquals(2, server.queryCount());
    server.clearQueries();
    assertEquals(0, server.queryCount());
  }

  @Test
  void rcodeFaults() throws IOException {
    server.fault("vcse.steven.lab", DnsFault.servfail());
    server.fault(SRV, DnsFault.refused());
    assertEquals(Rcode.SERVFAIL, udp(query("vcse.steven.lab", Type.A, false)).getRcode());
    assertEquals(Rcode.REFUSED, udp(query(SRV, Type.SRV, false)).getRcode());
    assertEquals(Rcode.SERVFAIL, tcp(query("vcse.steven.lab", Type.A, false)).getRcode());
    assertEquals(Rcode.NOERROR, udp(query("alias.steven.lab", Type.A, false)).getRcode());
    server.globalFault(DnsFault.servfail()).clearFault(SRV);
    assertEquals(Rcode.SERVFAIL, udp(query(SRV, Type.SRV, false)).getRcode());
    server.clearFaults();
    assertEquals(Rcode.NOERROR, udp(query(SRV, Type.SRV, false)).getRcode());
  }

  @Test
  void wrongIdAndWrongQuestion() throws IOException {
    server.fault("vcse.steven.lab", DnsFault.wrongId());
    server.fault(SRV, DnsFault.wrongQuestion());
    Message q = query("vcse.steven.lab", Type.A, false);
    assertNotEquals(q.getHeader().getID(), udp(q).getHeader().getID());
    Message q2 = query(SRV, Type.SRV, false);
    Message resp = udp(q2);
    assertEquals(q2.getHeader().getID(), resp.getHeader().getID());
    assertNotEquals(q2.getQuestion().getName(), resp.getQuestion().getName());
  }

  @Test
  void dropAllAndDropFirst() throws IOException {
    server.fault("vcse.steven.lab", DnsFault.dropAll());
    assertNull(udpOrNull(query("vcse.steven.lab", Type.A, false), 300));
    assertEquals(Rcode.NOERROR, tcp(query("vcse.steven.lab", Type.A, false)).getRcode(), "TCP is not dropped");
    server.fault(SRV, DnsFault.dropFirst(2));
    assertNull(udpOrNull(query(SRV, Type.SRV, false), 300));
    assertNull(udpOrNull(query(SRV, Type.SRV, false), 300));
    assertEquals(Rcode.NOERROR, udp(query(SRV, Type.SRV, false)).getRcode());
    assertEquals(3, server.queries(SRV).size(), "dropped queries are recorded too");
  }

  @Test
  void dropFractionIsReproducibleWithTheSeed() throws IOException {
    assertEquals(droppedPattern(7), droppedPattern(7));
  }

  private List<Boolean> droppedPattern(long seed) throws IOException {
    try (AuthoritativeDnsServer s = AuthoritativeDnsServer.builder()
        .zone(DnsZone.builder("drop.lab").a("x", "127.0.0.1").build())
        .globalFault(DnsFault.drop(0.5))
        .seed(seed)
        .start()) {
      List<Boolean> dropped = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        dropped.add(udpOrNull(s.address(), query("x.drop.lab", Type.A, false), 200) == null);
      }
      assertTrue(dropped.contains(true) && dropped.contains(false), dropped.toString());
      return dropped;
    }
  }

  @Test
  void delayedAnswerArrivesLater() throws IOException {
    server.fault("vcse.steven.lab", DnsFault.delay(Duration.ofMillis(300)));
    assertNull(udpOrNull(query("vcse.steven.lab", Type.A, false), 50));
    long t0 = System.nanoTime();
    Message resp = udp(query("vcse.steven.lab", Type.A, false));
    assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(250).toNanos());
    assertEquals(1, resp.getSection(Section.ANSWER).size());
  }

  @Test
  void truncateFaultSetsTcThenTcpBehaves() throws IOException {
    server.fault("vcse.steven.lab", DnsFault.truncate(TcpBehaviour.NORMAL));
    Message tc = udp(query("vcse.steven.lab", Type.A, false));
    assertTrue(tc.getHeader().getFlag(Flags.TC));
    assertEquals(1, tcp(query("vcse.steven.lab", Type.A, false)).getSection(Section.ANSWER).size());

    server.fault("vcse.steven.lab", DnsFault.truncate(TcpBehaviour.RESET));
    assertThrows(IOException.class, () -> tcp(query("vcse.steven.lab", Type.A, false)));

    server.fault("vcse.steven.lab", DnsFault.truncate(TcpBehaviour.CLOSE_MID_ANSWER));
    assertThrows(EOFException.class, () -> tcp(query("vcse.steven.lab", Type.A, false)));

    server.fault("vcse.steven.lab", DnsFault.truncate(TcpBehaviour.HANG));
    assertThrows(SocketTimeoutException.class, () -> tcp(query("vcse.steven.lab", Type.A, false)));
  }

  @Test
  void hostileRawAnswersDoNotParse() throws IOException {
    for (DnsFault f : List.of(HostileAnswers.truncatedRdata(), HostileAnswers.compressionPointerLoop(),
        HostileAnswers.labelOver63(), HostileAnswers.garbage())) {
      server.fault("vcse.steven.lab", f);
      Message q = query("vcse.steven.lab", Type.A, false);
      byte[] raw = rawUdp(server.address(), q.toWire(), 2000);
      assertEquals(q.getHeader().getID(), ((raw[0] & 0xFF) << 8) | (raw[1] & 0xFF), f.toString());
      assertThrows(IOException.class, () -> new Message(raw), f.toString());
    }
  }

  @Test
  void hostileWellFormedAnswers() throws IOException {
    server.fault(SRV, HostileAnswers.manySrv(1000));
    assertTrue(udp(query(SRV, Type.SRV, true)).getHeader().getFlag(Flags.TC));
    assertEquals(1000, tcp(query(SRV, Type.SRV, false)).getSection(Section.ANSWER).size());

    server.fault(SRV, HostileAnswers.srvTargetRoot());
    assertEquals(Name.root, ((SRVRecord) udp(query(SRV, Type.SRV, false)).getSection(Section.ANSWER).get(0)).getTarget());
    server.fault(SRV, HostileAnswers.srvPortZero());
    assertEquals(0, ((SRVRecord) udp(query(SRV, Type.SRV, false)).getSection(Section.ANSWER).get(0)).getPort());
    server.fault(SRV, HostileAnswers.ttlZero());
    assertEquals(0, udp(query(SRV, Type.SRV, false)).getSection(Section.ANSWER).get(0).getTTL());
    server.fault(SRV, HostileAnswers.duplicateRecords());
    assertEquals(2, udp(query(SRV, Type.SRV, false)).getHeader().getCount(Section.ANSWER));
    server.fault(SRV, HostileAnswers.outOfBailiwickAdditional());
    Message resp = udp(query(SRV, Type.SRV, false));
    assertEquals("attacker.invalid.", resp.getSection(Section.ADDITIONAL).get(0).getName().toString());
  }

  @Test
  void answersFormerrToGarbageQueriesAndKeepsServing() throws IOException {
    byte[] junk = new byte[20];
    junk[0] = 0x12;
    junk[1] = 0x34;
    junk[5] = 5;
    Arrays.fill(junk, 12, 20, (byte) 0xFF);
    byte[] resp = rawUdp(server.address(), junk, 2000);
    assertEquals(Rcode.FORMERR, resp[3] & 0x0F);
    assertEquals(Rcode.NOERROR, udp(query(SRV, Type.SRV, false)).getRcode());
  }

  @Test
  void loadsMasterFiles(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("example.lab.zone");
    Files.writeString(file, String.join("\n",
        "$TTL 300",
        "@ IN SOA ns1 hostmaster 1 3600 600 86400 60",
        "@ IN NS ns1",
        "ns1 IN A 127.0.0.1",
        "_sipfederationtls._tcp IN SRV 0 0 5061 sip",
        "sip IN A 127.0.0.9",
        ""), StandardCharsets.US_ASCII);
    server.addZone(DnsZone.fromMasterFile("example.lab", file));
    Message resp = udp(query("_sipfederationtls._tcp.example.lab", Type.SRV, false));
    assertEquals(5061, ((SRVRecord) resp.getSection(Section.ANSWER).get(0)).getPort());
    assertEquals(300, resp.getSection(Section.ANSWER).get(0).getTTL());
  }

  @Test
  void servesTenThousandZones() throws IOException {
    for (int i = 0; i < 10_000; i++) {
      server.addZone(DnsZone.builder("d" + i + ".bulk.lab")
          .srv("_sipfederationtls._tcp", 0, 0, 5061, "sip")
          .a("sip", "127.0.0.1")
          .build());
    }
    Message resp = udp(query("_sipfederationtls._tcp.d9876.bulk.lab", Type.SRV, false));
    assertEquals("sip.d9876.bulk.lab.", ((SRVRecord) resp.getSection(Section.ANSWER).get(0)).getTarget().toString());
    assertEquals(Rcode.REFUSED, udp(query("x.d10001.bulk.lab", Type.A, false)).getRcode());
  }

  @Test
  void closeFreesThePortAndStopsItsThreads() throws IOException {
    InetSocketAddress addr = server.address();
    String prefix = threadPrefix();
    tcp(query(SRV, Type.SRV, false));
    server.close();
    server.close(); // idempotent
    assertFalse(server.isRunning());
    try (DatagramSocket s = new DatagramSocket(addr)) {
      assertEquals(addr.getPort(), s.getLocalPort());
    }
    assertTrue(liveThreads(prefix).isEmpty(), liveThreads(prefix).toString());
    assertNull(udpOrNull(addr, query(SRV, Type.SRV, false), 300));
  }

  @Test
  void stopWhileClientsQueryLeavesNoThreads() throws Exception {
    String prefix = threadPrefix();
    server.fault("vcse.steven.lab", DnsFault.truncate(TcpBehaviour.HANG));
    List<Thread> clients = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Thread t = new Thread(() -> {
        try {
          tcp(query("vcse.steven.lab", Type.A, false));
        } catch (IOException expected) {
          // the server died
        }
      });
      t.start();
      clients.add(t);
    }
    while (server.queries("vcse.steven.lab").size() < 4) {
      Thread.onSpinWait();
    }
    server.stop();
    for (Thread t : clients) {
      t.join(5000);
      assertFalse(t.isAlive());
    }
    assertTrue(liveThreads(prefix).isEmpty(), liveThreads(prefix).toString());
  }

  private String threadPrefix() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(n -> n.startsWith("fedcheck-dns-") && n.endsWith("-udp"))
        .max(String::compareTo)
        .map(n -> n.substring(0, n.length() - 3))
        .orElseThrow();
  }

  /** The server's threads still alive, after giving them up to two seconds to finish exiting. */
  private static List<String> liveThreads(String prefix) {
    return List.copyOf(new io.fedcheck.testkit.ResourceSnapshot(java.util.Set.of(), 0)
        .awaitThreadsBackTo(java.time.Duration.ofSeconds(2), prefix));
  }

  // --- a tiny client, so the server is tested on the wire -------------------------------------

  static Message query(String name, int type, boolean edns) {
    Message m = Message.newQuery(Record.newRecord(Name.fromConstantString(name + "."), type, DClass.IN));
    if (edns) {
      m.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
    }
    return m;
  }

  private Message udp(Message q) throws IOException {
    return new Message(rawUdp(server.address(), q.toWire(), 3000));
  }

  private Message udpOrNull(Message q, int timeoutMillis) throws IOException {
    return udpOrNull(server.address(), q, timeoutMillis);
  }

  private static Message udpOrNull(InetSocketAddress to, Message q, int timeoutMillis) throws IOException {
    try {
      return new Message(rawUdp(to, q.toWire(), timeoutMillis));
    } catch (SocketTimeoutException | java.net.PortUnreachableException e) {
      return null;
    }
  }

  private static byte[] rawUdp(InetSocketAddress to, byte[] wire, int timeoutMillis) throws IOException {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      s.setSoTimeout(timeoutMillis);
      s.connect(to);
      s.send(new DatagramPacket(wire, wire.length));
      byte[] buf = new byte[65535];
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      s.receive(p);
      return Arrays.copyOf(buf, p.getLength());
    }
  }

  private Message tcp(Message q) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(server.address(), 2000);
      s.setSoTimeout(500);
      byte[] wire = q.toWire();
      OutputStream out = s.getOutputStream();
      out.write(new byte[] {(byte) (wire.length >>> 8), (byte) wire.length});
      out.write(wire);
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      int len = in.readUnsignedShort();
      byte[] resp = new byte[len];
      in.readFully(resp);
      return new Message(resp);
    } catch (SocketException e) {
      throw e;
    }
  }
}
