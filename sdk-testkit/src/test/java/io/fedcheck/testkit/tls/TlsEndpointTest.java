package io.fedcheck.testkit.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TlsEndpointTest {
  private static final TestCertificateAuthority ROOT = TestCertificateAuthority.create("Endpoint Root");
  private static final String NAME = "vcse.example.com";
  private final List<TlsEndpoint> endpoints = new ArrayList<>();

  @AfterEach
  void closeEndpoints() {
    endpoints.forEach(TlsEndpoint::close);
  }

  private TlsEndpoint open(TlsEndpoint endpoint) {
    endpoints.add(endpoint);
    return endpoint;
  }

  @Test
  void handshakePresentsTheChainAndRecordsSni() throws Exception {
    HeldCertificate leaf = ROOT.intermediate("Issuing").leaf(NAME);
    TlsEndpoint endpoint = open(TlsEndpoint.serving(leaf));
    try (SSLSocket socket = tlsClient(endpoint)) {
      socket.startHandshake();
      Certificate[] presented = socket.getSession().getPeerCertificates();
      assertArrayEquals(leaf.chain().toArray(), presented);
    }
    assertEquals(List.of(NAME), endpoint.serverNames());
    assertEquals(1, endpoint.acceptedConnections());
  }

  @Test
  void clientCertificateWantedCompletesWithoutOne() throws Exception {
    TlsEndpoint endpoint =
        open(TlsEndpoint.builder(TlsBehaviour.HANDSHAKE)
            .identity(ROOT.leaf(NAME))
            .clientAuth(ClientAuth.WANT)
            .protocols("TLSv1.2")
            .start());
    try (SSLSocket socket = tlsClient(endpoint)) {
      socket.startHandshake();
      assertEquals("TLSv1.2", socket.getSession().getProtocol());
    }
  }

  @Test
  void silentEndpointNeverAnswers() throws Exception {
    TlsEndpoint endpoint = open(TlsEndpoint.silent());
    try (Socket socket = sendClientHello(endpoint)) {
      socket.setSoTimeout(300);
      assertThrows(SocketTimeoutException.class, () -> socket.getInputStream().read());
    }
    assertEquals(List.of(NAME), endpoint.serverNames());
  }

  @Test
  void drippingEndpointSendsOneByteAtATime() throws Exception {
    TlsEndpoint endpoint =
        open(TlsEndpoint.builder(TlsBehaviour.DRIP).dripInterval(Duration.ofMillis(50)).start());
    try (Socket socket = sendClientHello(endpoint)) {
      socket.setSoTimeout(5000);
      InputStream in = socket.getInputStream();
      assertEquals(0x16, in.read());
      assertEquals(0x03, in.read());
      assertEquals(0x03, in.read());
      assertEquals(0, in.available() > 1 ? -1 : 0, "bytes arrive one at a time");
    }
  }

  @Test
  void plaintextEndpointAnswersWithABanner() throws Exception {
    TlsEndpoint endpoint = open(TlsEndpoint.plaintext());
    try (Socket socket = sendClientHello(endpoint)) {
      socket.setSoTimeout(5000);
      byte[] start = socket.getInputStream().readNBytes(7);
      assertEquals("SIP/2.0", new String(start, StandardCharsets.US_ASCII));
    }
  }

  @Test
  void resettingEndpointSendsRst() throws Exception {
    TlsEndpoint endpoint = open(TlsEndpoint.resettingAfterClientHello());
    try (Socket socket = sendClientHello(endpoint)) {
      socket.setSoTimeout(5000);
      assertThrows(SocketException.class, () -> socket.getInputStream().read());
    }
  }

  @Test
  void tls10EndpointAnswersWithATls10ServerHello() throws Exception {
    TlsEndpoint endpoint = open(TlsEndpoint.tls10Only());
    try (Socket socket = sendClientHello(endpoint)) {
      socket.setSoTimeout(5000);
      byte[] head = socket.getInputStream().readNBytes(11);
      assertEquals(0x16, head[0]);
      assertEquals(0x0301, ((head[1] & 0xFF) << 8) | (head[2] & 0xFF));
      assertEquals(2, head[5], "ServerHello");
      assertEquals(0x0301, ((head[9] & 0xFF) << 8) | (head[10] & 0xFF));
    }
  }

  @Test
  void alertingEndpointSendsAFatalAlert() throws Exception {
    TlsEndpoint endpoint = open(TlsEndpoint.alerting());
    try (Socket socket = sendClientHello(endpoint)) {
      socket.setSoTimeout(5000);
      assertArrayEquals(
          new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 40}, socket.getInputStream().readAllBytes());
    }
  }

  @Test
  void closingEndpointSendsOnlyAServerHello() throws Exception {
    TlsEndpoint endpoint = open(TlsEndpoint.closingAfterServerHello());
    try (Socket socket = sendClientHello(endpoint)) {
      socket.setSoTimeout(5000);
      byte[] all = socket.getInputStream().readAllBytes();
      assertEquals(0x16, all[0]);
      assertEquals(2, all[5]);
      assertEquals(all.length, 5 + (((all[3] & 0xFF) << 8) | (all[4] & 0xFF)), "one record, then EOF");
    }
  }

  @Test
  void refusingAddressRefuses() {
    InetSocketAddress address = TlsEndpoint.refusingAddress();
    assertThrows(ConnectException.class, () -> new Socket(address.getAddress(), address.getPort()).close());
  }

  @Test
  void closeFreesThePortAndEndsConnections() throws Exception {
    TlsEndpoint endpoint = TlsEndpoint.silent();
    InetSocketAddress address = endpoint.address();
    try (Socket socket = sendClientHello(endpoint)) {
      socket.setSoTimeout(5000);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (endpoint.connections().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10); // wait for the ClientHello to be read, so closing sends FIN, not RST
      }
      endpoint.close();
      assertEquals(-1, socket.getInputStream().read(), "connection closed by the endpoint");
    }
    assertThrows(ConnectException.class, () -> new Socket(address.getAddress(), address.getPort()).close());
    assertEquals(0, endpointThreads(), "no endpoint threads left");
  }

  @Test
  void manyEndpointsShareOneAcceptorThread() throws Exception {
    Set<Integer> ports = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      ports.add(open(TlsEndpoint.silent()).port());
    }
    assertEquals(200, ports.size());
    long acceptors =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("fedcheck-tls-acceptor"))
            .count();
    assertEquals(1, acceptors);
  }

  private static long endpointThreads() throws InterruptedException {
    return new io.fedcheck.testkit.ResourceSnapshot(java.util.Set.of(), 0)
        .awaitThreadsBackTo(java.time.Duration.ofSeconds(2), "fedcheck-tls-").size();
  }

  private static SSLSocket tlsClient(TlsEndpoint endpoint) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {ROOT.trustManager()}, null);
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(endpoint.host(), endpoint.port());
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setServerNames(List.of(new SNIHostName(NAME)));
    socket.setSSLParameters(parameters);
    socket.setSoTimeout(10_000);
    return socket;
  }

  /** A raw socket that has sent a real JSSE ClientHello with SNI {@link #NAME}. */
  private static Socket sendClientHello(TlsEndpoint endpoint) throws Exception {
    SSLEngine engine = SSLContext.getDefault().createSSLEngine(NAME, endpoint.port());
    engine.setUseClientMode(true);
    ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    engine.wrap(ByteBuffer.allocate(0), out);
    out.flip();
    Socket socket = new Socket(endpoint.host(), endpoint.port());
    byte[] hello = new byte[out.remaining()];
    out.get(hello);
    try {
      socket.getOutputStream().write(hello);
      socket.getOutputStream().flush();
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    return socket;
  }
}
