package io.fedcheck.api;

import java.util.Optional;

/**
 * The stable identifiers of fedcheck's rules. Ids are public API: they are never renamed, so
 * scripts may match on them.
 *
 * <p>Each id carries its usual severity and the Microsoft diagnostic it predicts; a rule may report
 * a different severity where the catalogue says so (for example a second, extra unacceptable SRV
 * target is only a warning).
 */
public enum RuleId {
  /** The input is not a valid DNS domain name, even after conversion to punycode. */
  DOMAIN_INVALID(Severity.ERROR, null, "The input is not a valid DNS domain name"),
  /** No {@code _sipfederationtls._tcp} SRV record is published for the domain. */
  SRV_MISSING(
      Severity.ERROR,
      new MicrosoftDiagnostic(1008, null, "Unable to resolve DNS SRV record"),
      "No _sipfederationtls._tcp SRV record is published"),
  /** The only SRV target is {@code .}: the service is decidedly not available (RFC 2782). */
  SRV_NOT_AVAILABLE(
      Severity.ERROR,
      new MicrosoftDiagnostic(1008, null, "Unable to resolve DNS SRV record"),
      "The SRV record says the service is decidedly not available (target \".\")"),
  /** The SRV target is not directly inside the SIP domain, nor a known hosting provider. */
  SRV_TARGET_DOMAIN_MISMATCH(
      Severity.ERROR,
      new MicrosoftDiagnostic(
          1009,
          "0xC3E93D6F",
          "No match for domain in DNS SRV results (SIPPROXY_E_EPROUTING_MSG_ALLOWED_DOMAIN_NO_SRV_MATCH)"),
      "The SRV target is not directly inside the SIP domain"),
  /** The SRV target is a known hosting provider, so the exact-domain rule does not apply. */
  SRV_TARGET_HOSTING_PROVIDER(Severity.INFO, null, "The SRV target is a known hosting provider"),
  /** The SRV target is a CNAME alias, which RFC 2782 forbids. */
  SRV_TARGET_IS_ALIAS(Severity.WARNING, null, "The SRV target is a CNAME alias"),
  /** The SRV target has no IPv4 (A) address. */
  SRV_TARGET_NO_ADDRESS(Severity.ERROR, null, "The SRV target has no IPv4 address"),
  /** The SRV target resolves only to addresses that cannot be reached from the internet. */
  TARGET_ADDRESS_NOT_PUBLIC(
      Severity.ERROR, null, "The SRV target resolves only to non-public addresses"),
  /** The SRV port is not 5061, the port Microsoft edges expect. */
  SRV_PORT_UNUSUAL(Severity.INFO, null, "The SRV port is not 5061"),
  /** No TCP connection to the SRV target: refused, unreachable or timed out. */
  TLS_CONNECT_FAILED(
      Severity.ERROR,
      new MicrosoftDiagnostic(null, null, "504 Server time-out, with no detail"),
      "No TCP connection to the SRV target"),
  /** TCP connects, but no TLS 1.2+ handshake completes with the SRV target in time. */
  TLS_HANDSHAKE_FAILED(
      Severity.ERROR,
      new MicrosoftDiagnostic(null, null, "504 Server time-out; edge event 14428"),
      "No TLS 1.2+ handshake completed with the SRV target"),
  /** The certificate does not name the SRV target. */
  CERT_NAME_MISMATCH(
      Severity.ERROR,
      new MicrosoftDiagnostic(
          1010,
          "0xC3E93D67",
          "0x80090322",
          "Certificate trust with another server could not be established: the peer certificate"
              + " does not contain a matching FQDN (SEC_E_WRONG_PRINCIPAL; Edge log"
              + " SIPPROXY_E_ROUTING_MSG_CERT_MISMATCH)"),
      "The certificate does not name the SRV target"),
  /** The certificate names the SRV target only through a wildcard, which Microsoft does not support. */
  CERT_NAME_WILDCARD(
      Severity.WARNING, null, "The certificate names the SRV target only through a wildcard"),
  /** The certificate chain does not lead to a trusted root. */
  CERT_UNTRUSTED(
      Severity.ERROR,
      new MicrosoftDiagnostic(
          1010, null, "Certificate trust with another server could not be established"),
      "The certificate chain does not lead to a trusted root"),
  /** The certificate chain leads only to a trust anchor the caller added, not to a public root. */
  CERT_PRIVATE_CA(
      Severity.INFO,
      new MicrosoftDiagnostic(
          1010, null, "Certificate trust with another server could not be established"),
      "The certificate chain leads only to a privately added root"),
  /** The certificate has expired. */
  CERT_EXPIRED(
      Severity.ERROR,
      new MicrosoftDiagnostic(
          1010, null, "Certificate trust with another server could not be established"),
      "The certificate has expired"),
  /** The certificate is not yet valid. */
  CERT_NOT_YET_VALID(
      Severity.ERROR,
      new MicrosoftDiagnostic(
          1010, null, "Certificate trust with another server could not be established"),
      "The certificate is not yet valid"),
  /** The certificate expires within the policy's warning window. */
  CERT_EXPIRING_SOON(Severity.WARNING, null, "The certificate expires soon"),
  /** The certificate's extended key usage lacks serverAuth. */
  CERT_NO_SERVER_AUTH_EKU(
      Severity.ERROR,
      new MicrosoftDiagnostic(
          1010, null, "Certificate trust with another server could not be established"),
      "The certificate's extended key usage lacks serverAuth"),
  /** The certificate's extended key usage lacks clientAuth (federation is mutual TLS). */
  CERT_NO_CLIENT_AUTH_EKU(
      Severity.WARNING, null, "The certificate's extended key usage lacks clientAuth"),
  /** The certificate's key is smaller than the policy allows. */
  CERT_WEAK_KEY(Severity.WARNING, null, "The certificate's key is too small"),
  /** The certificate is signed with MD5 or SHA-1. */
  CERT_WEAK_SIGNATURE(Severity.WARNING, null, "The certificate is signed with MD5 or SHA-1"),
  /** A DNS lookup could not be completed, so no honest verdict is possible. */
  DNS_LOOKUP_FAILED(
      Severity.WARNING, null, "A DNS lookup could not be completed (no honest verdict possible)"),
  /** The SRV target completes TLS but does not answer SIP {@code OPTIONS} with SIP. */
  SIP_NOT_SPOKEN(
      Severity.ERROR,
      new MicrosoftDiagnostic(null, null, "504 Server time-out, with no detail"),
      "The SRV target completes TLS but does not speak SIP"),
  /** The SRV target did not answer SIP {@code OPTIONS} before the deadline. */
  SIP_NO_RESPONSE(Severity.INFO, null, "The SRV target did not answer SIP OPTIONS before the deadline"),
  /** The SRV target answered SIP {@code OPTIONS}; reports the status and server it gave. */
  SIP_RESPONSE(Severity.INFO, null, "The SRV target answered SIP OPTIONS");

  private final Severity defaultSeverity;
  private final MicrosoftDiagnostic microsoft;
  private final String summary;

  RuleId(Severity defaultSeverity, MicrosoftDiagnostic microsoft, String summary) {
    this.defaultSeverity = defaultSeverity;
    this.microsoft = microsoft;
    this.summary = summary;
  }

  /**
   * The severity this rule usually reports with.
   *
   * @return the rule's default severity
   */
  public Severity defaultSeverity() {
    return defaultSeverity;
  }

  /**
   * The Microsoft diagnostic this rule predicts, if Microsoft shows one.
   *
   * @return the diagnostic, or empty when Microsoft shows none
   */
  public Optional<MicrosoftDiagnostic> microsoft() {
    return Optional.ofNullable(microsoft);
  }

  /**
   * A one-line, plain-language summary of the rule.
   *
   * @return the summary, one sentence without a full stop
   */
  public String summary() {
    return summary;
  }
}
