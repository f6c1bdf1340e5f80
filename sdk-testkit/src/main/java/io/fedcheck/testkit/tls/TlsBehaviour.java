package io.fedcheck.testkit.tls;

/**
 * What a {@link TlsEndpoint} does with each connection. Every behaviour except {@link #PLAINTEXT}
 * and {@link #SILENT} first reads the client's ClientHello, so the SNI is recorded for all.
 */
public enum TlsBehaviour {
  /** Completes a TLS 1.2/1.3 handshake with the configured identity (optionally asking for a client certificate). */
  HANDSHAKE,
  /** Accepts TCP, reads the ClientHello and never answers. */
  SILENT,
  /** After the ClientHello, sends one byte per interval (default one a second), forever. */
  DRIP,
  /** After the ClientHello, answers with a plaintext banner (a SIP or HTTP error). */
  PLAINTEXT,
  /** Reads the ClientHello, then resets the connection (SO_LINGER 0 close: a TCP RST). */
  RESET_AFTER_CLIENT_HELLO,
  /** Answers the ClientHello with a TLS 1.0 ServerHello, as a server that offers only TLS 1.0. */
  TLS10_ONLY,
  /** Answers the ClientHello with a fatal alert (default handshake_failure). */
  ALERT_AFTER_CLIENT_HELLO,
  /** Answers the ClientHello with a TLS 1.2 ServerHello, then closes. */
  CLOSE_AFTER_SERVER_HELLO
}
