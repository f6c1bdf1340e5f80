package io.fedcheck.core.diagnostics;

import io.fedcheck.api.RuleId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What fedcheck knows about Microsoft's codes. Only codes whose meaning is documented or plain
 * from their symbolic name are listed: an unknown code is reported as unknown, never guessed.
 */
final class DiagnosticCatalogue {
  private DiagnosticCatalogue() {}

  /** A known code: its symbolic name or Microsoft's text, and the rules it may be. */
  record Meaning(String name, String text, List<RuleId> rules) {
    Meaning {
      rules = List.copyOf(rules);
    }
  }

  static final int NO_ROUTE_FOR_REQUEST_TYPE = 1027;
  static final int PREVIOUS_HOP_NO_DIAGNOSTICS = 1034;

  /** ms-diagnostics codes. 1008-1010 map to the rules that predict them (see {@link RuleId}). */
  static Meaning msDiagnostics(int code) {
    return switch (code) {
      case 1008 -> new Meaning(null, "Unable to resolve DNS SRV record", rulesPredicting(1008));
      case 1009 -> new Meaning(null, "No match for domain in DNS SRV results", rulesPredicting(1009));
      case 1010 -> new Meaning(
          null, "Certificate trust with another server could not be established", rulesPredicting(1010));
      case NO_ROUTE_FOR_REQUEST_TYPE -> new Meaning(
          null, "Cannot route this type of request to federated partners", List.of());
      case PREVIOUS_HOP_NO_DIAGNOSTICS -> new Meaning(
          null, "Previous hop federated peer did not report diagnostic information", List.of());
      default -> null;
    };
  }

  /** Edge record result codes, by upper-case hex. */
  private static final Map<String, Meaning> RESULT_CODES = Map.of(
      "0xC3E93D6F", new Meaning("SIPPROXY_E_EPROUTING_MSG_ALLOWED_DOMAIN_NO_SRV_MATCH",
          "The domain of the message resolved by DNS SRV but none of the FQDNs is in the same domain",
          List.of(RuleId.SRV_TARGET_DOMAIN_MISMATCH)),
      "0xC3E93D67", new Meaning("SIPPROXY_E_ROUTING_MSG_CERT_MISMATCH",
          "Message cannot be routed because the peer's certificate does not contain a matching FQDN",
          List.of(RuleId.CERT_NAME_MISMATCH)));

  /**
   * Windows SSPI (SEC_E_*) and CryptoAPI (CERT_E_*) statuses of a failed TLS certificate check,
   * by upper-case hex (values from winerror.h).
   */
  private static final Map<String, Meaning> HRESULTS = Map.of(
      "0x80090322", new Meaning("SEC_E_WRONG_PRINCIPAL", "The target principal name is incorrect",
          List.of(RuleId.CERT_NAME_MISMATCH)),
      "0x80090325", new Meaning("SEC_E_UNTRUSTED_ROOT",
          "The certificate chain was issued by an authority that is not trusted",
          List.of(RuleId.CERT_UNTRUSTED)),
      "0x80090328", new Meaning("SEC_E_CERT_EXPIRED", "The received certificate has expired",
          List.of(RuleId.CERT_EXPIRED)),
      "0x80090327", new Meaning("SEC_E_CERT_UNKNOWN",
          "An unknown error occurred while processing the certificate", rulesPredicting(1010)),
      "0x800B0101", new Meaning("CERT_E_EXPIRED",
          "A required certificate is not within its validity period",
          List.of(RuleId.CERT_EXPIRED, RuleId.CERT_NOT_YET_VALID)),
      "0x800B0109", new Meaning("CERT_E_UNTRUSTEDROOT",
          "A certificate chain terminated in a root certificate which is not trusted",
          List.of(RuleId.CERT_UNTRUSTED)),
      "0x800B010A", new Meaning("CERT_E_CHAINING",
          "A certificate chain could not be built to a trusted root authority",
          List.of(RuleId.CERT_UNTRUSTED)),
      "0x800B010F", new Meaning("CERT_E_CN_NO_MATCH",
          "The certificate's CN name does not match the passed value",
          List.of(RuleId.CERT_NAME_MISMATCH)),
      "0x800B0110", new Meaning("CERT_E_WRONG_USAGE",
          "The certificate is not valid for the requested usage",
          List.of(RuleId.CERT_NO_SERVER_AUTH_EKU, RuleId.CERT_NO_CLIENT_AUTH_EKU)));

  static Meaning resultCode(String hex, String name) {
    Meaning m = hex == null ? null : RESULT_CODES.get(hex);
    if (m == null && name != null) {
      // A pasted record may have lost its hex code but kept the symbolic name.
      for (Meaning candidate : RESULT_CODES.values()) {
        if (candidate.name().equals(name)) {
          return hex == null ? candidate : null;
        }
      }
    }
    return m;
  }

  static String resultCodeHex(String name) {
    for (Map.Entry<String, Meaning> e : RESULT_CODES.entrySet()) {
      if (e.getValue().name().equals(name)) {
        return e.getKey();
      }
    }
    return null;
  }

  static Meaning hresult(String hex) {
    return hex == null ? null : HRESULTS.get(hex);
  }

  static String hresultHex(String name) {
    for (Map.Entry<String, Meaning> e : HRESULTS.entrySet()) {
      if (e.getValue().name().equals(name)) {
        return e.getKey();
      }
    }
    return null;
  }

  /** The certificate rules an ErrorType / info text selects, or an empty list. */
  static List<RuleId> fromErrorText(String text) {
    if (text == null) {
      return List.of();
    }
    String t = text.toLowerCase(Locale.ROOT);
    if (t.contains("matching fqdn") || t.contains("name mismatch") || t.contains("wrong principal")) {
      return List.of(RuleId.CERT_NAME_MISMATCH);
    }
    if (t.contains("expired")) {
      return List.of(RuleId.CERT_EXPIRED);
    }
    if (t.contains("untrusted root") || t.contains("not trusted")) {
      return List.of(RuleId.CERT_UNTRUSTED);
    }
    return List.of();
  }

  /** The rules whose Microsoft diagnostic is this ms-diagnostics code, in catalogue order. */
  static List<RuleId> rulesPredicting(int code) {
    List<RuleId> rules = new ArrayList<>();
    for (RuleId r : RuleId.values()) {
      r.microsoft().filter(d -> d.msDiagnostics() != null && d.msDiagnostics() == code)
          .ifPresent(d -> rules.add(r));
    }
    return rules;
  }
}
