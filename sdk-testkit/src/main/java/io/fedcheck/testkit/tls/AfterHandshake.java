package io.fedcheck.testkit.tls;

/**
 * What a {@link TlsBehaviour#HANDSHAKE} endpoint does on the connection once the handshake is
 * complete, for testing the SIP {@code OPTIONS} probe. The default, {@link #SIP}, answers like a
 * Cisco Expressway-E: {@code 200 OK} with {@code Allow} and {@code Server}.
 */
public enum AfterHandshake {
  /** Reads one SIP request and answers it with the configured status and headers (default 200 OK). */
  SIP,
  /** Answers whatever arrives as a web server would: {@code HTTP/1.1 400 Bad Request}. */
  HTTP,
  /** Reads and discards, never answering. */
  SILENT,
  /** Closes the connection (close_notify) as soon as the handshake is complete. */
  CLOSE,
  /** Answers the SIP request one byte per drip interval (default one a second). */
  DRIP,
  /** Answers with a status line and more than 64 KiB of headers that never end. */
  OVERSIZED
}
