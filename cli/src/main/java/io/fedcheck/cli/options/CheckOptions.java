package io.fedcheck.cli.options;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that say how domains are checked, shared by {@code check} and (later) {@code audit}
 * as a picocli mixin. Option names are a contract: never rename one.
 */
public final class CheckOptions {

  @Option(
      names = "--dns-server",
      paramLabel = "HOST[:PORT]",
      converter = DnsServerConverter.class,
      description =
          "DNS server to ask (repeatable; IPv6 with a port as [::1]:53; port 53 by default)."
              + " Default: the system's resolvers.")
  List<InetSocketAddress> dnsServers = new ArrayList<>();

  @Option(
      names = "--resolver",
      paramLabel = "dnsjava|jdk",
      converter = ResolverBackend.Converter.class,
      description = "DNS backend: dnsjava (default) or jdk (JNDI).")
  ResolverBackend resolver = ResolverBackend.DNSJAVA;

  @Option(
      names = "--tls-backend",
      paramLabel = "jsse|netty",
      converter = TlsBackend.Converter.class,
      description = "TLS backend: netty (BoringSSL, non-blocking; the default where it loads) or jsse"
          + " (the JDK's TLS; the default elsewhere).")
  TlsBackend tlsBackend;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Deadline per domain, such as 10s, 500ms, 2m or PT10S. Default: 10s.")
  Duration timeout = CheckSettings.DEFAULT_TIMEOUT;





  @Mixin TrustOptions trust;

  @Mixin SipOptions sip;

  @Option(
      names = "--allow-private-addresses",
      description = "Connect to loopback/private targets too (labs, internal tests). Off by default.")
  boolean allowPrivateAddresses;

  @Option(
      names = "--zone-file",
      paramLabel = "FILE",
      converter = PathConverters.ReadableFile.class,
      description = "Answer DNS from this master (zone) file instead of the network (repeatable).")
  List<Path> zoneFiles = new ArrayList<>();

  @Mixin ZoneFileOptions zoneFileOptions = new ZoneFileOptions();

  @Option(
      names = "--cert-dir",
      paramLabel = "DIR",
      converter = PathConverters.ReadableDirectory.class,
      description = "Read certificates from PEM chains named <fqdn>.pem instead of connecting.")
  Path certDir;

  /** The settings these options describe. */
  public CheckSettings toSettings() {
    return sip.applyTo(trust.applyTo(CheckSettings.builder()))
        .dnsServers(dnsServers)
        .resolver(resolver)
        .tlsBackend(tlsBackend)
        .timeout(timeout)
        .allowPrivateAddresses(allowPrivateAddresses)
        .zoneFiles(zoneFiles)
        .zoneFileLimits(zoneFileOptions.limits())
        .certificateDirectory(certDir)
        .build();
  }
}
