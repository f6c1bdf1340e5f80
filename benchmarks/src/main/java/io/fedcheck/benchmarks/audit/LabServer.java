package io.fedcheck.benchmarks.audit;

import io.fedcheck.testkit.dns.AuthoritativeDnsServer;
import io.fedcheck.testkit.dns.DnsZone;
import io.fedcheck.testkit.tls.HeldCertificate;
import io.fedcheck.testkit.tls.TestCertificateAuthority;
import io.fedcheck.testkit.tls.TlsBehaviour;
import io.fedcheck.testkit.tls.TlsEndpoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A benchmark lab in its own process, so that the audited side and the served side do not share a
 * JVM: the test kit's {@link AuthoritativeDnsServer} serving the DNS-only zone ({@code dns.bench},
 * designed by {@link DomainKind#dnsOnly}) and the TLS zone ({@code tls.bench}), and one {@link
 * TlsEndpoint} per TLS domain.
 *
 * <p><b>Shared certificates, distinct handshakes.</b> A leaf costs ~16 ms to make, so the TLS
 * domains are served in groups of {@code --per-certificate} (default 50) that share one leaf whose
 * subjectAltName lists the group's targets, as a hosting provider's edge does; the domains designed
 * as {@link DomainKind#CERT_NAME_MISMATCH} are left off their group's list. Each domain still has its
 * own endpoint: its own loopback address (127.1.x.y, from {@link SyntheticDomains#loopbackAddress})
 * and ephemeral port, named by its own SRV and A records, so an audit needs one full handshake per
 * domain. All endpoints share the test kit's single acceptor thread.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.fedcheck.benchmarks.audit.LabServer \
 *     --dir /tmp/fedcheck-lab --tls-domains 2000 --dns-domains 10000
 * </pre>
 *
 * <p>It writes into {@code --dir}: {@value #DESCRIPTOR} (DNS port, counts, file names), the CA
 * root PEM, the domain lists (one per line), master files of every zone (for NSD) and a {@code
 * dnsperf} query file for the DNS-only domains (SRV and A). Then it prints {@code READY dir=...
 * dnsPort=... caPem=...} on standard output and serves until its standard input ends (or it is
 * killed), printing the endpoints' handshake counts whenever a line is read.
 */
public final class LabServer {
  /** The descriptor file name in the lab directory. */
  public static final String DESCRIPTOR = "lab.properties";

  // A command-line program: its status lines go to standard output by design.
  private static final PrintStream OUT = System.out;

  private LabServer() {}

  /** Starts the lab; see the class documentation for the options. */
  public static void main(String[] args) throws Exception {
    Map<String, String> o = AuditHarness.options(prepend(args));
    Path dir = Path.of(o.getOrDefault("dir", "target/fedcheck-lab"));
    int tlsDomains = Integer.parseInt(o.getOrDefault("tls-domains", "2000"));
    int dnsDomains = Integer.parseInt(o.getOrDefault("dns-domains", "10000"));
    int perCertificate = Integer.parseInt(o.getOrDefault("per-certificate", "50"));
    Files.createDirectories(dir);

    TestCertificateAuthority root = TestCertificateAuthority.create("fedcheck Bench Lab Root");
    TestCertificateAuthority issuing = root.intermediate("fedcheck Bench Lab Issuing CA");
    List<TlsEndpoint> endpoints = new ArrayList<>(tlsDomains);
    AuthoritativeDnsServer dns = null;
    try {
      DnsZone.Builder tlsZone = DnsZone.builder(SyntheticDomains.TLS_ZONE).ttl(3600);
      for (int first = 0; first < tlsDomains; first += perCertificate) {
        int last = Math.min(tlsDomains, first + perCertificate);
        List<String> names = new ArrayList<>();
        for (int i = first; i < last; i++) {
          if (DomainKind.withTls(i) == DomainKind.HEALTHY) {
            names.add(SyntheticDomains.target(i, SyntheticDomains.TLS_ZONE));
          }
        }
        HeldCertificate leaf = issuing.leaf(names.toArray(String[]::new));
        for (int i = first; i < last; i++) {
          String address = SyntheticDomains.loopbackAddress(i);
          TlsEndpoint e = TlsEndpoint.builder(TlsBehaviour.HANDSHAKE)
              .identity(leaf).bindAddress(InetAddress.getByName(address)).start();
          endpoints.add(e);
          tlsZone.srv("_sipfederationtls._tcp.d" + i, 0, 0, e.port(), "sip.d" + i).a("sip.d" + i, address);
        }
      }
      DnsZone[] dnsOnly = SyntheticDomains.dnsOnlyZones(dnsDomains);
      DnsZone tls = tlsZone.build();
      dns = AuthoritativeDnsServer.builder().recordQueries(false).zone(dnsOnly[0]).zone(dnsOnly[1]).zone(tls)
          .start();

      writeFiles(dir, root, dnsOnly, tls, dnsDomains, tlsDomains, dns.port(), perCertificate);
      OUT.println("READY dir=" + dir.toAbsolutePath() + " dnsPort=" + dns.port() + " caPem="
          + dir.resolve("ca.pem").toAbsolutePath() + " tlsDomains=" + tlsDomains + " dnsDomains=" + dnsDomains);
      OUT.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      while (in.readLine() != null) {
        long accepted = 0;
        long completed = 0;
        for (TlsEndpoint e : endpoints) {
          accepted += e.acceptedConnections();
          completed += e.completedHandshakes();
        }
        OUT.println("STATS accepted=" + accepted + " completedHandshakes=" + completed + " dnsQueries="
            + dns.queryCount());
        OUT.flush();
      }
    } finally {
      for (TlsEndpoint e : endpoints) {
        e.close();
      }
      if (dns != null) {
        dns.close();
      }
    }
  }

  private static void writeFiles(Path dir, TestCertificateAuthority root, DnsZone[] dnsOnly, DnsZone tls,
      int dnsDomains, int tlsDomains, int port, int perCertificate) throws IOException {
    Files.writeString(dir.resolve("ca.pem"), root.rootPem());
    Files.writeString(dir.resolve(SyntheticDomains.DNS_ZONE + ".zone"), dnsOnly[0].toMasterFile());
    Files.writeString(dir.resolve(SyntheticDomains.ELSEWHERE_ZONE + ".zone"), dnsOnly[1].toMasterFile());
    Files.writeString(dir.resolve(SyntheticDomains.TLS_ZONE + ".zone"), tls.toMasterFile());
    try (Writer dnsList = Files.newBufferedWriter(dir.resolve("dns-domains.txt"));
        Writer queries = Files.newBufferedWriter(dir.resolve("dnsperf-queries.txt"))) {
      for (int i = 0; i < dnsDomains; i++) {
        String d = SyntheticDomains.domain(i, SyntheticDomains.DNS_ZONE);
        dnsList.write(d + "\n");
        // The queries fedcheck sends for this domain: the SRV, then the target's A when there is a target.
        queries.write("_sipfederationtls._tcp." + d + " SRV\n");
        switch (DomainKind.dnsOnly(i)) {
          case HEALTHY, NO_ADDRESS -> queries.write("sip." + d + " A\n");
          case TARGET_OUTSIDE_DOMAIN -> queries.write("sip.d" + i + "." + SyntheticDomains.ELSEWHERE_ZONE + " A\n");
          default -> { }
        }
      }
    }
    try (Writer tlsList = Files.newBufferedWriter(dir.resolve("tls-domains.txt"))) {
      for (int i = 0; i < tlsDomains; i++) {
        tlsList.write(SyntheticDomains.domain(i, SyntheticDomains.TLS_ZONE) + "\n");
      }
    }
    Properties p = new Properties();
    p.setProperty("dnsPort", Integer.toString(port));
    p.setProperty("caPem", "ca.pem");
    p.setProperty("dnsDomains", Integer.toString(dnsDomains));
    p.setProperty("tlsDomains", Integer.toString(tlsDomains));
    p.setProperty("perCertificate", Integer.toString(perCertificate));
    try (OutputStream out = Files.newOutputStream(dir.resolve(DESCRIPTOR))) {
      p.store(out, "fedcheck benchmark lab (LabServer)");
    }
  }

  /** {@link AuditHarness#options} skips the mode argument; LabServer has none. */
  private static String[] prepend(String[] args) {
    String[] out = new String[args.length + 1];
    out[0] = "lab";
    System.arraycopy(args, 0, out, 1, args.length);
    return out;
  }
}
