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
}
