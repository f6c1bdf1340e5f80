package io.fedcheck.cli;

import com.google.common.net.HostAndPort;
import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import picocli.CommandLine;

/**
 * Converts {@code --dns-server HOST[:PORT]}: an IPv4 address, an IPv6 address (bare, or in brackets
 * when a port follows: {@code [::1]:53}) or a host name, with port 53 by default. A host name is
 * resolved once, here, with the system resolver.
 */
final class DnsServerConverter implements CommandLine.ITypeConverter<InetSocketAddress> {
  static final int DNS_PORT = 53;

  @Override
  public InetSocketAddress convert(String value) {
    HostAndPort hp;
    if (value.strip().endsWith(":") && !InetAddresses.isInetAddress(value.strip())) {
      throw new CommandLine.TypeConversionException("'" + value + "' has an empty port");
    }
    try {
      hp = HostAndPort.fromString(value.strip()).withDefaultPort(DNS_PORT);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not HOST[:PORT] (write IPv6 with a port as [::1]:53)");
    }
    String host = hp.getHost();
    if (host.isEmpty() || hp.getPort() < 1) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not HOST[:PORT]");
    }
    if (InetAddresses.isInetAddress(host)) {
      return new InetSocketAddress(InetAddresses.forString(host), hp.getPort());
    }
    if (host.contains(":") || !host.matches("[A-Za-z0-9.-]+")) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not HOST[:PORT] (write IPv6 with a port as [::1]:53)");
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), hp.getPort());
    } catch (UnknownHostException e) {
      throw new CommandLine.TypeConversionException("DNS server host '" + host + "' is unknown");
    }
  }
}
