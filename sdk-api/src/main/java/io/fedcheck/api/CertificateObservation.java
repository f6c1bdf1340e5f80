package io.fedcheck.api;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link CertificateInspector} saw at one endpoint. It records, it never judges: whether the
 * chain is trusted is decided by the rules against the policy's trust anchors.
 *
 * @param serverName the SNI / target FQDN that was asked for
 * @param address the address connected to, as text (IP literal)
 * @param port the port
 * @param outcome how the inspection ended
 * @param chain the certificate chain as presented, leaf first (empty when none was seen)
 * @param protocol the negotiated protocol, such as {@code TLSv1.3}, or empty
 * @param cipherSuite the negotiated cipher suite, or empty
 * @param clientCertificateRequested whether the server asked for a client certificate
 * @param detail a short explanation of a failure (refused, reset, alert, timeout...), or empty
 * @param elapsed how long the inspection took
 * @param sip the SIP exchange on the connection after the handshake ({@link
 *     SipOutcome#NOT_ATTEMPTED} when none was asked for or the handshake did not complete)
 */
public record CertificateObservation(
    String serverName,
    String address,
    int port,
    TlsOutcome outcome,
    List<X509Certificate> chain,
    String protocol,
    String cipherSuite,
    boolean clientCertificateRequested,
    String detail,
    Duration elapsed,
    SipExchange sip) {
  /**
   * Checks the components and normalises them: missing texts become empty, the chain is copied, and
   * a missing SIP exchange becomes one with {@link SipOutcome#NOT_ATTEMPTED}.
   *
   * @param serverName the SNI / target FQDN that was asked for
   * @param address the address connected to, as text (IP literal)
   * @param port the port
   * @param outcome how the inspection ended
   * @param chain the certificate chain as presented, leaf first (empty when none was seen)
   * @param protocol the negotiated protocol, or empty or {@code null}
   * @param cipherSuite the negotiated cipher suite, or empty or {@code null}
   * @param clientCertificateRequested whether the server asked for a client certificate
   * @param detail a short explanation of a failure, or empty or {@code null}
   * @param elapsed how long the inspection took
   * @param sip the SIP exchange after the handshake, or {@code null} when none was made
   * @throws IllegalArgumentException when the handshake completed but the chain is empty
   */
  public CertificateObservation {
    serverName = DnsNames.canonical(serverName, "serverName");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(outcome, "outcome");
    chain = List.copyOf(chain);
    protocol = protocol == null ? "" : protocol;
    cipherSuite = cipherSuite == null ? "" : cipherSuite;
    detail = detail == null ? "" : detail;
    Objects.requireNonNull(elapsed, "elapsed");
    sip = sip == null ? SipExchange.notAttempted("") : sip;
    if (outcome == TlsOutcome.HANDSHAKE_COMPLETED && chain.isEmpty()) {
      throw new IllegalArgumentException("a completed handshake must have presented a chain");
    }
  }

  /**
   * An observation without a SIP exchange.
   *
   * @param serverName the SNI / target FQDN that was asked for
   * @param address the address connected to, as text (IP literal)
   * @param port the port
   * @param outcome how the inspection ended
   * @param chain the certificate chain as presented, leaf first (empty when none was seen)
   * @param protocol the negotiated protocol, or empty or {@code null}
   * @param cipherSuite the negotiated cipher suite, or empty or {@code null}
   * @param clientCertificateRequested whether the server asked for a client certificate
   * @param detail a short explanation of a failure, or empty or {@code null}
   * @param elapsed how long the inspection took
   */
  public CertificateObservation(
      String serverName, String address, int port, TlsOutcome outcome, List<X509Certificate> chain,
      String protocol, String cipherSuite, boolean clientCertificateRequested, String detail,
      Duration elapsed) {
    this(serverName, address, port, outcome, chain, protocol, cipherSuite, clientCertificateRequested,
        detail, elapsed, null);
  }

  /**
   * The same observation with the SIP exchange that followed the handshake.
   *
   * @param value the SIP exchange, or {@code null} for none
   * @return a copy with that exchange
   */
  public CertificateObservation withSip(SipExchange value) {
    return new CertificateObservation(serverName, address, port, outcome, chain, protocol,
        cipherSuite, clientCertificateRequested, detail, elapsed, value);
  }

  /**
   * An observation of a failed inspection, with no chain.
   *
   * @param probe the probe that failed; gives the server name, address and port
   * @param outcome how the inspection ended
   * @param detail a short explanation of the failure, or empty
   * @param elapsed how long the inspection took
   * @return an observation with an empty chain, no protocol or cipher suite, and no SIP exchange
   */
  public static CertificateObservation failed(
      TlsProbe probe, TlsOutcome outcome, String detail, Duration elapsed) {
    return new CertificateObservation(
        probe.serverName(), probe.address().getHostAddress(), probe.port(), outcome, List.of(), "",
        "", false, detail, elapsed);
  }

  /**
   * The leaf (end-entity) certificate, if any was presented.
   *
   * @return the first certificate of the chain, or empty when no chain was seen
   */
  public java.util.Optional<X509Certificate> leaf() {
    return chain.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(chain.get(0));
  }
}
