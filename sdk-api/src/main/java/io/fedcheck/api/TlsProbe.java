package io.fedcheck.api;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One request to a {@link CertificateInspector}: connect to {@code address:port}, send {@code
 * serverName} as SNI, see what certificate is presented and, when {@code sip} is set, send one SIP
 * {@code OPTIONS} on the same connection and read the answer.
 *
 * @param serverName the SRV target FQDN, used for SNI (lower-case ASCII)
 * @param address the address to connect to (already checked by the validator's address guard)
 * @param port the TCP port
 * @param timeout the hard wall-clock deadline for connect, handshake and SIP exchange together
 * @param sip the SIP probe to run after the handshake, or {@code null} for none
 */
public record TlsProbe(String serverName, InetAddress address, int port, Duration timeout, SipProbe sip) {
  /**
   * Checks the probe and puts the server name in canonical form (lower-case, no trailing dot).
   *
   * @param serverName the SRV target FQDN, used for SNI
   * @param address the address to connect to
   * @param port the TCP port, 1 to 65535
   * @param timeout the hard deadline for connect, handshake and SIP exchange together, positive
   * @param sip the SIP probe to run after the handshake, or {@code null} for none
   * @throws IllegalArgumentException when {@code port} is out of range or {@code timeout} is not positive
   */
  public TlsProbe {
    serverName = DnsNames.canonical(serverName, "serverName");
    Objects.requireNonNull(address, "address");
    if (port < 1 || port > 0xFFFF) {
      throw new IllegalArgumentException("port must be 1..65535: " + port);
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  /**
   * A probe of the handshake only, with no SIP exchange.
   *
   * @param serverName the SRV target FQDN, used for SNI
   * @param address the address to connect to
   * @param port the TCP port, 1 to 65535
   * @param timeout the hard deadline for connect and handshake together, positive
   */
  public TlsProbe(String serverName, InetAddress address, int port, Duration timeout) {
    this(serverName, address, port, timeout, null);
  }

  /**
   * The SIP probe, if one is asked for.
   *
   * @return the SIP probe, or empty when only the handshake is probed
   */
  public Optional<SipProbe> sipIfSet() {
    return Optional.ofNullable(sip);
  }

  /**
   * The same probe with another deadline (a decorator that spent part of the budget).
   *
   * @param value the new deadline, positive
   * @return a copy with that deadline
   */
  public TlsProbe withTimeout(Duration value) {
    return new TlsProbe(serverName, address, port, value, sip);
  }
}
