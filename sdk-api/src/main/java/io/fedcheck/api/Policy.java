package io.fedcheck.api;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a peer domain must satisfy: which edge profile, which trust anchors, which hosting providers
 * are exempt from the exact-domain rule, and how strict some rules are. Immutable and thread-safe.
 *
 * <p>Start from a preset, {@link #onPremises()} or {@link #microsoft365()}, and adjust it with
 * {@link #toBuilder()}.
 */
public final class Policy {
  /** The SRV owner prefix a Microsoft edge looks up. */
  public static final String SRV_PREFIX = "_sipfederationtls._tcp.";

  /** The port Microsoft edges expect for federation. */
  public static final int FEDERATION_PORT = 5061;

  private final Profile profile;
  private final Set<String> hostingProviders;
  private final Duration expiringSoonWindow;
  private final boolean requireClientAuthEku;
  private final boolean allowPrivateAddresses;
  private final List<X509Certificate> extraTrustAnchors;
  private final boolean publicRoots;
  private final int maxSrvTargets;
  private final int minimumRsaBits;
  private final int minimumEcBits;
  private final SipProbe sipProbe;

  private Policy(Builder b) {
    this.profile = b.profile;
    this.hostingProviders = Set.copyOf(b.hostingProviders);
    this.expiringSoonWindow = b.expiringSoonWindow;
    this.requireClientAuthEku = b.requireClientAuthEku;
    this.allowPrivateAddresses = b.allowPrivateAddresses;
    this.extraTrustAnchors = List.copyOf(b.extraTrustAnchors);
    this.publicRoots = b.publicRoots;
    this.maxSrvTargets = b.maxSrvTargets;
    this.minimumRsaBits = b.minimumRsaBits;
    this.minimumEcBits = b.minimumEcBits;
    this.sipProbe = b.sipProbe;
  }

  /**
   * An on-premises edge: private roots acceptable, clientAuth EKU only a warning.
   *
   * @return the on-premises preset
   */
  public static Policy onPremises() {
    return builder().build();
  }

  /**
   * Microsoft 365 / Teams: a public CA is mandatory.
   *
   * @return the Microsoft 365 preset
   */
  public static Policy microsoft365() {
    return builder().profile(Profile.MICROSOFT_365).build();
  }

  /**
   * The default policy, {@link #onPremises()}.
   *
   * @return the on-premises preset
   */
  public static Policy ofDefaults() {
    return onPremises();
  }

  /**
   * A builder with the on-premises defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder initialised from this policy.
   *
   * @return a new builder holding this policy's settings
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.profile = profile;
    b.hostingProviders = new LinkedHashSet<>(hostingProviders);
    b.expiringSoonWindow = expiringSoonWindow;
    b.requireClientAuthEku = requireClientAuthEku;
    b.allowPrivateAddresses = allowPrivateAddresses;
    b.extraTrustAnchors = new java.util.ArrayList<>(extraTrustAnchors);
    b.publicRoots = publicRoots;
    b.sipProbe = sipProbe;
    b.maxSrvTargets = maxSrvTargets;
    b.minimumRsaBits = minimumRsaBits;
    b.minimumEcBits = minimumEcBits;
    return b;
  }

  /**
   * The edge profile.
   *
   * @return the kind of Microsoft edge the peer must satisfy
   */
  public Profile profile() {
    return profile;
  }

  /**
   * Whether the chain must lead to a public root (the Microsoft 365 profile).
   *
   * @return {@code true} for {@link Profile#MICROSOFT_365}
   */
  public boolean requiresPublicCa() {
    return profile == Profile.MICROSOFT_365;
  }

  /**
   * SRV targets exempt from the exact-domain rule (lower-case FQDNs).
   *
   * @return the hosting-provider FQDNs, unmodifiable
   */
  public Set<String> hostingProviders() {
    return hostingProviders;
  }

  /**
   * How close to expiry a certificate draws {@link RuleId#CERT_EXPIRING_SOON}.
   *
   * @return the warning window before a certificate's expiry
   */
  public Duration expiringSoonWindow() {
    return expiringSoonWindow;
  }

  /**
   * Whether a certificate without the clientAuth EKU is an error rather than a warning.
   *
   * @return {@code true} when a missing clientAuth EKU is an error
   */
  public boolean requireClientAuthEku() {
    return requireClientAuthEku;
  }

  /**
   * Whether loopback, private and link-local targets may be connected to (labs, tests).
   *
   * @return {@code true} when non-public target addresses may be connected to
   */
  public boolean allowPrivateAddresses() {
    return allowPrivateAddresses;
  }

  /**
   * Trust anchors the caller added (private roots imported into the edge).
   *
   * @return the extra trust anchors, unmodifiable (empty when none)
   */
  public List<X509Certificate> extraTrustAnchors() {
    return extraTrustAnchors;
  }

  /**
   * The SIP {@code OPTIONS} probe sent after each completed handshake ({@link SipProbe#ofDefaults()}
   * unless changed), if it is on.
   *
   * @return the SIP probe, or empty when no {@code OPTIONS} is sent
   */
  public Optional<SipProbe> sipProbe() {
    return Optional.ofNullable(sipProbe);
  }

  /**
   * Whether the JDK's public roots are trusted too.
   *
   * @return {@code true} when the JDK's public roots are trusted besides the extra anchors
   */
  public boolean publicRoots() {
    return publicRoots;
  }

  /**
   * The most SRV targets examined for one domain; the rest are reported, not probed.
   *
   * @return the cap on SRV targets examined per domain, at least 1
   */
  public int maxSrvTargets() {
    return maxSrvTargets;
  }

  /**
   * The smallest acceptable RSA key.
   *
   * @return the smallest RSA key size, in bits, that draws no {@link RuleId#CERT_WEAK_KEY}
   */
  public int minimumRsaBits() {
    return minimumRsaBits;
  }

  /**
   * The smallest acceptable EC key.
   *
   * @return the smallest EC key size, in bits, that draws no {@link RuleId#CERT_WEAK_KEY}
   */
  public int minimumEcBits() {
    return minimumEcBits;
  }

  @Override
  public String toString() {
    return "Policy{profile=" + profile + ", hostingProviders=" + hostingProviders
        + ", expiringSoonWindow=" + expiringSoonWindow + ", requireClientAuthEku="
        + requireClientAuthEku + ", allowPrivateAddresses=" + allowPrivateAddresses
        + ", extraTrustAnchors=" + extraTrustAnchors.size() + ", publicRoots=" + publicRoots
        + ", maxSrvTargets=" + maxSrvTargets + ", sipProbe=" + sipProbe + "}";
  }

  /** Builds a {@link Policy}. Not thread-safe. */
  public static final class Builder {
    private Profile profile = Profile.ON_PREMISES;
    private Set<String> hostingProviders = new LinkedHashSet<>(Set.of("sipfed.online.lync.com"));
    private Duration expiringSoonWindow = Duration.ofDays(30);
    private boolean requireClientAuthEku;
    private boolean allowPrivateAddresses;
    private List<X509Certificate> extraTrustAnchors = new java.util.ArrayList<>();
    private boolean publicRoots = true;
    private int maxSrvTargets = 16;
    private int minimumRsaBits = 2048;
    private int minimumEcBits = 256;
    private SipProbe sipProbe = SipProbe.ofDefaults();

    private Builder() {}

    /**
     * The SIP {@code OPTIONS} probe to send after each completed handshake, or {@code null} to
     * send none (default {@link SipProbe#ofDefaults()}: on, From {@link SipProbe#DEFAULT_FROM_DOMAIN}).
     *
     * @param value the probe, or {@code null} for none
     * @return this builder
     */
    public Builder sipProbe(SipProbe value) {
      this.sipProbe = value;
      return this;
    }

    /**
     * The edge profile (default {@link Profile#ON_PREMISES}).
     *
     * @param value the edge profile
     * @return this builder
     */
    public Builder profile(Profile value) {
      this.profile = Objects.requireNonNull(value, "profile");
      return this;
    }

    /**
     * Replaces the hosting-provider list.
     *
     * @param fqdns the SRV targets exempt from the exact-domain rule; stored lower-case, without trailing dot
     * @return this builder
     */
    public Builder hostingProviders(Set<String> fqdns) {
      LinkedHashSet<String> s = new LinkedHashSet<>();
      for (String f : fqdns) {
        s.add(DnsNames.canonical(f, "hosting provider"));
      }
      this.hostingProviders = s;
      return this;
    }

    /**
     * How close to expiry draws {@link RuleId#CERT_EXPIRING_SOON} (default 30 days).
     *
     * @param value the warning window, not negative
     * @return this builder
     * @throws IllegalArgumentException when {@code value} is negative
     */
    public Builder expiringSoonWindow(Duration value) {
      Objects.requireNonNull(value, "expiringSoonWindow");
      if (value.isNegative()) {
        throw new IllegalArgumentException("expiringSoonWindow must not be negative");
      }
      this.expiringSoonWindow = value;
      return this;
    }

    /**
     * Whether a missing clientAuth EKU is an error rather than a warning (default false).
     *
     * @param value {@code true} to make it an error
     * @return this builder
     */
    public Builder requireClientAuthEku(boolean value) {
      this.requireClientAuthEku = value;
      return this;
    }

    /**
     * Whether loopback, private, link-local, CGNAT and unique-local targets may be connected to
     * (default false; labs and tests opt in). Metadata, multicast and unspecified addresses are
     * never connected to.
     *
     * @param value {@code true} to allow non-public target addresses
     * @return this builder
     */
    public Builder allowPrivateAddresses(boolean value) {
      this.allowPrivateAddresses = value;
      return this;
    }

    /**
     * Replaces the extra trust anchors.
     *
     * @param anchors the private roots the edge trusts (copied)
     * @return this builder
     */
    public Builder extraTrustAnchors(List<X509Certificate> anchors) {
      this.extraTrustAnchors = new java.util.ArrayList<>(anchors);
      return this;
    }

    /**
     * Adds one extra trust anchor.
     *
     * @param anchor a private root the edge trusts
     * @return this builder
     */
    public Builder addTrustAnchor(X509Certificate anchor) {
      this.extraTrustAnchors.add(Objects.requireNonNull(anchor, "anchor"));
      return this;
    }

    /**
     * Whether the JDK's public roots are trusted besides the extra anchors (default true).
     *
     * @param value {@code false} to trust only the extra anchors
     * @return this builder
     */
    public Builder publicRoots(boolean value) {
      this.publicRoots = value;
      return this;
    }

    /**
     * The most SRV targets examined per domain (default 16); the rest are reported, not probed.
     *
     * @param value the cap, at least 1
     * @return this builder
     * @throws IllegalArgumentException when {@code value} is less than 1
     */
    public Builder maxSrvTargets(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxSrvTargets must be at least 1");
      }
      this.maxSrvTargets = value;
      return this;
    }

    /**
     * The smallest RSA key without {@link RuleId#CERT_WEAK_KEY} (default 2048).
     *
     * @param value the key size in bits
     * @return this builder
     */
    public Builder minimumRsaBits(int value) {
      this.minimumRsaBits = value;
      return this;
    }

    /**
     * The smallest EC key without {@link RuleId#CERT_WEAK_KEY} (default 256).
     *
     * @param value the key size in bits
     * @return this builder
     */
    public Builder minimumEcBits(int value) {
      this.minimumEcBits = value;
      return this;
    }

    /**
     * The policy.
     *
     * @return a new immutable policy with this builder's settings
     */
    public Policy build() {
      return new Policy(this);
    }
  }

}
