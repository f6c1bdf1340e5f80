package io.fedcheck.core;

import io.fedcheck.api.CertificateInspector;
import io.fedcheck.api.CertificateInspectorProvider;
import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.DomainResolver;
import io.fedcheck.api.DomainResolverProvider;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.api.InspectorOptions;
import io.fedcheck.api.Policy;
import io.fedcheck.api.ResolverOptions;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.core.internal.BackendDiscovery;
import io.fedcheck.core.internal.CachingCertificateInspector;
import io.fedcheck.core.internal.CachingDomainResolver;
import io.fedcheck.core.internal.DomainAudit;
import io.fedcheck.core.internal.ResilientCertificateInspector;
import io.fedcheck.core.internal.ResilientDomainResolver;
import io.fedcheck.core.rules.CachingTrustEvaluator;
import io.fedcheck.core.rules.PkixTrustEvaluator;
import io.fedcheck.core.rules.TrustEvaluator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Entry point of {@code sdk-core}: builds the default {@link FederationValidator}.
 *
 * <pre>{@code
 * try (FederationValidator v = FederationValidators.builder().policy(Policy.microsoft365()).build()) {
 *   FederationReport r = v.validateAndWait("example.com");
 * }
 * }</pre>
 */
public final class FederationValidators {
  private FederationValidators() {}

  /** A builder with the defaults: discovered backends, on-premises policy, 10 s per domain. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Configures a {@link FederationValidator}. Backends passed as instances belong to the caller,
   * who closes them after the validator; backends the builder creates (from a provider or by
   * discovery) belong to the validator, which closes them. The same holds for the executor and the
   * scheduler. Not thread-safe; {@link #build()} may be called more than once.
   */
  public static final class Builder {
    private DomainResolver resolver;
    private DomainResolverProvider resolverProvider;
    private String resolverName;
    private ResolverOptions resolverOptions = ResolverOptions.ofDefaults();
    private CertificateInspector inspector;
    private CertificateInspectorProvider inspectorProvider;
    private String inspectorName;
    private InspectorOptions inspectorOptions = InspectorOptions.ofDefaults();
    private Policy policy = Policy.ofDefaults();
    private Clock clock = Clock.systemUTC();
    private Executor executor;
    private ScheduledExecutorService scheduler;
    private Duration deadline = Duration.ofSeconds(10);
    private Duration queryTimeout = Duration.ofSeconds(3);
    private Duration handshakeTimeout = Duration.ofSeconds(5);
    private boolean skipTls;
    private TrustEvaluator trustEvaluator;
    private int concurrency = 16;
    private ResilienceSettings resilience = ResilienceSettings.ofDefaults();
    private CacheSettings cache = CacheSettings.ofDefaults();
    private ClassLoader classLoader;
    private BackendDiscovery discovery;

    private Builder() {}

    /** Uses this DNS backend; the caller owns and closes it. */
    public Builder resolver(DomainResolver value) {
      this.resolver = Objects.requireNonNull(value, "resolver");
      return this;
    }

    /** Builds the DNS backend from this provider; the validator owns and closes it. */
    public Builder resolverProvider(DomainResolverProvider value) {
      this.resolverProvider = Objects.requireNonNull(value, "resolverProvider");
      return this;
    }

    /**
     * Discovers the DNS backend by provider name (such as {@code dnsjava}); beats the {@code
     * fedcheck.resolver} system property. The validator owns and closes it.
     */
    public Builder resolverName(String value) {
      this.resolverName = value;
      return this;
    }

    /**
     * Options for a DNS backend the builder creates (servers, per-attempt timeout, retries). When
     * the validator retries itself ({@link ResilienceSettings#dnsRetries()} &gt; 0) or limits the
     * query rate ({@link ResilienceSettings#dnsQueriesPerSecond()} &gt; 0), the backend is created
     * with 0 retries and the validator makes them instead (the larger of the two counts): every
     * attempt then goes through the validator's rate limiter and circuit breaker, so retries do not
     * multiply and the limit holds for the packets actually sent.
     */
    public Builder resolverOptions(ResolverOptions value) {
      this.resolverOptions = Objects.requireNonNull(value, "resolverOptions");
      return this;
    }

    /** Uses this TLS backend; the caller owns and closes it. */
    public Builder inspector(CertificateInspector value) {
      this.inspector = Objects.requireNonNull(value, "inspector");
      return this;
    }

    /** Builds the TLS backend from this provider; the validator owns and closes it. */
    public Builder inspectorProvider(CertificateInspectorProvider value) {
      this.inspectorProvider = Objects.requireNonNull(value, "inspectorProvider");
      return this;
    }

    /** Discovers the TLS backend by provider name (such as {@code jsse}); beats {@code fedcheck.inspector}. */
    public Builder inspectorName(String value) {
      this.inspectorName = value;
      return this;
    }

    /** Options for a TLS backend the builder creates. */
    public Builder inspectorOptions(InspectorOptions value) {
      this.inspectorOptions = Objects.requireNonNull(value, "inspectorOptions");
      return this;
    }

    /** The class loader whose {@link java.util.ServiceLoader} finds backends (default: this class's). */
    public Builder classLoader(ClassLoader value) {
      this.classLoader = Objects.requireNonNull(value, "classLoader");
      return this;
    }

    /** The policy the rules apply (default {@link Policy#onPremises()}). */
    public Builder policy(Policy value) {
      this.policy = Objects.requireNonNull(value, "policy");
      return this;
    }

    /** The clock certificates are judged against and reports are stamped with. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Runs continuations (rules, next steps) and bulk deliveries; the caller owns it. Default: a
     * small pool of daemon threads owned by the validator.
     */
    public Builder executor(Executor value) {
      this.executor = Objects.requireNonNull(value, "executor");
      return this;
    }

    /**
     * Runs deadline timers, retry backoffs and rate-limit waits (short tasks only); the caller owns
     * it. Default: one daemon thread owned by the validator.
     */
    public Builder scheduler(ScheduledExecutorService value) {
      this.scheduler = Objects.requireNonNull(value, "scheduler");
      return this;
    }

    /** The wall-clock budget for one domain, every step included (default 10 s). */
    public Builder deadline(Duration value) {
      this.deadline = positive(value, "deadline");
      return this;
    }

    /** The most one DNS lookup may take, retries included (default 3 s, within the deadline). */
    public Builder queryTimeout(Duration value) {
      this.queryTimeout = positive(value, "queryTimeout");
      return this;
    }

    /** The most one TLS connect plus handshake may take (default 5 s, within the deadline). */
    public Builder handshakeTimeout(Duration value) {
      this.handshakeTimeout = positive(value, "handshakeTimeout");
      return this;
    }

    /** DNS-only audits: never connect; no TLS backend is needed. */
    public Builder skipTls(boolean value) {
      this.skipTls = value;
      return this;
    }

    /** Overrides how presented chains are path-validated. */
    public Builder trustEvaluator(TrustEvaluator value) {
      this.trustEvaluator = Objects.requireNonNull(value, "trustEvaluator");
      return this;
    }

    /** The default number of domains validated at once in a bulk audit (default 16). */
    public Builder concurrency(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("concurrency must be at least 1");
      }
      this.concurrency = value;
      return this;
    }

    /** Rate limit, handshake caps, retries and circuit breaker (default {@link ResilienceSettings#ofDefaults()}). */
    public Builder resilience(ResilienceSettings value) {
      this.resilience = Objects.requireNonNull(value, "resilience");
      return this;
    }

    /** DNS and TLS caching (default {@link CacheSettings#ofDefaults()}). */
    public Builder cache(CacheSettings value) {
      this.cache = Objects.requireNonNull(value, "cache");
      return this;
    }

    /** Replaces backend discovery (tests). */
    Builder discovery(BackendDiscovery value) {
      this.discovery = value;
      return this;
    }

    /**
     * Builds the validator.
     *
     * @throws BackendNotFoundException when a backend must be discovered and none fits
     */
    public FederationValidator build() {
      List<AutoCloseable> owned = new ArrayList<>();
      try {
        ScheduledExecutorService timer = scheduler;
        if (timer == null) {
          ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemon("fedcheck-timer"));
          t.setRemoveOnCancelPolicy(true); // deadline timers are mostly cancelled; do not keep them
          timer = t;
          owned.add(t::shutdownNow);
        }
        Executor work = executor;
        if (work == null) {
          ExecutorService pool = Executors.newFixedThreadPool(
              Math.max(2, Runtime.getRuntime().availableProcessors()), daemon("fedcheck-worker"));
          work = pool;
          owned.add(pool::shutdownNow);
        }
        BackendDiscovery found = discovery != null ? discovery
            : BackendDiscovery.ofSystem(classLoader != null ? classLoader : FederationValidators.class.getClassLoader());

        DomainResolver dns = resolver;
        if (dns == null) {
          DomainResolverProvider p = resolverProvider != null ? resolverProvider : found.resolverProvider(resolverName);
          dns = p.create(backendOptions(resolverOptions, resilience));
          owned.add(dns);
        }
        CertificateInspector tls = inspector;
        if (tls == null && skipTls) {
          tls = probe -> CompletableFuture.completedFuture(CertificateObservation.failed(
              probe, TlsOutcome.NOT_ATTEMPTED, "TLS skipped", Duration.ZERO));
        } else if (tls == null) {
          CertificateInspectorProvider p = inspectorProvider != null ? inspectorProvider
              : found.inspectorProvider(inspectorName);
          tls = p.create(inspectorOptions);
          owned.add(tls);
        }

        // Retries the created backend would have made are made here instead, through the limiter.
        ResilienceSettings effective = resilience;
        if (dns != resolver && validatorOwnsRetries(resilience)
            && resolverOptions.retries() > resilience.dnsRetries()) {
          effective = resilience.toBuilder().dnsRetries(resolverOptions.retries()).build();
        }
        // Cache outside, resilience inside: a cached answer costs no rate-limit permit, and one
        // coalesced lookup is one call through the breaker.
        DomainResolver stackedDns = new CachingDomainResolver(new ResilientDomainResolver(dns, effective, timer), cache);
        CertificateInspector stackedTls =
            new CachingCertificateInspector(new ResilientCertificateInspector(tls, resilience, timer), cache);

        // Path validation is the costly part of the rules and a bulk audit meets the same few
        // chains again and again: cache the decision per chain.
        TrustEvaluator trust = trustEvaluator != null ? trustEvaluator
            : CachingTrustEvaluator.of(PkixTrustEvaluator.forPolicy(policy));
        DomainAudit audit = new DomainAudit(stackedDns, stackedTls, new DomainAudit.Settings(policy, clock,
            deadline, queryTimeout, handshakeTimeout, skipTls, trust, work, timer));
        long recentReports = cache.enabled() ? cache.maxRecentReports() : 0;
        return new DefaultFederationValidator(audit, work, concurrency, recentReports, owned);
      } catch (RuntimeException e) {
        for (int i = owned.size() - 1; i >= 0; i--) {
          try {
            owned.get(i).close();
          } catch (Exception suppressed) {
            e.addSuppressed(suppressed);
          }
        }
        throw e;
      }
    }

    /**
     * The options a created DNS backend gets: its own retries are off when the validator retries
     * or rate-limits, since a backend retry sits below the limiter and would send several packets
     * per permit (and retries at two layers multiply).
     */
    static ResolverOptions backendOptions(ResolverOptions options, ResilienceSettings resilience) {
      return validatorOwnsRetries(resilience) && options.retries() > 0 ? options.withRetries(0) : options;
    }

    private static boolean validatorOwnsRetries(ResilienceSettings resilience) {
      return resilience.dnsRetries() > 0 || resilience.dnsQueriesPerSecond() > 0;
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive: " + d);
      }
      return d;
    }

    private static ThreadFactory daemon(String prefix) {
      AtomicInteger n = new AtomicInteger();
      return r -> {
        Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
    }
  }
}
