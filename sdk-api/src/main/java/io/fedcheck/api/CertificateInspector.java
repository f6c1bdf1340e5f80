package io.fedcheck.api;

import java.util.concurrent.CompletionStage;

/**
 * The TLS service provider interface: connects to an SRV target, completes (or aborts) a TLS
 * handshake within a hard deadline, and reports the certificate chain the server presented.
 *
 * <p>Implementations are thread-safe and asynchronous. Every transport failure (refused, silent,
 * drip, reset, plaintext, old protocol) completes the stage normally with a {@link
 * CertificateObservation} whose outcome says what happened; the stage completes within the probe's
 * timeout plus scheduling slack. Inspectors never decide trust: they capture the chain even when it
 * is untrusted or when the server requests a client certificate.
 *
 * <p>Backends: {@code sdk-jdk} (JSSE, the default), the offline PEM-file inspector, and the test
 * kit's in-memory fake.
 */
public interface CertificateInspector extends AutoCloseable {

  /**
   * Inspects one endpoint.
   *
   * @param probe the endpoint to connect to, the name to send as SNI, and the deadline
   * @return a stage that completes normally with what was seen, even when the connection or the
   *     handshake failed
   */
  CompletionStage<CertificateObservation> inspect(TlsProbe probe);

  /** Releases sockets and threads this inspector owns. Idempotent. */
  @Override
  default void close() {}
}
