package io.fedcheck.api;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * One request to a {@link CertificateInspector}: connect to {@code address:port}, send {@code
 * serverName} as SNI, and see what certificate is presented.
 *
 * @param serverName the SRV target FQDN, used for SNI (lower-case ASCII)
 * @param address the address to connect to (already checked by the validator's address guard)
 * @param port the TCP port
 * @param timeout the hard wall-clock deadline for connect plus handshake
 */
public record TlsProbe(String serverName, InetAddress address, int port, Duration timeout) {
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
}
