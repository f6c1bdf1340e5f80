package io.fedcheck.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How the validator caches DNS answers and TLS observations, so that a bulk audit does shared work
 * (a hosting provider's SRV target, its certificate) once. Concurrent requests for the same key are
 * always coalesced into one lookup or handshake, even when caching is off. Immutable.
 *
 * <p>DNS answers live for their record TTL clamped to [{@link #minTtl()}, {@link #maxTtl()}];
 * NXDOMAIN / no-data answers for {@link #negativeTtl()} (clamped the same way); timeouts and server
 * failures are never cached. Completed handshakes live for {@link #tlsTtl()}; failed ones are never
 * cached.
 *
 * <p>A bulk audit reports a domain that appears more than once (in any spelling that normalizes to
 * the same name) from one validation: duplicates are always coalesced while the first is in flight,
 * and the last {@link #maxRecentReports()} finished reports are kept so that a later duplicate is
 * answered without being checked again, with its own input text. A duplicate further apart than
 * that is checked again: the trade-off that keeps memory bounded for audits of millions of domains
 * (a kept report holds its observation, certificates included).
 */
public final class CacheSettings {
  private final boolean enabled;
  private final long maxDnsEntries;
  private final long maxTlsEntries;
  private final long maxRecentReports;
  private final Duration minTtl;
  private final Duration maxTtl;
  private final Duration negativeTtl;
  private final Duration tlsTtl;

  private CacheSettings(Builder b) {
    this.enabled = b.enabled;
    this.maxDnsEntries = b.maxDnsEntries;
    this.maxTlsEntries = b.maxTlsEntries;
    this.maxRecentReports = b.maxRecentReports;
    this.minTtl = b.minTtl;
    this.maxTtl = b.maxTtl;
    this.negativeTtl = b.negativeTtl;
    this.tlsTtl = b.tlsTtl;
    if (minTtl.compareTo(maxTtl) > 0) {
      throw new IllegalArgumentException("minTtl must not exceed maxTtl");
    }
  }

  /**
   * 10 000 DNS answers, 1 000 observations, 10 000 recent bulk reports, TTLs clamped to [5 s, 1 h],
   * negative 60 s, TLS 10 min.
   */
  public static CacheSettings ofDefaults() {
    return builder().build();
  }

  /**
   * No caching across validations (no recent bulk reports either); concurrent identical requests
   * and duplicates in flight are still coalesced.
   */
  public static CacheSettings disabled() {
    return builder().enabled(false).build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder initialised from these settings. */
  public Builder toBuilder() {
    return new Builder().enabled(enabled).maxDnsEntries(maxDnsEntries).maxTlsEntries(maxTlsEntries)
        .maxRecentReports(maxRecentReports)
        .minTtl(minTtl).maxTtl(maxTtl).negativeTtl(negativeTtl).tlsTtl(tlsTtl);
  }

  /** Whether results are kept after they complete. */
  public boolean enabled() {
    return enabled;
  }

  /** The most DNS answers kept. */
  public long maxDnsEntries() {
    return maxDnsEntries;
  }

  /** The most TLS observations kept. */
  public long maxTlsEntries() {
    return maxTlsEntries;
  }

  /**
   * How many finished reports a bulk audit keeps so that a repeated domain is not checked again (0:
   * duplicates are only coalesced while in flight). Not used when caching is off.
   */
  public long maxRecentReports() {
    return maxRecentReports;
  }

  /** The shortest time an answer is kept, whatever its TTL. */
  public Duration minTtl() {
    return minTtl;
  }

  /** The longest time an answer is kept, whatever its TTL. */
  public Duration maxTtl() {
    return maxTtl;
  }

  /** How long NXDOMAIN and no-data answers are kept (before clamping). */
  public Duration negativeTtl() {
    return negativeTtl;
  }

  /** How long a completed handshake's observation is kept. */
  public Duration tlsTtl() {
    return tlsTtl;
  }

  /** Builds {@link CacheSettings}. Not thread-safe. */
  public static final class Builder {
    private boolean enabled = true;
    private long maxDnsEntries = 10_000;
    private long maxTlsEntries = 1_000;
    private long maxRecentReports = 10_000;
    private Duration minTtl = Duration.ofSeconds(5);
    private Duration maxTtl = Duration.ofHours(1);
    private Duration negativeTtl = Duration.ofSeconds(60);
    private Duration tlsTtl = Duration.ofMinutes(10);

    private Builder() {}

    /** Whether answers and handshakes are cached and shared at all (default true). */
    public Builder enabled(boolean value) {
      this.enabled = value;
      return this;
    }

    /** The most DNS answers kept (default 10,000). */
    public Builder maxDnsEntries(long value) {
      this.maxDnsEntries = positive(value, "maxDnsEntries");
      return this;
    }

    /** The most certificate observations kept (default 1,000). */
    public Builder maxTlsEntries(long value) {
      this.maxTlsEntries = positive(value, "maxTlsEntries");
      return this;
    }

    /** Finished reports kept per bulk audit for repeated domains (0 or more, default 10 000). */
    public Builder maxRecentReports(long value) {
      if (value < 0) {
        throw new IllegalArgumentException("maxRecentReports must not be negative");
      }
      this.maxRecentReports = value;
      return this;
    }

    /** The shortest a DNS answer is kept, whatever its TTL (default 5 s). */
    public Builder minTtl(Duration value) {
      this.minTtl = nonNegative(value, "minTtl");
      return this;
    }

    /** The longest a DNS answer is kept, whatever its TTL (default 1 h). */
    public Builder maxTtl(Duration value) {
      this.maxTtl = nonNegative(value, "maxTtl");
      return this;
    }

    /** How long NXDOMAIN and no-data answers are kept (default 60 s). */
    public Builder negativeTtl(Duration value) {
      this.negativeTtl = nonNegative(value, "negativeTtl");
      return this;
    }

    /** How long a completed handshake's observation is kept (default 10 min). */
    public Builder tlsTtl(Duration value) {
      this.tlsTtl = nonNegative(value, "tlsTtl");
      return this;
    }

    /** The settings. */
    public CacheSettings build() {
      return new CacheSettings(this);
    }

    private static long positive(long v, String what) {
      if (v < 1) {
        throw new IllegalArgumentException(what + " must be at least 1");
      }
      return v;
    }

    private static Duration nonNegative(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative()) {
        throw new IllegalArgumentException(what + " must not be negative");
      }
      return d;
    }
  }
}
