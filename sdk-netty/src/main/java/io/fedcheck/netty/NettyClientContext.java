package io.fedcheck.netty;

import io.fedcheck.api.ClientIdentity;
import io.fedcheck.api.tls.RecordingKeyManager;
import io.fedcheck.api.tls.RecordingTrustManager;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * The one BoringSSL client context of a {@link NettyCertificateInspector}, shared by all its probes,
 * with what each probe sees kept apart and no session ever resumed.
 *
 * <p>As in the JSSE backend, the trust manager accepts every server chain and only records it
 * (trust is decided later, in sdk-core, against the policy's anchors), and the key manager is
 * always installed so that a CertificateRequest is seen even when there is no identity to present.
 * Both are called by netty-tcnative with the {@link SSLEngine} of the handshake, and write into the
 * {@link NettyProbeRecorder} registered for that engine by {@link #newEngine}.
 *
 * <p>No resumption: an inspector must see the certificate the server presents now, in a full
 * handshake, so the client session cache (session ids and TLS 1.3 tickets) is switched off.
 *
 * <p>Thread-safe.
 */
final class NettyClientContext implements AutoCloseable {
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
  /** netty-tcnative's SSL_CVERIFY_OPTIONAL, the mode Netty's client context sets. */
  private static final int VERIFY_OPTIONAL = 1;
  /** The longest chain recorded whole; longer ones end in a handshake failure with a reason. */
  static final int MAX_CHAIN_LENGTH = 100;

  private final SslContext context;
  private final ConcurrentMap<SSLEngine, NettyProbeRecorder> recorders = new ConcurrentHashMap<>();

  NettyClientContext(ClientIdentity identity) {
    if (!OpenSsl.isAvailable()) {
      throw new IllegalStateException("the native BoringSSL library (netty-tcnative) does not load on"
          + " this platform: " + OpenSsl.unavailabilityCause());
    }
    try {
      context = SslContextBuilder.forClient()
          .sslProvider(SslProvider.OPENSSL_REFCNT)
          .protocols(PROTOCOLS)
          .trustManager(new RecordingTrustManager((chain, socket) -> { }, this::serverPresented))
          .keyManager(new RecordingKeyManager(identity, socket -> { }, this::serverAskedForClientCertificate))
          .endpointIdentificationAlgorithm(null)
          .sessionCacheSize(1)
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot set up a BoringSSL client: " + e.getMessage(), e);
    }
    if (context.sessionContext() instanceof OpenSslSessionContext sessions) {
      sessions.setSessionCacheEnabled(false);
    }
  }

  /**
   * A client engine for one probe: TLS 1.3 and 1.2, {@code serverName} as SNI (none when it is not a
   * host name), what the handshake shows going to {@code recorder}. Call {@link #finished} after.
   */
  SSLEngine newEngine(ByteBufAllocator alloc, String serverName, int port, NettyProbeRecorder recorder) {
    boolean sni = isHostName(serverName);
    SSLEngine engine = sni ? context.newEngine(alloc, serverName, port) : context.newEngine(alloc);
    SSLParameters parameters = engine.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm(null);
    if (sni) {
      parameters.setServerNames(List.of(new SNIHostName(serverName)));
    }
    engine.setSSLParameters(parameters);
    if (engine instanceof ReferenceCountedOpenSslEngine openSsl) {
      // netty-tcnative hands the verify callback no more certificates than the verify depth, 10 by
      // default: a longer chain would be recorded cut short. Mode 1 (optional) is Netty's own.
      openSsl.setVerify(VERIFY_OPTIONAL, MAX_CHAIN_LENGTH);
    }
    recorders.put(engine, recorder);
    return engine;
  }

  /** Forgets the engine of a probe that has ended. */
  void finished(SSLEngine engine) {
    recorders.remove(engine);
  }

  /** Probes whose engines are still registered; none once all have ended. For tests. */
  int liveEngines() {
    return recorders.size();
  }

  @Override
  public void close() {
    ReferenceCountUtil.release(context);
  }

  /** RFC 6066: SNI carries host names only, never IP literals. */
  private static boolean isHostName(String name) {
    if (name.indexOf(':') >= 0 || name.matches("[0-9.]+")) {
      return false;
    }
    try {
      new SNIHostName(name);
      return true;
    } catch (IllegalArgumentException notAHostName) {
      return false;
    }
  }

  /**
   * The chain re-read by the JDK's own certificate factory, so that the rules see the same {@link
   * X509Certificate} implementation from every backend; a certificate the JDK cannot parse is kept
   * as BoringSSL gave it.
   */
  static List<X509Certificate> standardised(X509Certificate[] chain) {
    List<X509Certificate> out = new ArrayList<>(chain.length);
    CertificateFactory factory;
    try {
      factory = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      return List.of(chain);
    }
    for (X509Certificate c : chain) {
      try {
        out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(c.getEncoded())));
      } catch (CertificateException | RuntimeException e) {
        out.add(c);
      }
    }
    return out;
  }

  private NettyProbeRecorder recorderOf(SSLEngine engine) {
    return engine == null ? null : recorders.get(engine);
  }

  private void serverPresented(X509Certificate[] chain, SSLEngine engine) {
    NettyProbeRecorder recorder = recorderOf(engine);
    if (recorder != null) {
      recorder.serverPresented(standardised(chain));
    }
  }

  private void serverAskedForClientCertificate(SSLEngine engine) {
    NettyProbeRecorder recorder = recorderOf(engine);
    if (recorder != null) {
      recorder.serverAskedForClientCertificate();
    }
  }
}
