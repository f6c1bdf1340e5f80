package io.fedcheck.api;

import java.util.Objects;

/**
 * Asks an inspector to send one SIP {@code OPTIONS} request on the TLS connection once the
 * handshake completes, and to read the answer within the same deadline.
 *
 * @param fromDomain the domain of the request's {@code From} identity (a host name, lower-cased)
 * @param userAgent the {@code User-Agent} header value, such as {@code fedcheck/0.1.0}
 */
public record SipProbe(String fromDomain, String userAgent) {
  /** The {@code From} domain used when none is configured: reserved, so it names nobody. */
  public static final String DEFAULT_FROM_DOMAIN = "fedcheck.invalid";

  /** The {@code User-Agent} sent when none is configured: {@code fedcheck/<version of this SDK>}. */
  public static final String DEFAULT_USER_AGENT = "fedcheck/" + sdkVersion();

  /**
   * Checks the probe and lower-cases the {@code From} domain.
   *
   * @param fromDomain the domain of the request's {@code From} identity, a host name
   * @param userAgent the {@code User-Agent} header value, printable ASCII
   * @throws IllegalArgumentException when {@code fromDomain} is not a host name or {@code userAgent}
   *     is blank or not printable ASCII
   */
  public SipProbe {
    fromDomain = DnsNames.canonical(fromDomain, "fromDomain");
    // It goes into From, Call-ID and Contact: a host name only, so nothing can be injected there.
    if (!fromDomain.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
      throw new IllegalArgumentException("fromDomain must be a host name: " + fromDomain);
    }
    Objects.requireNonNull(userAgent, "userAgent");
    if (userAgent.isBlank() || userAgent.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
      throw new IllegalArgumentException("userAgent must be printable ASCII: " + userAgent);
    }
  }

  /**
   * The probe fedcheck sends by default: From {@link #DEFAULT_FROM_DOMAIN}, {@link #DEFAULT_USER_AGENT}.
   *
   * @return the default SIP probe
   */
  public static SipProbe ofDefaults() {
    return new SipProbe(DEFAULT_FROM_DOMAIN, DEFAULT_USER_AGENT);
  }

  /**
   * The same probe with another {@code From} domain.
   *
   * @param value the domain of the {@code From} identity, a host name
   * @return a copy with that domain
   */
  public SipProbe withFromDomain(String value) {
    return new SipProbe(value, userAgent);
  }

  private static String sdkVersion() {
    try (java.io.InputStream in = SipProbe.class.getResourceAsStream("sdk-version.properties")) {
      if (in == null) {
        return "dev";
      }
      java.util.Properties p = new java.util.Properties();
      p.load(in);
      String v = p.getProperty("version", "dev");
      return v.startsWith("${") ? "dev" : v;
    } catch (java.io.IOException e) {
      return "dev";
    }
  }
}
