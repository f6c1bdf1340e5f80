package io.fedcheck.testkit.dns;

/** What the server does on TCP for a name under a {@link DnsFault.Truncate} fault. */
public enum TcpBehaviour {
  /** Answers normally over TCP: the client's TCP fallback gets the full answer. */
  NORMAL,
  /** Resets the connection (RST) as soon as the query has been read. */
  RESET,
  /** Reads the query and never answers, keeping the connection open until the server closes. */
  HANG,
  /** Writes the length prefix and half of the answer, then closes the connection. */
  CLOSE_MID_ANSWER
}
