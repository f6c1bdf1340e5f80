package io.fedcheck.testkit.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TLS (or deliberately not-quite-TLS) server on a loopback ephemeral port, for testing
 * certificate inspectors the way OkHttp's {@code MockWebServer} tests HTTP clients. Each endpoint
 * has its own port, so a lab can publish one SRV record per endpoint; all endpoints share one
 * acceptor thread and run a pooled task per live connection, so thousands can be open at once.
 *
 * <pre>{@code
 * try (TlsEndpoint edge = TlsEndpoint.serving(ca.leaf("vcse.example.com"));
 *      TlsEndpoint silent = TlsEndpoint.silent()) {
 *   ... probe edge.address() ...
 *   assertEquals(List.of("vcse.example.com"), edge.serverNames());
 * }
 * }</pre>
 *
 * <p>Every endpoint records the connections it accepted and the SNI each ClientHello carried, for
 * "SNI was sent" and "no connection was made" assertions. {@link #close()} frees the port and ends
 * every connection's task. A black-holed address (SYN never answered) cannot be made on loopback:
 * the kernel answers at once, with a SYN-ACK or a RST; {@link #refusingAddress()} is the closest
 * thing, a port that refuses. Thread-safe.
 */
public final class TlsEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TlsEndpoint.class);
  private static final byte[] DRIP_BYTES = {0x16, 0x03, 0x03, 0x40, 0x00, 0x02, 0x00, 0x3F, (byte) 0xFC};

  /**
   * One connection as the endpoint saw it.
   *
   * @param remote the client's address
   * @param serverName the SNI host name in the ClientHello, or empty
   * @param clientHelloReceived whether a well-formed ClientHello arrived
   */
  public record Connection(InetSocketAddress remote, String serverName, boolean clientHelloReceived) {
    public Connection {
      Objects.requireNonNull(remote, "remote");
      Objects.requireNonNull(serverName, "serverName");
    }
  }

  private final TlsBehaviour behaviour;
  private final Builder config;
  private final SSLContext sslContext;
  private final EndpointRuntime runtime;
  private final ServerSocketChannel channel;
  private final InetSocketAddress address;
  private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger handshakes = new AtomicInteger();
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  private final List<String> sipRequests = new CopyOnWriteArrayList<>();
  private final List<X509Certificate> clientCertificates = new CopyOnWriteArrayList<>();
  private final Object activity = new Object();
  private int active;
  private volatile boolean closed;

  private TlsEndpoint(Builder config) throws IOException {
    this.behaviour = config.behaviour;
    this.config = config;
    this.sslContext = behaviour == TlsBehaviour.HANDSHAKE ? serverContext(config.identity) : null;
    this.channel = ServerSocketChannel.open();
    try {
      channel.bind(new InetSocketAddress(config.bindAddress, 0), 1024);
      channel.configureBlocking(false);
      this.address = (InetSocketAddress) channel.getLocalAddress();
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    this.runtime = EndpointRuntime.acquire();
    try {
      runtime.register(channel, this::accept);
    } catch (RuntimeException e) {
      channel.close();
      EndpointRuntime.release(runtime);
      throw e;
    }
  }

  /** A builder for an endpoint with this behaviour. */
  public static Builder builder(TlsBehaviour behaviour) {
    return new Builder(behaviour);
  }

  /**
   * Completes handshakes presenting {@code identity}'s chain, no client certificate requested, and
   * answers SIP OPTIONS with 200 OK like an Expressway-E.
   */
  public static TlsEndpoint serving(HeldCertificate identity) {
    return builder(TlsBehaviour.HANDSHAKE).identity(identity).start();
  }

  /** Accepts connections and never answers. */
  public static TlsEndpoint silent() {
    return builder(TlsBehaviour.SILENT).start();
  }

  /** Answers every ClientHello with one byte a second, forever. */
  public static TlsEndpoint dripping() {
    return builder(TlsBehaviour.DRIP).start();
  }

  /** Answers with a SIP plaintext error, as a SIP server on the TLS port would. */
  public static TlsEndpoint plaintext() {
    return builder(TlsBehaviour.PLAINTEXT).start();
  }

  /** Resets every connection after reading its ClientHello. */
  public static TlsEndpoint resettingAfterClientHello() {
    return builder(TlsBehaviour.RESET_AFTER_CLIENT_HELLO).start();
  }

  /** Answers with a TLS 1.0 ServerHello. */
  public static TlsEndpoint tls10Only() {
    return builder(TlsBehaviour.TLS10_ONLY).start();
  }

  /** Answers with a fatal handshake_failure alert. */
  public static TlsEndpoint alerting() {
    return builder(TlsBehaviour.ALERT_AFTER_CLIENT_HELLO).start();
  }

  /** Sends a ServerHello, then closes. */
  public static TlsEndpoint closingAfterServerHello() {
    return builder(TlsBehaviour.CLOSE_AFTER_SERVER_HELLO).start();
  }

  /**
   * A loopback address whose port was bound and then closed, so connecting is refused (RST). Another
   * process could take the port meanwhile; on a test machine that is rare enough.
   */
  public static InetSocketAddress refusingAddress() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return new InetSocketAddress(socket.getInetAddress(), socket.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free loopback port", e);
    }
  }

  /** The listening address (loopback, ephemeral port). */
  public InetSocketAddress address() {
    return address;
  }

  /** The listening IP address. */
  public InetAddress host() {
    return address.getAddress();
  }

  /** The listening port. */
  public int port() {
    return address.getPort();
  }

  /** What this endpoint does. */
  public TlsBehaviour behaviour() {
    return behaviour;
  }

  /** How many TCP connections were accepted so far. */
  public int acceptedConnections() {
    return accepted.get();
  }

  /** How many TLS handshakes completed (server side) so far. */
  public int completedHandshakes() {
    return handshakes.get();
  }

  /** Connections whose ClientHello was read (or that ended without one), in order. */
  public List<Connection> connections() {
    return List.copyOf(connections);
  }

  /** The SNI host names received, one per ClientHello, in order ("" when a ClientHello had none). */
  public List<String> serverNames() {
    return connections.stream().filter(Connection::clientHelloReceived).map(Connection::serverName).toList();
  }

  /** The SIP requests read after handshakes (text up to the blank line), in order. */
  public List<String> sipRequests() {
    return List.copyOf(sipRequests);
  }

  /** The client certificates (leaves) presented in completed handshakes, in order. */
  public List<X509Certificate> clientCertificates() {
    return List.copyOf(clientCertificates);
  }

  /** Stops listening, closes every connection and waits (up to 5 s) for their tasks to end. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      runtime.deregister(channel);
    } catch (RuntimeException e) {
      LOG.debug("deregistering {}: {}", address, e.toString());
    }
    open.forEach(TlsEndpoint::closeQuietly);
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    synchronized (activity) {
      while (active > 0 && System.nanoTime() < deadline) {
        try {
          activity.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    EndpointRuntime.release(runtime);
  }

  @Override
  public String toString() {
    return "TlsEndpoint[" + behaviour + " " + address + "]";
  }

  private void accept(SocketChannel connection) {
    if (closed) {
      closeQuietly(connection);
      return;
    }
    accepted.incrementAndGet();
    open.add(connection);
    synchronized (activity) {
      active++;
    }
    try {
      runtime.workers.execute(() -> serve(connection));
    } catch (RejectedExecutionException e) {
      finished(connection);
    }
  }

  private void serve(SocketChannel connection) {
    try {
      connection.configureBlocking(true);
      Socket socket = connection.socket();
      socket.setTcpNoDelay(true);
      socket.setSoTimeout((int) config.idleTimeout.toMillis());
      InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      ClientHello hello;
      try {
        hello = ClientHello.read(in);
        connections.add(new Connection(remote, hello.serverName(), true));
      } catch (IOException e) {
        connections.add(new Connection(remote, "", false));
        LOG.debug("{}: no ClientHello: {}", this, e.toString());
        if (behaviour != TlsBehaviour.SILENT && behaviour != TlsBehaviour.PLAINTEXT) {
          return;
        }
        hello = null;
      }
      switch (behaviour) {
        case HANDSHAKE -> handshake(socket, hello);
        case SILENT -> drain(in);
        case DRIP -> drip(out);
        case PLAINTEXT -> {
          out.write(config.banner.getBytes(StandardCharsets.UTF_8));
          out.flush();
          drain(in);
        }
        case RESET_AFTER_CLIENT_HELLO -> socket.setSoLinger(true, 0);
        case TLS10_ONLY -> {
          out.write(TlsRecords.serverHello(TlsRecords.TLS10, hello));
          out.flush();
          drain(in);
        }
        case ALERT_AFTER_CLIENT_HELLO -> {
          out.write(TlsRecords.fatalAlert(config.alertDescription));
          out.flush();
        }
        case CLOSE_AFTER_SERVER_HELLO -> {
          out.write(TlsRecords.serverHello(TlsRecords.TLS12, hello));
          out.flush();
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("{}: connection ended: {}", this, e.toString());
    } finally {
      finished(connection);
    }
  }

  private void handshake(Socket socket, ClientHello hello) throws IOException {
    SSLSocket tls =
        (SSLSocket)
            sslContext
                .getSocketFactory()
                .createSocket(socket, new ByteArrayInputStream(hello.consumed()), true);
    tls.setEnabledProtocols(config.protocols.toArray(String[]::new));
    switch (config.clientAuth) {
      case WANT -> tls.setWantClientAuth(true);
      case NEED -> tls.setNeedClientAuth(true);
      case NONE -> tls.setWantClientAuth(false);
    }
    tls.startHandshake();
    handshakes.incrementAndGet();
    try {
      java.security.cert.Certificate[] peer = tls.getSession().getPeerCertificates();
      if (peer.length > 0 && peer[0] instanceof X509Certificate leaf) {
        clientCertificates.add(leaf);
      }
    } catch (javax.net.ssl.SSLPeerUnverifiedException none) {
      // the client presented no certificate
    }
    afterHandshake(tls);
  }

  /** The SIP (or not-SIP) side of the connection, see {@link AfterHandshake}. */
  private void afterHandshake(SSLSocket tls) throws IOException {
    InputStream in = tls.getInputStream();
    OutputStream out = tls.getOutputStream();
    if (config.sipAnswer != null) {
      String request = SipResponder.readRequest(in);
      sipRequests.add(request);
      out.write(SipResponder.custom(config.sipAnswer, request));
      out.flush();
      drain(in);
      return;
    }
    switch (config.afterHandshake) {
      case SILENT -> drain(in);
      case CLOSE -> tls.close();
      case HTTP -> {
        sipRequests.add(SipResponder.readRequest(in));
        out.write(SipResponder.HTTP_ANSWER.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        drain(in);
      }
      case OVERSIZED -> {
        sipRequests.add(SipResponder.readRequest(in));
        out.write(SipResponder.oversized());
        out.flush();
        drain(in);
      }
      case SIP, DRIP -> {
        String request = SipResponder.readRequest(in);
        if (request.isEmpty()) {
          return; // the client sent nothing and closed: a probe without SIP
        }
        sipRequests.add(request);
        byte[] answer = SipResponder.answer(request, config.sipStatus, config.sipReason, config.sipHeaders)
            .getBytes(StandardCharsets.UTF_8);
        if (config.afterHandshake == AfterHandshake.DRIP) {
          SipResponder.drip(out, answer, config.dripInterval, () -> closed);
        } else {
          out.write(answer);
          out.flush();
        }
        drain(in);
      }
    }
  }

  private void drip(OutputStream out) throws IOException {
    long interval = config.dripInterval.toMillis();
    for (int i = 0; !closed; i++) {
      out.write(DRIP_BYTES[Math.min(i, DRIP_BYTES.length - 1)]);
      out.flush();
      try {
        Thread.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Reads and discards until the peer closes, the idle timeout passes or the endpoint closes. */
  private void drain(InputStream in) throws IOException {
    byte[] buffer = new byte[8192];
    try {
      while (!closed && in.read(buffer) >= 0) {
        // discard
      }
    } catch (SocketTimeoutException idle) {
      LOG.debug("{}: idle timeout", this);
    }
  }

  private void finished(SocketChannel connection) {
    closeQuietly(connection);
    open.remove(connection);
    synchronized (activity) {
      active--;
      activity.notifyAll();
    }
  }

  private static void closeQuietly(SocketChannel connection) {
    try {
      connection.close();
    } catch (IOException e) {
      LOG.debug("closing connection: {}", e.toString());
    }
  }

  private static SSLContext serverContext(HeldCertificate identity) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          new KeyManager[] {identity.keyManager()},
          new TrustManager[] {new AnyClientTrustManager(identity.root())},
          null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a server context for " + identity, e);
    }
  }

  /**
   * Accepts any client certificate: the endpoint only needs to ask for one. The accepted issuers
   * name the identity's root, so a CertificateRequest carries a realistic CA list.
   */
  private static final class AnyClientTrustManager extends X509ExtendedTrustManager {
    private final X509Certificate[] issuers;

    AnyClientTrustManager(X509Certificate root) {
      this.issuers = new X509Certificate[] {root};
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
      throw new UnsupportedOperationException("server side only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      throw new UnsupportedOperationException("server side only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException("server side only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return issuers.clone();
    }
  }

  /** Builds a {@link TlsEndpoint}. Not thread-safe. */
  public static final class Builder {
    private final TlsBehaviour behaviour;
    private HeldCertificate identity;
    private ClientAuth clientAuth = ClientAuth.NONE;
    private List<String> protocols = List.of("TLSv1.3", "TLSv1.2");
    private String banner = "SIP/2.0 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
    private Duration dripInterval = Duration.ofSeconds(1);
    private Duration idleTimeout = Duration.ofSeconds(60);
    private int alertDescription = 40;
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private AfterHandshake afterHandshake = AfterHandshake.SIP;
    private int sipStatus = 200;
    private String sipReason = "OK";
    private final List<Map.Entry<String, String>> sipHeaders = new ArrayList<>(List.of(
        Map.entry("Allow", "INVITE,ACK,CANCEL,OPTIONS,BYE,INFO,MESSAGE,NOTIFY,SUBSCRIBE,REFER,UPDATE"),
        Map.entry("Server", "TANDBERG/4352 (X14.3.0)"),
        Map.entry("Supported", "replaces,timer")));
    private Function<String, byte[]> sipAnswer;

    private Builder(TlsBehaviour behaviour) {
      this.behaviour = Objects.requireNonNull(behaviour, "behaviour");
    }

    /** The certificate and chain a {@link TlsBehaviour#HANDSHAKE} endpoint presents (required for it). */
    public Builder identity(HeldCertificate identity) {
      this.identity = Objects.requireNonNull(identity, "identity");
      return this;
    }

    /** Whether to request or require a client certificate. Default {@link ClientAuth#NONE}. */
    public Builder clientAuth(ClientAuth clientAuth) {
      this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
      return this;
    }

    /** Protocols a handshake endpoint enables. Default TLSv1.3 and TLSv1.2. */
    public Builder protocols(String... protocols) {
      if (protocols.length == 0) {
        throw new IllegalArgumentException("at least one protocol");
      }
      this.protocols = List.of(protocols);
      return this;
    }

    /** The text a {@link TlsBehaviour#PLAINTEXT} endpoint sends. Default a SIP 400 response. */
    public Builder banner(String banner) {
      this.banner = Objects.requireNonNull(banner, "banner");
      return this;
    }

    /** The pause between bytes of a {@link TlsBehaviour#DRIP} endpoint or {@link AfterHandshake#DRIP} answer. Default one second. */
    public Builder dripInterval(Duration interval) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("drip interval must be positive");
      }
      this.dripInterval = interval;
      return this;
    }

    /** How long a connection may stay silent before the endpoint drops it. Default 60 s. */
    public Builder idleTimeout(Duration idleTimeout) {
      if (idleTimeout.isNegative() || idleTimeout.isZero() || idleTimeout.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("idle timeout out of range: " + idleTimeout);
      }
      this.idleTimeout = idleTimeout;
      return this;
    }

    /** The TLS alert description an alerting endpoint sends (RFC 8446 §6). Default 40, handshake_failure. */
    public Builder alertDescription(int description) {
      if (description < 0 || description > 255) {
        throw new IllegalArgumentException("alert description must be 0..255");
      }
      this.alertDescription = description;
      return this;
    }

    /** The loopback address to bind. Default {@link InetAddress#getLoopbackAddress()} (127.0.0.1). */
    public Builder bindAddress(InetAddress address) {
      if (!address.isLoopbackAddress()) {
        throw new IllegalArgumentException("test endpoints bind loopback only: " + address);
      }
      this.bindAddress = address;
      return this;
    }

    /** What a handshake endpoint does after the handshake. Default {@link AfterHandshake#SIP}. */
    public Builder afterHandshake(AfterHandshake value) {
      this.afterHandshake = Objects.requireNonNull(value, "afterHandshake");
      return this;
    }

    /**
     * The status a SIP-answering endpoint sends and the headers besides the echoed ones (replacing
     * the default {@code Allow}, {@code Server} and {@code Supported}); add {@code ms-diagnostics}
     * here. Implies {@link AfterHandshake#SIP} unless {@link AfterHandshake#DRIP} was chosen.
     */
    public Builder sipResponse(int status, String reason, List<Map.Entry<String, String>> headers) {
      if (status < 100 || status > 699) {
        throw new IllegalArgumentException("SIP status must be 100..699: " + status);
      }
      this.sipStatus = status;
      this.sipReason = Objects.requireNonNull(reason, "reason");
      this.sipHeaders.clear();
      this.sipHeaders.addAll(headers);
      if (afterHandshake != AfterHandshake.DRIP) {
        afterHandshake = AfterHandshake.SIP;
      }
      return this;
    }

    /**
     * Answers the first request after the handshake with whatever {@code answer} makes of its text
     * (for hostile answers: NUL bytes, endless lines, a stray Call-ID); overrides {@link
     * #afterHandshake}.
     */
    public Builder sipAnswer(Function<String, byte[]> answer) {
      this.sipAnswer = Objects.requireNonNull(answer, "answer");
      return this;
    }

    /** Binds an ephemeral port and starts accepting. */
    public TlsEndpoint start() {
      if (behaviour == TlsBehaviour.HANDSHAKE && identity == null) {
        throw new IllegalStateException("a HANDSHAKE endpoint needs an identity");
      }
      try {
        return new TlsEndpoint(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot bind a loopback port", e);
      }
    }
  }
}
