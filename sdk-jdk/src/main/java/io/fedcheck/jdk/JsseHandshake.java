package io.fedcheck.jdk;

import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.SipExchange;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.TlsProbe;
import io.fedcheck.api.sip.SipOptionsExchange;
import io.fedcheck.api.tls.PlaintextAnswer;
import io.fedcheck.api.sip.SipOptionsExchange.ReadEnd;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * One probe: TCP connect, then a JSSE client handshake with SNI and, when asked, a SIP OPTIONS
 * exchange on the same connection, all under a hard wall-clock deadline
 * enforced by closing the socket (a read timeout alone restarts on every byte, so a server dripping
 * one byte a second would never time out). Every failure becomes an observation with a detail in
 * words; nothing is thrown. Runs on one inspector thread; the deadline task runs on another. The
 * TLS side comes from the inspector's shared {@link JsseClientContext}.
 */
final class JsseHandshake {
  private final TlsProbe probe;
  private final JsseClientContext client;
  private final ScheduledExecutorService deadlines;
  private final Set<Socket> live;
  private final JsseRecordingSocket socket = new JsseRecordingSocket();
  private final AtomicBoolean deadlinePassed = new AtomicBoolean();
  private final long start = System.nanoTime();

  JsseHandshake(
      TlsProbe probe, JsseClientContext client, ScheduledExecutorService deadlines, Set<Socket> live) {
    this.probe = probe;
    this.client = client;
    this.deadlines = deadlines;
    this.live = live;
  }

  CertificateObservation run() {
    live.add(socket);
    ScheduledFuture<?> deadline =
        deadlines.schedule(this::deadlinePassed, probe.timeout().toNanos(), TimeUnit.NANOSECONDS);
    try {
      if (!connect()) {
        return failed(TlsOutcome.CONNECT_FAILED, connectFailure);
      }
      return handshake();
    } catch (RuntimeException e) {
      // JSSE occasionally throws unchecked exceptions on hostile input; still an observation.
      return failed(TlsOutcome.HANDSHAKE_FAILED, "TLS handshake failed: " + describe(e));
    } finally {
      deadline.cancel(false);
      live.remove(socket);
      closeQuietly(socket);
    }
  }

  private String connectFailure = "";

  private boolean connect() {
    InetSocketAddress target = new InetSocketAddress(probe.address(), probe.port());
    try {
      socket.setTcpNoDelay(true);
      socket.connect(target, (int) Math.max(1, remaining().toMillis()));
      return true;
    } catch (ConnectException e) {
      connectFailure = "connection refused by " + where() + describeSuffix(e, "Connection refused");
    } catch (SocketTimeoutException e) {
      connectFailure = "no TCP connection to " + where() + " within " + probe.timeout();
    } catch (NoRouteToHostException e) {
      connectFailure = "no route to " + where() + ": " + e.getMessage();
    } catch (IOException e) {
      connectFailure = deadlinePassed.get()
          ? "no TCP connection to " + where() + " within " + probe.timeout()
          : "cannot connect to " + where() + ": " + describe(e);
    }
    return false;
  }

  private CertificateObservation handshake() {
    JsseProbeRecorder recorder = new JsseProbeRecorder();
    SSLSocket tls = null;
    try {
      tls = client.layer(socket, probe, serverName(), recorder);
      live.add(tls);
      // A second line of defence; the scheduled close is what bounds a drip.
      socket.setSoTimeout((int) Math.max(1, remaining().toMillis()));
      tls.startHandshake();
      SSLSession session = tls.getSession();
      List<X509Certificate> chain = recorder.chain();
      if (chain.isEmpty()) {
        return failed(TlsOutcome.HANDSHAKE_FAILED, "handshake completed but no certificate was presented");
      }
      SipExchange sip = probe.sipIfSet().isPresent() ? sip(tls) : SipExchange.notAttempted("");
      return observation(TlsOutcome.HANDSHAKE_COMPLETED, chain, session.getProtocol(),
          session.getCipherSuite(), recorder.clientCertificateRequested(), "").withSip(sip);
    } catch (IOException e) {
      if (!recorder.chain().isEmpty()) {
        // The server showed its chain, then the handshake broke (typically: it required a client
        // certificate, which an inspector never presents). The chain is what we came for.
        String why = recorder.clientCertificateRequested()
            ? "server required a client certificate and ended the handshake: "
            : "handshake ended after the server presented its certificate: ";
        return observation(TlsOutcome.HANDSHAKE_COMPLETED, recorder.chain(), recorder.protocol(),
            recorder.cipherSuite(), recorder.clientCertificateRequested(), why + describe(e))
            .withSip(SipExchange.notAttempted(probe.sipIfSet().isPresent()
                ? "the handshake did not complete, so no SIP request was sent" : ""));
      }
      return failed(TlsOutcome.HANDSHAKE_FAILED, handshakeFailure(e));
    } finally {
      if (tls != null) {
        live.remove(tls);
        closeQuietly(tls);
        client.finished(tls, recorder);
      }
    }
  }

  /**
   * Sends OPTIONS on the established connection and reads the answer until it is complete, the peer
   * closes or the probe's deadline passes (the scheduled close bounds a drip, as in the handshake).
   */
  private SipExchange sip(SSLSocket tls) {
    long begin = System.nanoTime();
    SipOptionsExchange exchange =
        SipOptionsExchange.start(probe, (InetSocketAddress) socket.getLocalSocketAddress());
    try {
      OutputStream out = tls.getOutputStream();
      out.write(exchange.request());
      out.flush();
      InputStream in = tls.getInputStream();
      byte[] chunk = new byte[8192];
      while (true) {
        long left = remaining().toMillis();
        if (left <= 0) {
          return exchange.finish(ReadEnd.DEADLINE, "", since(begin));
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        int n = in.read(chunk);
        if (n < 0) {
          return exchange.finish(ReadEnd.PEER_CLOSED, "", since(begin));
        }
        if (exchange.received(ByteBuffer.wrap(chunk, 0, n))) {
          return exchange.finish(ReadEnd.ANSWER_COMPLETE, "", since(begin));
        }
      }
    } catch (SocketTimeoutException e) {
      return exchange.finish(ReadEnd.DEADLINE, "", since(begin));
    } catch (IOException | RuntimeException e) {
      if (deadlinePassed.get()) {
        return exchange.finish(ReadEnd.DEADLINE, "", since(begin));
      }
      String message = describe(e);
      String lower = message.toLowerCase(Locale.ROOT);
      if (lower.contains("connection reset") || lower.contains("broken pipe")
          || lower.contains("remote host terminated") || e instanceof EOFException
          || e.getCause() instanceof EOFException) {
        return exchange.finish(ReadEnd.PEER_CLOSED, message, since(begin));
      }
      return exchange.finish(ReadEnd.TRANSPORT_ERROR, message, since(begin));
    }
  }

  private static Duration since(long nanos) {
    return Duration.ofNanos(System.nanoTime() - nanos);
  }

  private java.util.Optional<SNIHostName> serverName() {
    String name = probe.serverName();
    // RFC 6066: SNI carries host names only, never IP literals.
    if (name.indexOf(':') >= 0 || name.matches("[0-9.]+")) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(new SNIHostName(name));
    } catch (IllegalArgumentException notAHostName) {
      return java.util.Optional.empty();
    }
  }

  private String handshakeFailure(IOException e) {
    String message = describe(e);
    String lower = message.toLowerCase(Locale.ROOT);
    int received = socket.received();
    if (deadlinePassed.get() || e instanceof SocketTimeoutException) {
      return received == 0
          ? "no TLS handshake within the " + probe.timeout() + " deadline: the server accepted the"
              + " connection but sent nothing"
          : "no TLS handshake within the " + probe.timeout() + " deadline: the server sent only "
              + received + " bytes (a stalled or dripping server)";
    }
    byte[] first = socket.firstBytes();
    if (PlaintextAnswer.isNotTls(first)) {
      return PlaintextAnswer.describe(first);
    }
    if (lower.contains("connection reset")) {
      return "connection reset by the server during the TLS handshake";
    }
    if (lower.contains("not accepted by client preferences") || lower.contains("protocol_version")) {
      return "server offers only an old protocol version (TLS 1.2 or newer is required): " + message;
    }
    if (lower.contains("received fatal alert")) {
      return "server sent TLS alert " + message.substring(lower.indexOf("alert") + 6).trim()
          + " during the handshake";
    }
    if (lower.contains("remote host terminated") || e instanceof EOFException
        || e.getCause() instanceof EOFException) {
      return "server closed the connection during the TLS handshake (" + message + ")";
    }
    if (lower.contains("maximum allowed")) {
      return "server's handshake exceeds a JDK limit (jdk.tls.maxHandshakeMessageSize or"
          + " jdk.tls.maxCertificateChainLength): " + message;
    }
    if (lower.contains("unsupported or unrecognized ssl message")) {
      return "server answered with something that is not TLS (unrecognized record)";
    }
    return "TLS handshake failed: " + message;
  }

  private void deadlinePassed() {
    deadlinePassed.set(true);
    closeQuietly(socket);
  }

  private CertificateObservation failed(TlsOutcome outcome, String detail) {
    return CertificateObservation.failed(probe, outcome, detail, elapsed());
  }

  private CertificateObservation observation(TlsOutcome outcome, List<X509Certificate> chain,
      String protocol, String cipherSuite, boolean clientCertificateRequested, String detail) {
    return new CertificateObservation(probe.serverName(), probe.address().getHostAddress(),
        probe.port(), outcome, chain, protocol, cipherSuite, clientCertificateRequested, detail,
        elapsed());
  }

  private Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private Duration remaining() {
    return probe.timeout().minus(elapsed());
  }

  private String where() {
    return probe.address().getHostAddress() + ":" + probe.port();
  }

  private static String describeSuffix(IOException e, String obvious) {
    String message = e.getMessage();
    return message == null || message.startsWith(obvious) ? "" : " (" + message + ")";
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing is best effort; the socket is gone either way
    }
  }
}
