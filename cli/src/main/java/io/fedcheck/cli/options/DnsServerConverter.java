package io.fedcheck.cli.options;

import io.fedcheck.core.DnsServerAddress;
import java.net.InetSocketAddress;
import picocli.CommandLine;

/** Converts {@code --dns-server HOST[:PORT]} with {@link DnsServerAddress}'s syntax. */
final class DnsServerConverter implements CommandLine.ITypeConverter<InetSocketAddress> {
  @Override
  public InetSocketAddress convert(String value) {
    try {
      return DnsServerAddress.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
