package io.fedcheck.cli.options;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import io.fedcheck.api.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * A running copy of the seed document's lab, as {@code fedcheck demo} needs it: an authoritative
 * DNS server and TLS endpoints on loopback, the SIP domains to check, and the private root their
 * certificates chain to. The lab is started by its supplier and stopped by {@link #close()}.
 */
public interface DemoLab extends AutoCloseable {
  /** The SIP domains to check, in the order they are shown. */
  List<String> domains();

  /** The lab's DNS server (on loopback). */
  InetSocketAddress dnsServer();

  /** The private root(s) the lab's certificates chain to. */
  List<X509Certificate> trustAnchors();

  /**
   * The verdict the lab was built to produce for {@code domain} (on-premises profile), if it
   * declares one: the demo compares it with what the checks found.
   */
  default Optional<Verdict> expectedVerdict(String domain) {
    return Optional.empty();
  }

  /** Stops the lab's servers. */
  @Override
  void close();
}
