package io.fedcheck.api.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A client-side trust manager that accepts every server chain and hands it, with the socket or
 * engine of its handshake, to the backend: an inspector records what is presented and sdk-core
 * judges trust later against the policy's anchors. It extends {@link X509ExtendedTrustManager} so
 * that the TLS stack adds no algorithm or host-name checks of its own, which would hide SHA-1 or
 * weak-key chains from the rules.
 */
public final class RecordingTrustManager extends X509ExtendedTrustManager {
  private final BiConsumer<X509Certificate[], Socket> onSocket;
  private final BiConsumer<X509Certificate[], SSLEngine> onEngine;

  /**
   * A trust manager that reports each presented chain.
   *
   * @param onSocket called with the chain and the socket of a socket-based handshake
   * @param onEngine called with the chain and the engine of an engine-based handshake
   */
  public RecordingTrustManager(
      BiConsumer<X509Certificate[], Socket> onSocket, BiConsumer<X509Certificate[], SSLEngine> onEngine) {
    this.onSocket = Objects.requireNonNull(onSocket, "onSocket");
    this.onEngine = Objects.requireNonNull(onEngine, "onEngine");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
    onSocket.accept(chain, socket);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    onEngine.accept(chain, engine);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) {
    // TLS stacks call the socket or engine variant on an X509ExtendedTrustManager.
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("client side only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("client side only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("client side only");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
