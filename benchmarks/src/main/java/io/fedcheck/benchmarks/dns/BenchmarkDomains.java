package io.fedcheck.benchmarks.dns;

import io.fedcheck.testkit.dns.AuthoritativeDnsServer;
import io.fedcheck.testkit.dns.DnsZone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The domains the DNS benchmarks resolve: {@value #DOMAINS} federation domains {@code d<i>.bench.lab},
 * each with one {@code _sipfederationtls._tcp} SRV record pointing at {@code sip.d<i>.bench.lab}
 * and an A record for that target, in one zone {@value #ORIGIN}.
 *
 * <p>Also a small command line to take the same zone to other servers, so that the server's own
 * ceiling can be measured (for example with {@code dnsperf}) apart from the resolver's:
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.fedcheck.benchmarks.dns.BenchmarkDomains zone FILE
 * java -cp benchmarks/target/benchmarks.jar io.fedcheck.benchmarks.dns.BenchmarkDomains queries FILE
 * java -cp benchmarks/target/benchmarks.jar io.fedcheck.benchmarks.dns.BenchmarkDomains serve PORT
 * </pre>
 * {@code zone} writes the master file (for NSD: {@code scripts/nsd-lab.sh start DIR PORT
 * bench.lab=FILE}), {@code queries} writes a dnsperf query file (SRV and A for every domain),
 * {@code serve} runs the test kit's {@link AuthoritativeDnsServer} on 127.0.0.1:PORT until killed.
 */
public final class BenchmarkDomains {
  /** How many domains the zone holds. */
  public static final int DOMAINS = 10_000;
  /** The zone's origin. */
  public static final String ORIGIN = "bench.lab";

  private BenchmarkDomains() {}

  /** The SRV name of domain {@code i}. */
  public static String srvName(int i) {
    return "_sipfederationtls._tcp.d" + i + "." + ORIGIN;
  }

  /** The zone with every benchmark domain. */
  public static DnsZone zone() {
    DnsZone.Builder z = DnsZone.builder(ORIGIN).ttl(300);
    for (int i = 0; i < DOMAINS; i++) {
      z.srv("_sipfederationtls._tcp.d" + i, 0, 0, 5061, "sip.d" + i);
      z.a("sip.d" + i, "10." + (i >> 16 & 0xFF) + "." + (i >> 8 & 0xFF) + "." + (i & 0xFF));
    }
    return z.build();
  }

  /** See the class comment. */
  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: zone FILE | queries FILE | serve PORT");
    }
    switch (args[0]) {
      case "zone" -> Files.writeString(Path.of(args[1]), "$ORIGIN " + ORIGIN + ".\n" + zone().toMasterFile());
      case "queries" -> {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < DOMAINS; i++) {
          sb.append(srvName(i)).append(" SRV\n");
          sb.append("sip.d").append(i).append('.').append(ORIGIN).append(" A\n");
        }
        Files.writeString(Path.of(args[1]), sb);
      }
      case "serve" -> {
        AuthoritativeDnsServer server = AuthoritativeDnsServer.builder()
            .zone(zone()).recordQueries(false).port(Integer.parseInt(args[1])).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        new CountDownLatch(1).await();
      }
      default -> throw new IllegalArgumentException("usage: zone FILE | queries FILE | serve PORT");
    }
  }
}
