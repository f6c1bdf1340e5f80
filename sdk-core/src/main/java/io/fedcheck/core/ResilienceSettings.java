package io.fedcheck.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How the validator protects the DNS servers, the probed hosts and itself during large audits: a
 * rate limit on DNS queries, a cap on concurrent TLS handshakes (overall and per address), retries
 * for timeouts (at once: the attempt already waited) and SERVFAIL (after exponential backoff with
 * jitter) only, and a circuit breaker that
 * turns a dead resolver into quick {@code TIMEOUT} outcomes ("circuit open"). Immutable.
 */
public final class ResilienceSettings {
  private final int dnsQueriesPerSecond;
  private final int maxConcurrentHandshakes;
  private final int maxConnectionsPerAddress;
  private final int dnsRetries;
  private final Duration retryInitialBackoff;
  private final double retryMultiplier;
  private final double retryJitter;
  private final boolean circuitBreaker;
  private final float circuitFailureRatePercent;
  private final int circuitMinimumCalls;
  private final int circuitWindowSize;
  private final Duration circuitOpenDuration;

  private ResilienceSettings(Builder b) {
    this.dnsQueriesPerSecond = b.dnsQueriesPerSecond;
    this.maxConcurrentHandshakes = b.maxConcurrentHandshakes;
    this.maxConnectionsPerAddress = b.maxConnectionsPerAddress;
    this.dnsRetries = b.dnsRetries;
    this.retryInitialBackoff = b.retryInitialBackoff;
    this.retryMultiplier = b.retryMultiplier;
    this.retryJitter = b.retryJitter;
    this.circuitBreaker = b.circuitBreaker;
    this.circuitFailureRatePercent = b.circuitFailureRatePercent;
    this.circuitMinimumCalls = b.circuitMinimumCalls;
    this.circuitWindowSize = Math.max(b.circuitWindowSize, b.circuitMinimumCalls);
    this.circuitOpenDuration = b.circuitOpenDuration;
  }

  /**
   * No DNS rate limit, 32 handshakes at once and 4 per address, 2 retries from 100 ms (x2, ±50 %),
   * a circuit breaker opening at 50 % uncontradicted timeouts over the last 20 queries (at least 10)
   * for 5 s.
   */
  public static ResilienceSettings ofDefaults() {
    return builder().build();
  }

  /** No rate limit, no retries, no circuit breaker; handshake caps stay (64 overall, 64 per address). */
  public static ResilienceSettings minimal() {
    return builder().dnsRetries(0).circuitBreaker(false).maxConcurrentHandshakes(64)
        .maxConnectionsPerAddress(64).build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder initialised from these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.dnsQueriesPerSecond = dnsQueriesPerSecond;
    b.maxConcurrentHandshakes = maxConcurrentHandshakes;
    b.maxConnectionsPerAddress = maxConnectionsPerAddress;
    b.dnsRetries = dnsRetries;
    b.retryInitialBackoff = retryInitialBackoff;
    b.retryMultiplier = retryMultiplier;
    b.retryJitter = retryJitter;
    b.circuitBreaker = circuitBreaker;
    b.circuitFailureRatePercent = circuitFailureRatePercent;
    b.circuitMinimumCalls = circuitMinimumCalls;
    b.circuitWindowSize = circuitWindowSize;
    b.circuitOpenDuration = circuitOpenDuration;
    return b;
  }

  /**
   * DNS queries per second sent to the resolver; 0 means unlimited. Every attempt (retries
   * included) takes a permit, and an answer carrying a CNAME chain is charged one more permit per
   * alias, since the backend may have followed each with a query of its own. A DNS backend the
   * validator creates gets no retries of its own while this or {@link #dnsRetries()} is set, so the
   * limit holds for packets sent; a truncated UDP answer asked again over TCP counts as one query,
   * and a backend passed as an instance keeps whatever retries it was built with.
   */
  public int dnsQueriesPerSecond() {
    return dnsQueriesPerSecond;
  }

  /** The most TLS handshakes in flight at once. */
  public int maxConcurrentHandshakes() {
    return maxConcurrentHandshakes;
  }

  /** The most TLS handshakes in flight to one address. */
  public int maxConnectionsPerAddress() {
    return maxConnectionsPerAddress;
  }

  /**
   * How many times a query that timed out or got SERVFAIL is repeated. A DNS backend the validator
   * creates from {@code ResolverOptions} retries nothing itself; if its options asked for more
   * retries than this, the validator makes that many instead.
   */
  public int dnsRetries() {
    return dnsRetries;
  }

  /** The wait before the first retry. */
  public Duration retryInitialBackoff() {
    return retryInitialBackoff;
  }

  /** The factor applied to the wait for each further retry. */
  public double retryMultiplier() {
    return retryMultiplier;
  }

  /** The random spread of each wait, 0 (none) to 1 (±100 %). */
  public double retryJitter() {
    return retryJitter;
  }

  /** Whether the circuit breaker on the resolver is on. */
  public boolean circuitBreaker() {
    return circuitBreaker;
  }

  /**
   * The share of failed queries, in percent, that opens the circuit. A timeout or broken answer
   * counts only when the resolver replied to nothing else while it waited (a dead resolver), not
   * when other questions got replies (a dead zone), so a run of dead tenant domains in a bulk
   * audit does not open it.
   */
  public float circuitFailureRatePercent() {
    return circuitFailureRatePercent;
  }

  /** The fewest queries recorded before the failure rate counts. */
  public int circuitMinimumCalls() {
    return circuitMinimumCalls;
  }

  /** How many recent queries the failure rate is computed over. */
  public int circuitWindowSize() {
    return circuitWindowSize;
  }

  /**
   * How long an open circuit cuts retries short before letting trial queries through. A query's
   * first attempt always goes out, open or not, so one broken zone never answers for another.
   */
  public Duration circuitOpenDuration() {
    return circuitOpenDuration;
  }

  /** Builds {@link ResilienceSettings}. Not thread-safe. */
  public static final class Builder {
    private int dnsQueriesPerSecond;
    private int maxConcurrentHandshakes = 32;
    private int maxConnectionsPerAddress = 4;
    private int dnsRetries = 2;
    private Duration retryInitialBackoff = Duration.ofMillis(100);
    private double retryMultiplier = 2.0;
    private double retryJitter = 0.5;
    private boolean circuitBreaker = true;
    private float circuitFailureRatePercent = 50f;
    private int circuitMinimumCalls = 10;
    private int circuitWindowSize = 20;
    private Duration circuitOpenDuration = Duration.ofSeconds(5);

    private Builder() {}

    /** DNS queries per second; 0 turns the limit off. */
    public Builder dnsQueriesPerSecond(int value) {
      this.dnsQueriesPerSecond = atLeast(value, 0, "dnsQueriesPerSecond");
      return this;
    }

    /** The most TLS handshakes in flight at once (default 32). */
    public Builder maxConcurrentHandshakes(int value) {
      this.maxConcurrentHandshakes = atLeast(value, 1, "maxConcurrentHandshakes");
      return this;
    }

    /** The most handshakes in flight to one address, like zgrab2's connections-per-host (default 4). */
    public Builder maxConnectionsPerAddress(int value) {
      this.maxConnectionsPerAddress = atLeast(value, 1, "maxConnectionsPerAddress");
      return this;
    }

    /** How many times a timed-out or SERVFAIL lookup is repeated (default 2); never NXDOMAIN. */
    public Builder dnsRetries(int value) {
      this.dnsRetries = atLeast(value, 0, "dnsRetries");
      return this;
    }

    /** The wait before the first SERVFAIL retry (default 100 ms). */
    public Builder retryInitialBackoff(Duration value) {
      Objects.requireNonNull(value, "retryInitialBackoff");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("retryInitialBackoff must be positive");
      }
      this.retryInitialBackoff = value;
      return this;
    }

    /** How much each further backoff grows (default 2). */
    public Builder retryMultiplier(double value) {
      if (!(value >= 1.0)) {
        throw new IllegalArgumentException("retryMultiplier must be at least 1");
      }
      this.retryMultiplier = value;
      return this;
    }

    /** The random spread of each backoff, 0..1 (default 0.5). */
    public Builder retryJitter(double value) {
      if (!(value >= 0 && value < 1)) {
        throw new IllegalArgumentException("retryJitter must be in [0, 1)");
      }
      this.retryJitter = value;
      return this;
    }

    /** Whether a dead resolver opens a circuit (default true). */
    public Builder circuitBreaker(boolean value) {
      this.circuitBreaker = value;
      return this;
    }

    /** The failure rate that opens the circuit (default 50 %). */
    public Builder circuitFailureRatePercent(float value) {
      if (!(value > 0 && value <= 100)) {
        throw new IllegalArgumentException("circuitFailureRatePercent must be in (0, 100]");
      }
      this.circuitFailureRatePercent = value;
      return this;
    }

    /** The calls needed before the failure rate counts (default 10). */
    public Builder circuitMinimumCalls(int value) {
      this.circuitMinimumCalls = atLeast(value, 1, "circuitMinimumCalls");
      return this;
    }

    /** How many recent calls the failure rate is taken over (default 20). */
    public Builder circuitWindowSize(int value) {
      this.circuitWindowSize = atLeast(value, 1, "circuitWindowSize");
      return this;
    }

    /** How long an open circuit answers at once before trial queries (default 30 s). */
    public Builder circuitOpenDuration(Duration value) {
      Objects.requireNonNull(value, "circuitOpenDuration");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("circuitOpenDuration must be positive");
      }
      this.circuitOpenDuration = value;
      return this;
    }

    /** The settings. */
    public ResilienceSettings build() {
      return new ResilienceSettings(this);
    }

    private static int atLeast(int v, int min, String what) {
      if (v < min) {
        throw new IllegalArgumentException(what + " must be at least " + min + ": " + v);
      }
      return v;
    }
  }
}
