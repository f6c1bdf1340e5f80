package io.fedcheck.jdk;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Records what one handshake showed, without judging it. As a trust manager it accepts every
 * server chain and only records it (trust is decided later, in sdk-core, against the policy's
 * anchors); it extends {@link X509ExtendedTrustManager} so JSSE adds no algorithm checks of its
 * own, which would otherwise hide SHA-1 or weak-key chains. As a key manager it notes that the
 * server asked for a client certificate and presents none. One instance per probe; the JSSE
 * handshake thread writes and the probe thread reads after the handshake ends.
 */
final class JsseProbeRecorder {
  private volatile List<X509Certificate> chain = List.of();
  private volatile String protocol = "";
  private volatile String cipherSuite = "";
  private volatile boolean clientCertificateRequested;

  final X509ExtendedTrustManager trustManager = new RecordingTrustManager();
  final X509ExtendedKeyManager keyManager = new NoCertificateKeyManager();

  List<X509Certificate> chain() {
    return chain;
  }

  String protocol() {
    return protocol;
  }

  String cipherSuite() {
    return cipherSuite;
  }

  boolean clientCertificateRequested() {
    return clientCertificateRequested;
  }

  private void record(X509Certificate[] presented, SSLSession handshake) {
    chain = presented == null ? List.of() : List.of(presented);
    if (handshake != null) {
      protocol = handshake.getProtocol();
      cipherSuite = handshake.getCipherSuite();
    }
  }

  private final class RecordingTrustManager extends X509ExtendedTrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
      record(chain, socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      record(chain, engine == null ? null : engine.getHandshakeSession());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      record(chain, null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
      throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException("client side only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  private final class NoCertificateKeyManager extends X509ExtendedKeyManager {
    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      clientCertificateRequested = true;
      return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
      clientCertificateRequested = true;
      return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return null;
    }
  }
}
