package io.fedcheck.api;

/** How the SIP {@code OPTIONS} exchange after a completed TLS handshake ended. */
public enum SipOutcome {
  /** The peer answered with a SIP status line (any status, 1xx to 6xx). */
  RESPONDED,
  /** The peer sent bytes that are not a SIP response: an HTTP answer, a TLS alert, garbage. */
  NOT_SIP,
  /** Nothing complete arrived before the probe's deadline. */
  NO_RESPONSE,
  /** The peer closed the connection without answering. */
  CLOSED,
  /** No request was sent: the probe was off, or the handshake did not complete. */
  NOT_ATTEMPTED
}
