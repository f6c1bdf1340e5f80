package io.fedcheck.benchmarks.audit;

import io.fedcheck.api.AuditProgress;
import io.fedcheck.api.BulkOptions;
import io.fedcheck.api.DomainResolver;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.api.InspectorOptions;
import io.fedcheck.api.Policy;
import io.fedcheck.api.ResolverOptions;
import io.fedcheck.api.SipProbe;
import io.fedcheck.api.Verdict;
import io.fedcheck.core.CacheSettings;
import io.fedcheck.core.FederationValidators;
import io.fedcheck.core.ResilienceSettings;
import io.fedcheck.testkit.dns.AuthoritativeDnsServer;
import io.fedcheck.testkit.dns.DnsZone;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongFunction;

/**
 * End-to-end bulk audits through {@code FederationValidators.builder()} and {@code validateAll},
 * timed from the first domain handed in to the last report out, every report checked against the
 * synthetic design ({@link DomainKind}). A command-line program: it prints one {@code key=value}
 * result line per run on standard output.
 *
 * <pre>
 * # (a) DNS only, 10,000 domains, test-kit DNS server in this process (or --server to use another)
 * java -cp benchmarks/target/benchmarks.jar io.fedcheck.benchmarks.audit.AuditHarness dns \
 *     --domains 10000 --concurrency 512 --runs 3
 * # (b) TLS, against a LabServer in another process (it prints the lab directory)
 * java -cp benchmarks/target/benchmarks.jar io.fedcheck.benchmarks.audit.AuditHarness tls \
 *     --lab /tmp/fedcheck-lab --concurrency 64 --runs 2 [--sip-probe off]
 * # (c) memory: 1,000,000 synthetic domains, instant in-process resolver, under -Xmx256m
 * java -Xmx256m -cp benchmarks/target/benchmarks.jar io.fedcheck.benchmarks.audit.AuditHarness memory \
 *     --domains 1000000 --concurrency 1024
 * </pre>
 *
 * <p>Options: {@code --resolver NAME} picks the DNS backend by provider name (default {@code
 * dnsjava}); {@code --server HOST:PORT} audits against an external server that holds the synthetic
 * zones ({@code LabServer} or NSD loaded with its zone files); {@code --sip-probe off} (tls) audits
 * without the SIP OPTIONS probe, to measure what it costs; {@code --runs N} repeats the measured
 * run on a fresh validator (each run also has an untimed warm-up pass over the first 2,000 domains).
 */
public final class AuditHarness {
  // A command-line program: its results go to standard output by design.
  private static final PrintStream OUT = System.out;

  private AuditHarness() {}

  /** Runs the mode named by the first argument: {@code dns}, {@code tls} or {@code memory}. */
  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: AuditHarness dns|tls|memory [--option value]...");
    }
    Map<String, String> opts = options(args);
    switch (args[0]) {
      case "dns" -> dns(opts);
      case "tls" -> tls(opts);
      case "memory" -> memory(opts);
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  private static void dns(Map<String, String> o) throws Exception {
    long count = Long.parseLong(o.getOrDefault("domains", "10000"));
    int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "512"));
    int runs = Integer.parseInt(o.getOrDefault("runs", "3"));
    String resolver = o.getOrDefault("resolver", "dnsjava");
    AuthoritativeDnsServer server = null;
    InetSocketAddress address;
    if (o.containsKey("server")) {
      address = hostPort(o.get("server"));
    } else {
      DnsZone[] zones = SyntheticDomains.dnsOnlyZones(count);
      AuthoritativeDnsServer.Builder b = AuthoritativeDnsServer.builder().recordQueries(false);
      for (DnsZone z : zones) {
        b.zone(z);
      }
      server = b.start();
      address = server.address();
    }
    try {
      for (int run = 1; run <= runs; run++) {
        FederationValidators.Builder v = dnsValidator(resolver, address, concurrency).skipTls(true);
        warmUp(v, Math.min(2000, count), SyntheticDomains.DNS_ZONE, concurrency, DomainKind::dnsOnly);
        long queriesBefore = server == null ? 0 : server.queryCount();
        Result r = audit(v, count, SyntheticDomains.DNS_ZONE, concurrency, DomainKind::dnsOnly);
        String queries = server == null ? "" : " server_queries=" + (server.queryCount() - queriesBefore);
        OUT.println(r.line("dns", run) + " resolver=" + resolver + queries);
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  private static void tls(Map<String, String> o) throws Exception {
    Path lab = Path.of(required(o, "lab"));
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(lab.resolve(LabServer.DESCRIPTOR))) {
      p.load(in);
    }
    long count = Long.parseLong(p.getProperty("tlsDomains"));
    int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "64"));
    int runs = Integer.parseInt(o.getOrDefault("runs", "2"));
    String resolver = o.getOrDefault("resolver", "dnsjava");
    // --tls-backend netty measures the Netty/BoringSSL inspector; jsse (the default here) the JDK's.
    String tlsBackend = o.getOrDefault("tls-backend", "jsse");
    // --sip-probe off measures the audit without the OPTIONS exchange after each handshake.
    boolean sip = !"off".equals(o.getOrDefault("sip-probe", "on"));
    InetSocketAddress dns = hostPort("127.0.0.1:" + p.getProperty("dnsPort"));
    X509Certificate ca;
    try (InputStream in = Files.newInputStream(lab.resolve(p.getProperty("caPem")))) {
      ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    for (int run = 1; run <= runs; run++) {
      FederationValidators.Builder v = dnsValidator(resolver, dns, concurrency)
          .policy(Policy.onPremises().toBuilder().allowPrivateAddresses(true).addTrustAnchor(ca)
              .sipProbe(sip ? SipProbe.ofDefaults() : null).build())
          .inspectorName(tlsBackend)
          .inspectorOptions(new InspectorOptions(null, concurrency))
          .handshakeTimeout(Duration.ofSeconds(10))
          .deadline(Duration.ofSeconds(30));
      // Warm-up over a slice of the lab would leave those endpoints' observations cached: caching is
      // off, so every measured domain costs its own handshake (distinct address, port and SNI).
      // The JIT needs thousands of handshakes before the elliptic-curve code is compiled: warm up
      // over the whole lab once by default (--warmup N to change it).
      warmUp(v, Math.min(Long.parseLong(o.getOrDefault("warmup", "2000")), count), SyntheticDomains.TLS_ZONE,
          concurrency, DomainKind::withTls);
      Result r = audit(v, count, SyntheticDomains.TLS_ZONE, concurrency, DomainKind::withTls);
      OUT.println(r.line("tls", run) + " resolver=" + resolver + " tlsBackend=" + tlsBackend
          + " sipProbe=" + (sip ? "on" : "off"));
    }
  }

  private static void memory(Map<String, String> o) throws Exception {
    long count = Long.parseLong(o.getOrDefault("domains", "1000000"));
    int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "1024"));
    String zone = "mem.bench";
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    try (DomainResolver instant = new InstantResolver(zone)) {
      FederationValidators.Builder v = FederationValidators.builder()
          .resolver(instant)
          .skipTls(true)
          .concurrency(concurrency)
          .policy(Policy.onPremises().toBuilder().allowPrivateAddresses(true).build())
          .resilience(ResilienceSettings.minimal());
      Result r = audit(v, count, zone, concurrency, DomainKind::dnsOnly);
      long peakSum = 0;
      long oldAfterGc = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peakSum += pool.getPeakUsage().getUsed();
          if (pool.getCollectionUsage() != null && pool.getName().contains("Old")) {
            oldAfterGc = Math.max(oldAfterGc, pool.getCollectionUsage().getUsed());
          }
        }
      }
      long gcs = 0;
      long gcMillis = 0;
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        gcs += Math.max(0, gc.getCollectionCount());
        gcMillis += Math.max(0, gc.getCollectionTime());
      }
      OUT.println(r.line("memory", 1) + String.format(Locale.ROOT,
          " max_heap_mib=%d peak_heap_pools_sum_mib=%.1f old_gen_after_last_gc_mib=%.1f gcs=%d gc_ms=%d",
          Runtime.getRuntime().maxMemory() >> 20, peakSum / 1048576.0, oldAfterGc / 1048576.0, gcs, gcMillis));
      if (r.tally.reports() != count || r.tally.departures() != 0) {
        throw new IllegalStateException("memory run: " + count + " in, " + r.tally.reports() + " out, "
            + r.tally.departures() + " departures from the design");
      }
    }
  }

  /** A validator on the named DNS backend at {@code server}, sized for bulk audits. */
  private static FederationValidators.Builder dnsValidator(String resolver, InetSocketAddress server,
      int concurrency) {
    return FederationValidators.builder()
        .resolverName(resolver)
        .resolverOptions(ResolverOptions.ofDefaults().withServers(List.of(server))
            .withQueryTimeout(Duration.ofSeconds(2)).withRetries(2))
        .concurrency(concurrency)
        .policy(Policy.onPremises().toBuilder().allowPrivateAddresses(true).build())
        // Every domain and target is distinct, so caching could not help; turning it off also
        // keeps a TLS run honest (no handshake is ever reused).
        .cache(CacheSettings.disabled())
        .resilience(ResilienceSettings.builder().maxConcurrentHandshakes(concurrency)
            .maxConnectionsPerAddress(concurrency).circuitBreaker(false).build());
  }

  /** An untimed pass over the first {@code warmup} domains, on a validator of its own (JIT warm-up). */
  private static void warmUp(FederationValidators.Builder builder, long warmup, String zone, int concurrency,
      LongFunction<DomainKind> design) {
    if (warmup <= 0) {
      return; // --warmup 0: measure cold, the first domains of a fresh JVM
    }
    try (FederationValidator v = builder.build()) {
      AuditTally t = new AuditTally(design);
      v.validateAll(SyntheticDomains.names(warmup, zone), t, new BulkOptions(concurrency, warmup,
          Duration.ofSeconds(1)), p -> { }).toCompletableFuture().join();
    }
  }

  /** The timed pass over all {@code count} domains, on a fresh validator. */
  private static Result audit(FederationValidators.Builder builder, long count, String zone,
      int concurrency, LongFunction<DomainKind> design) {
    try (FederationValidator v = builder.build()) {
      AuditTally tally = new AuditTally(design);
      long cpu0 = processCpuNanos();
      long t0 = System.nanoTime();
      v.validateAll(SyntheticDomains.names(count, zone), tally,
          new BulkOptions(concurrency, count, Duration.ofSeconds(5)), AuditHarness::progress)
          .toCompletableFuture().join();
      long nanos = System.nanoTime() - t0;
      return new Result(count, nanos, processCpuNanos() - cpu0, tally, AuditTally.expected(count, design));
    }
  }

  private static void progress(AuditProgress p) {
    if (!p.finished()) {
      System.err.printf(Locale.ROOT, "  ... %d/%d in %.1f s%n", p.done(), p.total(), p.elapsed().toMillis() / 1000.0);
    }
  }

  /** CPU time of this process (the client: the lab runs in its own), or -1 where not reported. */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }

  private record Result(long count, long nanos, long cpuNanos, AuditTally tally, Map<Verdict, Long> expected) {
    String line(String mode, int run) {
      double seconds = nanos / 1e9;
      String load = loadAverage();
      return String.format(Locale.ROOT,
          "mode=%s run=%d domains_in=%d reports_out=%d seconds=%.2f domains_per_s=%.0f"
              + " client_cpu_ms_per_domain=%.2f verdicts=%s expected=%s design_departures=%d%s load1=%s",
          mode, run, count, tally.reports(), seconds, count / seconds, cpuNanos / 1e6 / count,
          tally.verdicts(), expected,
          tally.departures(), tally.firstDepartures().isEmpty() ? "" : " first=" + tally.firstDepartures(),
          load);
    }
  }

  private static String loadAverage() {
    double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return String.format(Locale.ROOT, "%.2f", l);
  }

  private static InetSocketAddress hostPort(String s) {
    int colon = s.lastIndexOf(':');
    return new InetSocketAddress(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
  }

  private static String required(Map<String, String> o, String key) {
    String v = o.get(key);
    if (v == null) {
      throw new IllegalArgumentException("--" + key + " is required");
    }
    return v;
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> o = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --option value at " + args[i]);
      }
      o.put(args[i].substring(2), args[++i]);
    }
    return o;
  }

}
