package io.fedcheck.jdk;

import io.fedcheck.api.ClientIdentity;
import io.fedcheck.api.TlsProbe;
import io.fedcheck.api.tls.RecordingKeyManager;
import io.fedcheck.api.tls.RecordingTrustManager;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * The one JSSE client context of a {@link JsseCertificateInspector}, built once and shared by all
 * its probes, with what each probe sees kept apart and no session ever resumed.
 *
 * <p><b>Recording per probe.</b> The context's trust manager accepts every server chain and only
 * records it (trust is decided later, in sdk-core, against the policy's anchors); it extends {@link
 * X509ExtendedTrustManager} so JSSE adds no algorithm checks of its own, which would otherwise hide
 * SHA-1 or weak-key chains. Its key manager notes that the server asked for a client certificate
 * and presents the configured {@link ClientIdentity} when its key type is one the server accepts,
 * or none without one. Both are handed the {@link SSLSocket} of the handshake by JSSE, and write into
 * the {@link JsseProbeRecorder} registered for that socket by {@link #layer}.
 *
 * <p><b>No resumption.</b> An inspector must see the certificate the server presents now, in a full
 * handshake; a resumed session (TLS 1.2 session id, TLS 1.3 ticket) presents none. JSSE's client
 * session cache is looked up by the peer host and port given when the socket is created (the
 * "hint for an internal session reuse strategy" of the JSSE API); each probe gives a host hint no
 * other probe ever uses, so no lookup can find another probe's session, however probes of one
 * server overlap. The real name goes out as SNI, set explicitly. After each probe the session it
 * made is invalidated (with the TLS 1.3 ticket sessions derived from it), so the cache stays empty
 * rather than filling with sessions nobody could use; its size bound is only a backstop for that.
 *
 * <p>Thread-safe.
 */
final class JsseClientContext {
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private final SSLContext context;
  private final ConcurrentMap<Socket, JsseProbeRecorder> recorders = new ConcurrentHashMap<>();
  private final AtomicLong probes = new AtomicLong();

  JsseClientContext(SecureRandom random) {
    this(random, null);
  }

  /** A context that presents {@code identity} when asked for a client certificate ({@code null}: none). */
  JsseClientContext(SecureRandom random, ClientIdentity identity) {
    try {
      context = SSLContext.getInstance("TLS");
      context.init(
          new KeyManager[] {new RecordingKeyManager(identity, this::serverAskedForClientCertificate, e -> { })},
          new TrustManager[] {new RecordingTrustManager(this::serverPresented, (chain, e) -> { })},
          random);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot set up a TLS client: " + e.getMessage(), e);
    }
    context.getClientSessionContext().setSessionCacheSize(1);
  }

  /**
   * Layers a TLS client socket over {@code connected} for {@code probe}: TLS 1.3 and 1.2 only, no
   * host name check, {@code serverName} as SNI (none when empty), what the handshake shows going to
   * {@code recorder}. Call {@link #finished} with the same socket once it is closed.
   */
  SSLSocket layer(Socket connected, TlsProbe probe, Optional<SNIHostName> serverName,
      JsseProbeRecorder recorder) throws IOException {
    // The host hint is this probe's alone: see the class comment. It is no host name, so JSSE
    // never derives SNI from it; SNI is set below.
    String sessionKey = probe.serverName() + "#" + probes.incrementAndGet();
    SSLSocket tls = (SSLSocket) context.getSocketFactory()
        .createSocket(connected, sessionKey, probe.port(), true);
    SSLParameters parameters = tls.getSSLParameters();
    parameters.setProtocols(PROTOCOLS);
    parameters.setEndpointIdentificationAlgorithm(null);
    List<SNIServerName> names = serverName.isPresent() ? List.of(serverName.get()) : List.of();
    parameters.setServerNames(names);
    tls.setSSLParameters(parameters);
    tls.setUseClientMode(true);
    recorders.put(tls, recorder);
    return tls;
  }

  /** Forgets {@code tls} and invalidates the session its handshake made. Call after closing it. */
  void finished(SSLSocket tls, JsseProbeRecorder recorder) {
    recorders.remove(tls);
    SSLSession session = recorder.handshakeSession();
    if (session != null) {
      session.invalidate();
    }
  }

  /** Sessions the client cache holds now; for tests. */
  int cachedSessions() {
    int n = 0;
    for (var ids = context.getClientSessionContext().getIds(); ids.hasMoreElements(); ids.nextElement()) {
      n++;
    }
    return n;
  }

  private JsseProbeRecorder recorderOf(Socket socket) {
    return socket == null ? null : recorders.get(socket);
  }

  private void serverPresented(X509Certificate[] chain, Socket socket) {
    JsseProbeRecorder recorder = recorderOf(socket);
    if (recorder != null) {
      recorder.serverPresented(chain, socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null);
    }
  }

  private void serverAskedForClientCertificate(Socket socket) {
    JsseProbeRecorder recorder = recorderOf(socket);
    if (recorder != null) {
      recorder.serverAskedForClientCertificate();
    }
  }
}
