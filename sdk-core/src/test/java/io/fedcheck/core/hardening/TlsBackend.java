package io.fedcheck.core.hardening;

/**
 * The live TLS inspectors the TLS, SIP and certificate catalogues run against, by discovery name:
 * every case runs once per backend, with the same lab and the same expectations, except where a
 * backend's documented limits differ ({@link #hasJdkHandshakeLimits}).
 */
enum TlsBackend {
  JSSE("jsse", true),
  NETTY("netty", false);

  final String inspectorName;
  /** JSSE fails a handshake message over 32 KiB and a chain over 10; BoringSSL carries both. */
  final boolean hasJdkHandshakeLimits;

  TlsBackend(String inspectorName, boolean hasJdkHandshakeLimits) {
    this.inspectorName = inspectorName;
    this.hasJdkHandshakeLimits = hasJdkHandshakeLimits;
  }

  @Override
  public String toString() {
    return inspectorName;
  }
}
