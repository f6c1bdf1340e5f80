package io.fedcheck.core;

import com.google.common.net.HostAndPort;
import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The {@code HOST[:PORT]} syntax of a DNS server option ({@code --dns-server} of the CLI and of the
 * Flink job): an IPv4 address, an IPv6 address (bare, or in brackets when a port follows: {@code
 * [::1]:53}) or a host name, with port 53 by default. A host name is resolved once, when parsed,
 * with the system resolver.
 */
public final class DnsServerAddress {
  /** The port when none is given. */
  public static final int DNS_PORT = 53;

  private DnsServerAddress() {}

  /**
   * Parses (and, for a host name, resolves) a DNS server.
   *
   * @param value the text
   * @return the server's socket address
   * @throws IllegalArgumentException with a message that shows the accepted form
   */
  public static InetSocketAddress parse(String value) {
    HostAndPort hp;
    if (value.strip().endsWith(":") && !InetAddresses.isInetAddress(value.strip())) {
      throw new IllegalArgumentException("'" + value + "' has an empty port");
    }
    try {
      hp = HostAndPort.fromString(value.strip()).withDefaultPort(DNS_PORT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + value + "' is not HOST[:PORT] (write IPv6 with a port as [::1]:53)", e);
    }
    String host = hp.getHost();
    if (host.isEmpty() || hp.getPort() < 1) {
      throw new IllegalArgumentException("'" + value + "' is not HOST[:PORT]");
    }
    if (InetAddresses.isInetAddress(host)) {
      return new InetSocketAddress(InetAddresses.forString(host), hp.getPort());
    }
    if (host.contains(":") || !host.matches("[A-Za-z0-9.-]+")) {
      throw new IllegalArgumentException(
          "'" + value + "' is not HOST[:PORT] (write IPv6 with a port as [::1]:53)");
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), hp.getPort());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("DNS server host '" + host + "' is unknown", e);
    }
  }
}
