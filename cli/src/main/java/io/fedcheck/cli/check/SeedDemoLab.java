package io.fedcheck.cli.check;

import io.fedcheck.api.Verdict;
import io.fedcheck.cli.options.DemoLab;
import io.fedcheck.testkit.FederationLab;
import io.fedcheck.testkit.SeedLab;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** The test kit's seed lab as the demo sees it. */
public final class SeedDemoLab implements DemoLab {
  private final FederationLab lab;

  private SeedDemoLab(FederationLab lab) {
    this.lab = lab;
  }

  /** Starts the seed document's lab on loopback. */
  public static DemoLab start() {
    return new SeedDemoLab(SeedLab.start());
  }

  @Override
  public List<String> domains() {
    return lab.domains();
  }

  @Override
  public InetSocketAddress dnsServer() {
    return lab.dnsServer();
  }

  @Override
  public List<X509Certificate> trustAnchors() {
    return lab.trustAnchors();
  }

  @Override
  public Optional<Verdict> expectedVerdict(String domain) {
    return lab.expectedVerdict(domain);
  }

  @Override
  public void close() {
    lab.close();
  }
}
