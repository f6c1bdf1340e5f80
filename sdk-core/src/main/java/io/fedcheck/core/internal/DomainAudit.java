package io.fedcheck.core.internal;

import io.fedcheck.core.IncompleteReports;
import io.fedcheck.api.AddressRecord;
import io.fedcheck.api.CertificateInspector;
import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.DnsRecord;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.DomainObservation;
import io.fedcheck.api.DomainResolver;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Finding;
import io.fedcheck.api.Policy;
import io.fedcheck.api.RecordType;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.SrvRecord;
import io.fedcheck.api.StepTiming;
import io.fedcheck.api.TargetObservation;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.TlsProbe;
import io.fedcheck.api.Verdict;
import io.fedcheck.core.rules.AddressClass;
import io.fedcheck.core.rules.DomainNameResult;
import io.fedcheck.core.rules.DomainNames;
import io.fedcheck.core.rules.FederationRules;
import io.fedcheck.core.rules.TrustEvaluator;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-domain pipeline: normalize → SRV lookup → targets in RFC 2782 order, capped → A lookup
 * of each target → address guard → TLS inspection of the first allowed address → rules → report.
 * Asynchronous end to end: no thread waits for a domain.
 *
 * <p>One deadline covers the whole domain. Each backend call gets a share of what is left (passed
 * in {@link DnsQuery#timeout()} / {@link TlsProbe#timeout()}, since a stage timeout cannot cancel
 * I/O) and is replaced by a {@code TIMEOUT} result / {@code HANDSHAKE_FAILED} observation if it
 * has not answered when its share (plus a little grace, never past the deadline) runs out; steps
 * that start after the deadline are not attempted. So every report is delivered by the deadline
 * plus the time to apply the rules. Thread-safe.
 */
public final class DomainAudit {
  private static final Logger LOG = LoggerFactory.getLogger(DomainAudit.class);
  private static final Duration GRACE = Duration.ofMillis(250);

  /**
   * What the pipeline needs besides its backends.
   *
   * @param policy the policy the rules apply
   * @param clock the time at which certificates are judged and reports stamped
   * @param deadline the wall-clock budget for one domain
   * @param queryTimeout the most one DNS lookup may take
   * @param handshakeTimeout the most one TLS inspection may take
   * @param skipTls whether to stop after DNS (no connection at all)
   * @param trust the trust evaluator handed to the rules
   * @param executor runs continuations (rules, next steps)
   * @param timer runs deadline timers only
   */
  public record Settings(Policy policy, Clock clock, Duration deadline, Duration queryTimeout,
      Duration handshakeTimeout, boolean skipTls, TrustEvaluator trust, Executor executor,
      ScheduledExecutorService timer) {
    public Settings {
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(deadline, "deadline");
      Objects.requireNonNull(queryTimeout, "queryTimeout");
      Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
      Objects.requireNonNull(trust, "trust");
      Objects.requireNonNull(executor, "executor");
      Objects.requireNonNull(timer, "timer");
    }
  }

  private final DomainResolver resolver;
  private final CertificateInspector inspector;
  private final Settings s;

  /** A pipeline over these (already decorated) backends. */
  public DomainAudit(DomainResolver resolver, CertificateInspector inspector, Settings settings) {
    this.resolver = resolver;
    this.inspector = inspector;
    this.s = settings;
  }

  /** Validates one domain; the stage always completes normally, by the deadline plus rule time. */
  public CompletableFuture<FederationReport> validate(String input) {
    long start = System.nanoTime();
    String in = input == null ? "" : input;
    DomainNameResult name = DomainNames.normalize(in);
    if (!name.isValid()) {
      Instant now = s.clock().instant();
      List<Finding> findings = List.of(name.problem());
      return CompletableFuture.completedFuture(new FederationReport(in, in.strip(),
          FederationRules.verdict(findings), findings, null,
          List.of(new StepTiming("total", BackendCalls.since(start))), now));
    }
    Run run = new Run(in, name.ascii(), start);
    return run.start().exceptionally(run::brokenReport);
  }

  /** The state of one domain's validation. */
  private final class Run {
    final String input;
    final String ascii;
    final long start;
    final long end;
    final Map<String, Duration> timings = new ConcurrentHashMap<>();

    Run(String input, String ascii, long start) {
      this.input = input;
      this.ascii = ascii;
      this.start = start;
      this.end = start + s.deadline().toNanos();
    }

    CompletableFuture<FederationReport> start() {
      DnsQuery srvQuery = new DnsQuery(DomainObservation.srvName(ascii), RecordType.SRV, share(3, s.queryTimeout()));
      return lookup(srvQuery, "srv")
          .thenComposeAsync(this::examineTargets, s.executor())
          .thenApplyAsync(this::report, s.executor());
    }

    CompletableFuture<DomainObservation> examineTargets(DnsResult srvLookup) {
      List<SrvRecord> all = srvLookup.outcome() == DnsOutcome.ANSWER
          ? SrvOrder.sort(srvLookup.srvRecords()) : List.of();
      List<SrvRecord> examined = all.subList(0, Math.min(all.size(), s.policy().maxSrvTargets()));
      List<CompletableFuture<TargetObservation>> targets = new ArrayList<>();
      for (SrvRecord srv : examined) {
        targets.add(examine(srv));
      }
      return BackendCalls.allOf(targets)
          .thenApply(list -> new DomainObservation(ascii, srvLookup, list, all.size()));
    }

    CompletableFuture<TargetObservation> examine(SrvRecord srv) {
      if (srv.isNotAvailable()) {
        DnsQuery none = new DnsQuery(".", RecordType.A, Duration.ofMillis(1));
        DnsResult notAsked = DnsResult.of(none, DnsOutcome.NO_DATA,
            "not looked up: target \".\" means the service is not available", Duration.ZERO);
        return CompletableFuture.completedFuture(
            new TargetObservation(srv, notAsked, notAttempted(srv, "", "target \".\"")));
      }
      DnsQuery aQuery = new DnsQuery(srv.target(), RecordType.A, share(2, s.queryTimeout()));
      // The connection uses the A answer only; the AAAA records are added for the report.
      return lookup(aQuery, "a:" + srv.target())
          .thenComposeAsync(a -> connect(srv, a).thenCompose(c -> withIpv6IfNoIpv4(srv, a)
              .thenApply(shown -> new TargetObservation(srv, shown, c))), s.executor());
    }

    /**
     * A target without A records is asked for AAAA too, only so the report can say it has IPv6
     * addresses (which Microsoft's edge does not use for federation) rather than "no address". The
     * AAAA records join the A result's records for the report; its outcome stays, and the
     * connection was made (or not) from the A answer alone.
     */
    CompletableFuture<DnsResult> withIpv6IfNoIpv4(SrvRecord srv, DnsResult a) {
      boolean noV4 = a.outcome() == DnsOutcome.NO_DATA
          || (a.outcome() == DnsOutcome.ANSWER && a.addresses().isEmpty());
      if (!noV4) {
        return done(a);
      }
      DnsQuery aaaa = new DnsQuery(srv.target(), RecordType.AAAA, share(2, s.queryTimeout()));
      return lookup(aaaa, "aaaa:" + srv.target()).thenApply(r -> {
        if (r.outcome() != DnsOutcome.ANSWER || r.addresses().isEmpty()) {
          return a;
        }
        List<DnsRecord> merged = new ArrayList<>(a.records());
        r.records().stream().filter(x -> x instanceof AddressRecord).forEach(merged::add);
        String note = "IPv6 only: " + r.addresses().stream().map(InetAddress::getHostAddress).toList();
        return new DnsResult(a.query(), a.outcome(), merged,
            a.detail().isEmpty() ? note : a.detail() + "; " + note, a.elapsed());
      });
    }

    CompletableFuture<CertificateObservation> connect(SrvRecord srv, DnsResult a) {
      List<InetAddress> addresses = a.addresses();
      if (a.cnames().stream().anyMatch(c -> c.name().equals(srv.target()))) {
        LOG.debug("{}: SRV target {} is an alias", ascii, srv.target());
      }
      if (s.skipTls()) {
        return done(notAttempted(srv, first(addresses), "TLS skipped (DNS-only audit)"));
      }
      if (addresses.isEmpty()) {
        return done(notAttempted(srv, "", "no address to connect to"));
      }
      List<InetAddress> allowed = addresses.stream().filter(this::allowed).toList();
      if (allowed.isEmpty()) {
        InetAddress refused = addresses.get(0);
        return done(notAttempted(srv, refused.getHostAddress(), "address guard: not connecting to "
            + refused.getHostAddress() + " (" + AddressClass.of(refused) + ")"));
      }
      InetAddress address = allowed.get(0);
      if (srv.port() == 0) {
        return done(new CertificateObservation(srv.target(), address.getHostAddress(), 0,
            TlsOutcome.CONNECT_FAILED, List.of(), "", "", false, "SRV port 0 cannot be connected to",
            Duration.ZERO));
      }
      String step = "tls:" + srv.target() + ":" + srv.port();
      long t0 = System.nanoTime();
      long remaining = end - t0;
      if (remaining <= 0) {
        timings.put(step, Duration.ZERO);
        return done(new CertificateObservation(srv.target(), address.getHostAddress(), srv.port(),
            TlsOutcome.HANDSHAKE_FAILED, List.of(), "", "", false,
            "deadline of " + s.deadline().toMillis() + " ms reached before the handshake", Duration.ZERO));
      }
      // The inspector gets the deadline minus the grace, so that its own outcome (a connect that
      // timed out is CONNECT_FAILED) arrives before the generic HANDSHAKE_FAILED stand-in below.
      long budget = remaining > 2 * GRACE.toNanos() ? remaining - GRACE.toNanos() : remaining;
      Duration timeout = min(s.handshakeTimeout(), Duration.ofNanos(budget));
      // The SIP OPTIONS probe rides on the same connection and deadline (policy: on by default).
      TlsProbe probe = new TlsProbe(srv.target(), address, srv.port(), timeout,
          s.policy().sipProbe().orElse(null));
      Duration limit = min(timeout.plus(GRACE), Duration.ofNanos(remaining));
      return BackendCalls.inspect(inspector, probe, limit, s.timer())
          .whenComplete((o, t) -> timings.put(step, BackendCalls.since(t0)));
    }

    boolean allowed(InetAddress address) {
      // The same notion as the TARGET_ADDRESS_NOT_PUBLIC rule's, so the report matches what was done.
      return AddressClass.of(address).isConnectable(s.policy().allowPrivateAddresses());
    }

    CompletableFuture<DnsResult> lookup(DnsQuery query, String step) {
      long t0 = System.nanoTime();
      long remaining = end - t0;
      if (remaining <= 0) {
        timings.put(step, Duration.ZERO);
        return done(DnsResult.of(query, DnsOutcome.TIMEOUT,
            "deadline of " + s.deadline().toMillis() + " ms reached before the lookup", Duration.ZERO));
      }
      Duration limit = min(query.timeout().plus(GRACE), Duration.ofNanos(remaining));
      return BackendCalls.resolve(resolver, query, limit, s.timer())
          .whenComplete((r, t) -> timings.put(step, BackendCalls.since(t0)));
    }

    /** A share of the time left: at most {@code cap}, and a 1/parts slice of the remainder. */
    Duration share(int parts, Duration cap) {
      long remaining = Math.max(1_000_000, end - System.nanoTime());
      return min(cap, Duration.ofNanos(Math.max(1_000_000, remaining / parts)));
    }

    FederationReport report(DomainObservation observation) {
      Instant now = s.clock().instant();
      long t0 = System.nanoTime();
      List<Finding> findings = new ArrayList<>(FederationRules.evaluate(observation, s.policy(), now, s.trust()));
      findings.sort(Comparator.comparing(Finding::severity)); // stable: most severe first
      Verdict verdict = FederationRules.verdict(findings);
      List<StepTiming> steps = new ArrayList<>();
      add(steps, "srv");
      for (TargetObservation t : observation.targets()) {
        add(steps, "a:" + t.fqdn());
        add(steps, "tls:" + t.fqdn() + ":" + t.srv().port());
      }
      steps.add(new StepTiming("rules", BackendCalls.since(t0)));
      steps.add(new StepTiming("total", BackendCalls.since(start)));
      return new FederationReport(input, ascii, verdict, findings, observation, steps, now);
    }

    /**
     * The report when the pipeline itself failed (a bug, or a trust evaluator that threw): no
     * honest verdict, so UNKNOWN, and a finding that carries the cause, since an UNKNOWN must
     * always say why.
     */
    FederationReport brokenReport(Throwable t) {
      String cause = BackendCalls.describe(t);
      LOG.warn("validation of {} failed unexpectedly: {}", ascii, cause, t);
      return IncompleteReports.of(input, ascii, cause, BackendCalls.since(start), s.clock().instant());
    }

    private void add(List<StepTiming> steps, String step) {
      Duration d = timings.get(step);
      if (d != null && steps.stream().noneMatch(x -> x.step().equals(step))) {
        steps.add(new StepTiming(step, d));
      }
    }
  }

  private static CertificateObservation notAttempted(SrvRecord srv, String address, String why) {
    return new CertificateObservation(srv.target(), address, srv.port(), TlsOutcome.NOT_ATTEMPTED,
        List.of(), "", "", false, why, Duration.ZERO);
  }

  private static String first(List<InetAddress> addresses) {
    return addresses.isEmpty() ? "" : addresses.get(0).getHostAddress();
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
