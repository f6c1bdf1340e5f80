package io.fedcheck.cli;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A running copy of the seed document's lab, as {@code fedcheck demo} needs it: an authoritative
 * DNS server and TLS endpoints on loopback, the SIP domains to check, and the private root their
 * certificates chain to. The lab is started by its supplier and stopped by {@link #close()}.
 */
interface DemoLab extends AutoCloseable {
  /** The SIP domains to check, in the order they are shown. */
  List<String> domains();

  /** The lab's DNS server (on loopback). */
  InetSocketAddress dnsServer();

  /** The private root(s) the lab's certificates chain to. */
  List<X509Certificate> trustAnchors();

  /** Stops the lab's servers. */
  @Override
  void close();
}
