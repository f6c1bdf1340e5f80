package io.fedcheck.api;

/** How a TLS inspection ended. */
public enum TlsOutcome {
  /** The handshake completed (or got far enough that the server's chain was seen). */
  HANDSHAKE_COMPLETED,
  /** No TCP connection: refused, unreachable, or the connect timed out. */
  CONNECT_FAILED,
  /**
   * TCP connected but no TLS 1.2+ handshake completed within the deadline: silence, a drip, a
   * plaintext service, a reset, an alert, or only old protocol versions offered.
   */
  HANDSHAKE_FAILED,
  /** Not attempted: the address guard refused the target, or the caller asked to skip TLS. */
  NOT_ATTEMPTED
}
