package io.fedcheck.netty;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What one probe's handshake showed: the chain as presented and whether the server asked for a
 * client certificate. Written by the context's trust and key managers on the event loop (or a
 * netty-tcnative task thread), read by the probe afterwards.
 */
final class NettyProbeRecorder {
  private volatile List<X509Certificate> chain = List.of();
  private volatile boolean clientCertificateRequested;

  void serverPresented(List<X509Certificate> presented) {
    chain = List.copyOf(presented);
  }

  void serverAskedForClientCertificate() {
    clientCertificateRequested = true;
  }

  List<X509Certificate> chain() {
    return chain;
  }

  boolean clientCertificateRequested() {
    return clientCertificateRequested;
  }
}
