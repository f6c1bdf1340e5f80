package io.fedcheck.testkit.tls;

/** Whether a {@link TlsBehaviour#HANDSHAKE} endpoint asks the client for a certificate. */
public enum ClientAuth {
  /** No CertificateRequest. */
  NONE,
  /** Requests a client certificate but completes without one ({@code setWantClientAuth}). */
  WANT,
  /** Requires a client certificate ({@code setNeedClientAuth}), as a federation edge does. */
  NEED
}
