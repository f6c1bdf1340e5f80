package io.fedcheck.jdk;

import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLSession;

/**
 * What one handshake showed, recorded by {@link JsseClientContext}'s trust and key managers while
 * the handshake runs: the chain the server presented (trusted or not), the negotiated protocol and
 * cipher suite, and whether a client certificate was asked for. One instance per probe; the JSSE
 * handshake thread writes and the probe thread reads after the handshake ends.
 */
final class JsseProbeRecorder {
  private volatile List<X509Certificate> chain = List.of();
  private volatile String protocol = "";
  private volatile String cipherSuite = "";
  private volatile boolean clientCertificateRequested;
  private volatile SSLSession handshakeSession;

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

  /** The session of the full handshake that presented the chain, if it got that far. */
  SSLSession handshakeSession() {
    return handshakeSession;
  }

  void serverPresented(X509Certificate[] presented, SSLSession handshake) {
    chain = presented == null ? List.of() : List.of(presented);
    if (handshake != null) {
      handshakeSession = handshake;
      protocol = handshake.getProtocol();
      cipherSuite = handshake.getCipherSuite();
    }
  }

  void serverAskedForClientCertificate() {
    clientCertificateRequested = true;
  }
}
