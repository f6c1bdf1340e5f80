package io.fedcheck.cli;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options that say how domains are checked, shared by {@code check} and (later) {@code audit}
 * as a picocli mixin. Option names are a contract: never rename one.
 */
final class CheckOptions {

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
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Deadline per domain, such as 10s, 500ms, 2m or PT10S. Default: 10s.")
  Duration timeout = CheckSettings.DEFAULT_TIMEOUT;

  @Option(
      names = "--trust-store",
      paramLabel = "FILE",
      converter = TrustBundle.Converter.class,
      description =
          "PEM bundle of extra trust anchors (private roots your edge has imported)."
              + " The JDK's public roots stay trusted unless --no-public-roots.")
  TrustBundle trustStore;

  @Option(names = "--no-public-roots", description = "Trust only the --trust-store roots.")
  boolean noPublicRoots;

  @Option(
      names = "--profile",
      paramLabel = "on-premises|microsoft365",
      converter = ProfileChoice.Converter.class,
      description =
          "The Microsoft edge to satisfy: on-premises (default; private roots acceptable)"
              + " or microsoft365 (Teams / sipfed.online.lync.com; a public CA is mandatory).")
  ProfileChoice profile = ProfileChoice.ON_PREMISES;

  @Option(
      names = "--require-client-auth",
      description = "A certificate without the clientAuth EKU is an error, not a warning.")
  boolean requireClientAuth;

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

  @Option(
      names = "--cert-dir",
      paramLabel = "DIR",
      converter = PathConverters.ReadableDirectory.class,
      description = "Read certificates from PEM chains named <fqdn>.pem instead of connecting.")
  Path certDir;

  /** The settings these options describe. */
  CheckSettings toSettings() {
    if (noPublicRoots && trustStore == null) {
      throw new UsageException("--no-public-roots needs --trust-store: nothing would be trusted");
    }
    return CheckSettings.builder()
        .dnsServers(dnsServers)
        .resolver(resolver)
        .timeout(timeout)
        .extraTrustAnchors(trustStore == null ? List.of() : trustStore.anchors())
        .publicRoots(!noPublicRoots)
        .profile(profile.profile())
        .requireClientAuth(requireClientAuth)
        .allowPrivateAddresses(allowPrivateAddresses)
        .zoneFiles(zoneFiles)
        .certificateDirectory(certDir)
        .build();
  }
}
