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
  DOMAIN_INVALID(Severity.ERROR, null, "The input is not a valid DNS domain name"),
  SRV_MISSING(
      Severity.ERROR,
      new MicrosoftDiagnostic(1008, null, "Unable to resolve DNS SRV record"),
      "No _sipfederationtls._tcp SRV record is published"),
  SRV_NOT_AVAILABLE(
      Severity.ERROR,
      new MicrosoftDiagnostic(1008, null, "Unable to resolve DNS SRV record"),
      "The SRV record says the service is decidedly not available (target \".\")"),
  SRV_TARGET_DOMAIN_MISMATCH(
      Severity.ERROR,
      new MicrosoftDiagnostic(
          1009,
          "0xC3E93D6F",
          "No match for domain in DNS SRV results (SIPPROXY_E_EPROUTING_MSG_ALLOWED_DOMAIN_NO_SRV_MATCH)"),
      "The SRV target is not directly inside the SIP domain"),
  SRV_TARGET_HOSTING_PROVIDER(Severity.INFO, null, "The SRV target is a known hosting provider"),
  SRV_TARGET_IS_ALIAS(Severity.WARNING, null, "The SRV target is a CNAME alias"),
  SRV_TARGET_NO_ADDRESS(Severity.ERROR, null, "The SRV target has no IPv4 address"),
  TARGET_ADDRESS_NOT_PUBLIC(
      Severity.ERROR, null, "The SRV target resolves only to non-public addresses"),
  SRV_PORT_UNUSUAL(Severity.INFO, null, "The SRV port is not 5061"),
  TLS_CONNECT_FAILED(
      Severity.ERROR,
      new MicrosoftDiagnostic(null, null, "504 Server time-out, with no detail"),
      "No TCP connection to the SRV target"),
  TLS_HANDSHAKE_FAILED(
      Severity.ERROR,
      new MicrosoftDiagnostic(null, null, "504 Server time-out; edge event 14428"),
      "No TLS 1.2+ handshake completed with the SRV target"),
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
  CERT_NAME_WILDCARD(
      Severity.WARNING, null, "The certificate names the SRV target only through a wildcard"),
  CERT_UNTRUSTED(
      Severity.ERROR,
      new MicrosoftDiagnostic(
          1010, null, "Certificate trust with another server could not be established"),
      "The certificate chain does not lead to a trusted root"),
  CERT_PRIVATE_CA(
      Severity.INFO,
      new MicrosoftDiagnostic(
          1010, null, "Certificate trust with another server could not be established"),
      "The certificate chain leads only to a privately added root"),
  CERT_EXPIRED(
      Severity.ERROR,
      new MicrosoftDiagnostic(
          1010, null, "Certificate trust with another server could not be established"),
      "The certificate has expired"),
  CERT_NOT_YET_VALID(
      Severity.ERROR,
      new MicrosoftDiagnostic(
          1010, null, "Certificate trust with another server could not be established"),
      "The certificate is not yet valid"),
  CERT_EXPIRING_SOON(Severity.WARNING, null, "The certificate expires soon"),
  CERT_NO_SERVER_AUTH_EKU(
      Severity.ERROR,
      new MicrosoftDiagnostic(
          1010, null, "Certificate trust with another server could not be established"),
      "The certificate's extended key usage lacks serverAuth"),
  CERT_NO_CLIENT_AUTH_EKU(
      Severity.WARNING, null, "The certificate's extended key usage lacks clientAuth"),
  CERT_WEAK_KEY(Severity.WARNING, null, "The certificate's key is too small"),
  CERT_WEAK_SIGNATURE(Severity.WARNING, null, "The certificate is signed with MD5 or SHA-1"),
  DNS_LOOKUP_FAILED(
      Severity.WARNING, null, "A DNS lookup could not be completed (no honest verdict possible)"),
  SIP_NOT_SPOKEN(
      Severity.ERROR,
      new MicrosoftDiagnostic(null, null, "504 Server time-out, with no detail"),
      "The SRV target completes TLS but does not speak SIP"),
  SIP_NO_RESPONSE(Severity.INFO, null, "The SRV target did not answer SIP OPTIONS before the deadline"),
  SIP_RESPONSE(Severity.INFO, null, "The SRV target answered SIP OPTIONS");

  private final Severity defaultSeverity;
  private final MicrosoftDiagnostic microsoft;
  private final String summary;

  RuleId(Severity defaultSeverity, MicrosoftDiagnostic microsoft, String summary) {
    this.defaultSeverity = defaultSeverity;
    this.microsoft = microsoft;
    this.summary = summary;
  }

  /** The severity this rule usually reports with. */
  public Severity defaultSeverity() {
    return defaultSeverity;
  }

  /** The Microsoft diagnostic this rule predicts, if Microsoft shows one. */
  public Optional<MicrosoftDiagnostic> microsoft() {
    return Optional.ofNullable(microsoft);
  }

  /** A one-line, plain-language summary of the rule. */
  public String summary() {
    return summary;
  }
}
