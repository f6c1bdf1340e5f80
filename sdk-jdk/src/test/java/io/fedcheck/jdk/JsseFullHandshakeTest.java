package io.fedcheck.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.InspectorOptions;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.TlsProbe;
import io.fedcheck.testkit.tls.HeldCertificate;
import io.fedcheck.testkit.tls.TestCertificateAuthority;
import io.fedcheck.testkit.tls.TlsBehaviour;
import io.fedcheck.testkit.tls.TlsEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every probe is a full handshake that sees the certificate presented now, although all probes of
 * an inspector share one JSSE context: no TLS 1.2 session id or TLS 1.3 ticket is ever resumed,
 * however probes of one server follow or overlap each other.
 */
class JsseFullHandshakeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final TestCertificateAuthority ISSUING =
      TestCertificateAuthority.create("fedcheck Resumption Root").intermediate("fedcheck Resumption CA");

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void aCertificateChangedBetweenTwoProbesIsSeen(String protocol) throws Exception {
    HeldCertificate before = ISSUING.leaf("sip.example.com");
    HeldCertificate after = ISSUING.leaf("sip.example.com");
    try (RotatingServer server = new RotatingServer(protocol, before, after);
        JsseCertificateInspector inspector = JsseCertificateInspector.create(new InspectorOptions(null, 2))) {
      CertificateObservation first = probe(inspector, server.port()).get(30, TimeUnit.SECONDS);
      CertificateObservation second = probe(inspector, server.port()).get(30, TimeUnit.SECONDS);

      assertEquals(TlsOutcome.HANDSHAKE_COMPLETED, first.outcome(), first.detail());
      assertEquals(TlsOutcome.HANDSHAKE_COMPLETED, second.outcome(), second.detail());
      assertEquals(protocol, first.protocol());
      assertEquals(protocol, second.protocol());
      assertEquals(before.certificate(), first.chain().get(0));
      assertEquals(after.certificate(), second.chain().get(0), "the second probe sees the new certificate");
      assertEquals(2, server.fullHandshakes(), "two full handshakes, none resumed");
      assertEquals(0, inspector.cachedClientSessions(), "no session left to resume");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void overlappingProbesOfOneServerAreEachAFullHandshake(String protocol) throws Exception {
    int probes = 32;
    try (TlsEndpoint endpoint = TlsEndpoint.builder(TlsBehaviour.HANDSHAKE)
            .identity(ISSUING.leaf("sip.example.com")).protocols(protocol).start();
        JsseCertificateInspector inspector = JsseCertificateInspector.create(new InspectorOptions(null, 6))) {
      List<CompletableFuture<CertificateObservation>> seen = new ArrayList<>();
      for (int i = 0; i < probes; i++) {
        seen.add(probe(inspector, endpoint.port()));
      }
      for (CompletableFuture<CertificateObservation> one : seen) {
        CertificateObservation observation = one.get(60, TimeUnit.SECONDS);
        // A resumed session presents no certificate, so an empty chain would mean resumption.
        assertEquals(TlsOutcome.HANDSHAKE_COMPLETED, observation.outcome(), observation.detail());
        assertFalse(observation.chain().isEmpty());
        assertEquals(protocol, observation.protocol());
      }
      // The server's side of a handshake may end a moment after the client's.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (endpoint.completedHandshakes() < probes && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(probes, endpoint.completedHandshakes());
      assertEquals(0, inspector.cachedClientSessions(), "no session left to resume");
    }
  }

  private static CompletableFuture<CertificateObservation> probe(JsseCertificateInspector inspector, int port) {
    return inspector.inspect(new TlsProbe("sip.example.com", InetAddress.getLoopbackAddress(), port, TIMEOUT))
        .toCompletableFuture();
  }

  /**
   * A JSSE server on loopback that presents the next identity to each connection (round-robin) and
   * counts full handshakes: only a full handshake chooses a server key, a resumed one does not. One
   * server context for all connections, so it would resume any session a client offered.
   */
  private static final class RotatingServer implements AutoCloseable {
    private final SSLServerSocket listener;
    private final List<HeldCertificate> identities;
    private final Map<Socket, Integer> connectionIndex = new ConcurrentHashMap<>();
    private final Map<Socket, Boolean> keyChosen = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new ArrayList<>();
    private final Thread acceptor;

    RotatingServer(String protocol, HeldCertificate... identities) throws Exception {
      this.identities = List.of(identities);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {new RotatingKeyManager()}, null, null);
      listener = (SSLServerSocket) context.getServerSocketFactory()
          .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
      listener.setEnabledProtocols(new String[] {protocol});
      acceptor = new Thread(this::accept, "rotating-tls-server");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return listener.getLocalPort();
    }

    int fullHandshakes() {
      return keyChosen.size();
    }

    private void accept() {
      while (!listener.isClosed()) {
        try {
          SSLSocket socket = (SSLSocket) listener.accept();
          connectionIndex.put(socket, connections.getAndIncrement());
          synchronized (open) {
            open.add(socket);
          }
          Thread serving = new Thread(() -> serve(socket), "rotating-tls-connection");
          serving.setDaemon(true);
          serving.start();
        } catch (IOException closed) {
          return;
        }
      }
    }

    private static void serve(SSLSocket socket) {
      try (socket) {
        socket.setSoTimeout(30_000);
        socket.startHandshake();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[1024];
        while (in.read(buffer) >= 0) {
          // until the client closes
        }
      } catch (IOException ended) {
        // the client closed or reset: this connection is done
      }
    }

    @Override
    public void close() throws IOException {
      listener.close();
      synchronized (open) {
        for (Socket socket : open) {
          socket.close();
        }
      }
    }

    private final class RotatingKeyManager extends X509ExtendedKeyManager {
      @Override
      public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        Integer index = socket == null ? null : connectionIndex.get(socket);
        if (index == null || !keyType.startsWith("EC")) {
          return null;
        }
        keyChosen.put(socket, true);
        return "identity-" + index % identities.size();
      }

      @Override
      public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return null;
      }

      @Override
      public X509Certificate[] getCertificateChain(String alias) {
        return identity(alias).chain().toArray(X509Certificate[]::new);
      }

      @Override
      public PrivateKey getPrivateKey(String alias) {
        return identity(alias).privateKey();
      }

      private HeldCertificate identity(String alias) {
        return identities.get(Integer.parseInt(alias.substring("identity-".length())));
      }

      @Override
      public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
      }

      @Override
      public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
      }

      @Override
      public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
      }
    }
  }
}
