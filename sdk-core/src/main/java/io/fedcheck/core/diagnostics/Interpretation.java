package io.fedcheck.core.diagnostics;

import io.fedcheck.api.RuleId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the {@link Facts} of a header or Edge record into an {@link Explanation}. */
final class Interpretation {
  private Interpretation() {}

  static Explanation of(Facts f) {
    DiagnosticCatalogue.Meaning meaning;
    String what;
    if (f.kind == DiagnosticKind.EDGE_RECORD) {
      meaning = DiagnosticCatalogue.resultCode(f.resultCode, f.resultName);
      String code = f.resultCode == null && f.resultName == null ? "without a Result-Code"
          : (f.resultCode == null ? "" : f.resultCode) + (f.resultCode != null && f.resultName != null ? " " : "")
              + (f.resultName == null ? "" : f.resultName);
      what = meaning == null ? "Edge record " + code : "Edge record " + code.strip();
    } else {
      meaning = f.code == null ? null : DiagnosticCatalogue.msDiagnostics(f.code);
      what = "ms-diagnostics " + f.code;
    }
    String said = f.microsoftText != null && !f.microsoftText.isBlank() ? f.microsoftText
        : meaning == null ? null : meaning.text();

    Map<String, String> fqdns = new LinkedHashMap<>();
    f.params.forEach((k, v) -> {
      if (SipParameters.isHostParameter(k) && !v.isEmpty()) {
        fqdns.put(k, v);
      }
    });
    String sipDomain = LogText.domainOrNull(SipParameters.get(f.params, "domain"));
    String targetRaw = first(f.params, "tls-target", "expected-fqdn");
    if (targetRaw == null) {
      targetRaw = f.params.entrySet().stream()
          .filter(e -> e.getKey().toLowerCase(java.util.Locale.ROOT).startsWith("fqdn")
              && SipParameters.isHostParameter(e.getKey()))
          .map(Map.Entry::getValue).findFirst().orElse(null);
    }
    String target = LogText.domainOrNull(LogText.host(targetRaw));
    String certName = LogText.host(first(f.params, "PeerServer", "certName"));
    String reporter = LogText.host(SipParameters.get(f.params, "source"));

    if (meaning == null) {
      String plain = (f.kind == DiagnosticKind.EDGE_RECORD ? "unknown " + what.replace("Edge record", "Edge result code")
          : "unknown ms-diagnostics code " + f.code)
          + (said == null ? "" : "; Microsoft's text: \"" + said + "\"")
          + ". fedcheck does not know this code and does not guess which rule it is.";
      String fix = "Look the code up in Microsoft's Lync / Skype for Business documentation."
          + (sipDomain == null ? "" : " `fedcheck check " + sipDomain + "` still tests the DNS and"
              + " certificate requirements of " + sipDomain + ".");
      return new Explanation(f.kind, f.code, f.resultCode, f.resultName, f.hresult, f.hresultName,
          false, List.of(), plain, fix, sipDomain, fqdns, sipDomain, f.excerpt);
    }

    List<RuleId> rules = meaning.rules();
    String hresultNote = "";
    if (Integer.valueOf(1010).equals(f.code)
        || (rules.size() > 1 && DiagnosticsExplainer.allCertificateRules(rules))) {
      DiagnosticCatalogue.Meaning hr = DiagnosticCatalogue.hresult(f.hresult);
      List<RuleId> byText = DiagnosticCatalogue.fromErrorText(f.errorText);
      if (hr != null) {
        rules = hr.rules();
        if (f.hresultName == null) {
          f.hresultName = hr.name();
        }
      } else if (!byText.isEmpty()) {
        rules = byText;
      }
      if (f.hresult != null && hr == null) {
        hresultNote = " The HRESULT " + f.hresult + (f.hresultName == null ? "" : " (" + f.hresultName + ")")
            + " is not one fedcheck knows.";
      }
    }
    String checkDomain = sipDomain;
    if (checkDomain == null && target != null && DiagnosticsExplainer.allCertificateRules(rules)) {
      // The edge only opens TLS to a target it accepted as directly inside the SIP domain.
      checkDomain = LogText.domainOrNull(LogText.parent(target));
    }

    String prefix = what + (said == null ? "" : " (\"" + said + "\")")
        + (reporter == null ? "" : ", reported by " + reporter);
    Texts t = texts(f, rules, sipDomain, checkDomain, target, targetRaw, certName);
    String plain = prefix + ": " + t.plain + hresultNote;
    return new Explanation(f.kind, f.code, f.resultCode, f.resultName, f.hresult, f.hresultName,
        true, rules, plain, t.fix, sipDomain, fqdns, checkDomain, f.excerpt);
  }

  private record Texts(String plain, String fix) {}

  private static Texts texts(Facts f, List<RuleId> rules, String domain, String checkDomain,
      String target, String targetRaw, String certName) {
    String d = domain == null ? "the SIP domain" : domain;
    String check = checkDomain == null ? "" : " Then run `fedcheck check " + checkDomain + "`.";
    String t = target == null ? "the SRV target" : target;
    if (rules.isEmpty() && Integer.valueOf(DiagnosticCatalogue.NO_ROUTE_FOR_REQUEST_TYPE).equals(f.code)) {
      return new Texts("the Microsoft edge does not route this type of request to federated partners."
          + " This is not a DNS or certificate problem of the peer domain, so none of fedcheck's rules"
          + " applies: it depends on what the Microsoft side allows over federation for this kind of"
          + " request.",
          "Ask the administrator of the Microsoft side (Lync / Skype for Business Edge, or the"
              + " Microsoft 365 tenant) whether federation with this partner allows this kind of"
              + " request; changing DNS records or certificates on the peer side will not fix it.");
    }
    if (rules.isEmpty() && Integer.valueOf(DiagnosticCatalogue.PREVIOUS_HOP_NO_DIAGNOSTICS).equals(f.code)) {
      return new Texts("the request failed at the federated peer (the hop before the Microsoft edge,"
          + " such as the Expressway-E or a server behind it), and the peer's response carried no"
          + " diagnostic information. The reason is on the peer's side, not in Microsoft's checks,"
          + " so none of fedcheck's rules applies.",
          "Look in the peer's own logs for the response it sent for this call (on an Expressway-E:"
              + " Status > Search History and the diagnostic log).");
    }
    if (rules.contains(RuleId.SRV_TARGET_DOMAIN_MISMATCH)) {
      String where = "";
      if (target != null && domain != null) {
        String parent = LogText.parent(target);
        where = target.endsWith("." + domain) ? " (it is in " + parent + ", a subdomain of " + domain + ")"
            : " (it is in " + parent + ", another domain)";
      }
      String label = target == null ? "sip" : target.substring(0, target.indexOf('.') > 0 ? target.indexOf('.') : target.length());
      String host = label + "." + d;
      return new Texts("the Microsoft edge looked up _sipfederationtls._tcp." + d + " and got "
          + (targetRaw == null ? "an SRV target" : targetRaw) + ", which is not directly inside " + d + where
          + ". Microsoft accepts an SRV target only when its domain part is exactly the SIP domain,"
          + " even when the target resolves to the right address (rule SRV_TARGET_DOMAIN_MISMATCH).",
          "Point the SRV record at a host directly inside " + d + ": publish `_sipfederationtls._tcp." + d
              + ". 3600 IN SRV 0 0 5061 " + host + ".` and `" + host + ". 3600 IN A <the edge's public"
              + " IPv4 address>`, and add " + host + " to the edge certificate's subjectAltName list"
              + " (each SIP domain of the edge needs its own target there; `fedcheck plan` writes the"
              + " records and the CSR)." + check);
    }
    if (rules.contains(RuleId.SRV_MISSING) || rules.contains(RuleId.SRV_NOT_AVAILABLE)) {
      return new Texts("the Microsoft edge found no usable _sipfederationtls._tcp SRV record for " + d
          + " (none is published, or its target is \".\"): rule SRV_MISSING or SRV_NOT_AVAILABLE.",
          "Publish `_sipfederationtls._tcp." + d + ". 3600 IN SRV 0 0 5061 sip." + d + ".` in public DNS"
              + " with an A record for sip." + d + " (any host directly inside " + d + "; `fedcheck"
              + " plan` writes them)." + check);
    }
    if (rules.equals(List.of(RuleId.CERT_NAME_MISMATCH))) {
      return new Texts("the Microsoft edge connected to " + t + " and its certificate does not name "
          + t + (certName == null ? "" : " (it names " + certName + ")")
          + ". Microsoft requires the SRV target's FQDN in a subjectAltName dNSName entry (the"
          + " subject CN counts only when the certificate has no subjectAltName at all): rule"
          + " CERT_NAME_MISMATCH.",
          "Reissue the edge certificate with " + t + " in its subjectAltName list"
              + (certName == null ? "" : ", keeping " + certName)
              + " and the target of every other SIP domain the edge serves (`fedcheck plan` writes"
              + " the CSR), and install it on the edge." + check);
    }
    if (rules.equals(List.of(RuleId.CERT_UNTRUSTED))) {
      return new Texts("the Microsoft edge does not trust the certificate chain of " + t
          + " (self-signed, an unknown or private CA, or a missing intermediate): rule CERT_UNTRUSTED.",
          "Use a certificate from a public CA (mandatory to federate with Microsoft 365) and make the"
              + " edge send the whole chain, leaf and intermediates; an on-premises Microsoft edge"
              + " may instead import your private root into its trusted CA list." + check);
    }
    if (!rules.isEmpty() && rules.stream().allMatch(
        r -> r == RuleId.CERT_EXPIRED || r == RuleId.CERT_NOT_YET_VALID)) {
      return new Texts("the certificate of " + t + " is outside its validity period: rule "
          + join(rules) + ".",
          "Renew the edge certificate (same subjectAltName list), install it, and check the edge's"
              + " clock." + check);
    }
    if (!rules.isEmpty() && rules.stream().allMatch(
        r -> r == RuleId.CERT_NO_SERVER_AUTH_EKU || r == RuleId.CERT_NO_CLIENT_AUTH_EKU)) {
      return new Texts("the certificate of " + t + " is not valid for TLS server or client"
          + " authentication (its extended key usage): rule " + join(rules) + ".",
          "Reissue the edge certificate with both serverAuth and clientAuth extended key usage:"
              + " federation is mutual TLS, and the edge presents the same certificate as a client"
              + " when it calls." + check);
    }
    // Ambiguous certificate failure: 1010 without a telling ErrorType or HRESULT.
    return new Texts("the Microsoft edge could not establish certificate trust with " + t + ". Code"
        + " 1010 covers every certificate problem and without an ErrorType or HRESULT it does not"
        + " say which; the candidates are " + join(rules) + ".",
        "Run `fedcheck check " + (checkDomain == null ? "<your SIP domain>" : checkDomain) + "` to see"
            + " which certificate rule fails. The certificate of " + t + " must name " + t + " in its"
            + " subjectAltName, chain to a public CA with its intermediates sent, be within its"
            + " validity period, and carry serverAuth and clientAuth extended key usage.");
  }

  private static String join(List<RuleId> rules) {
    return String.join(", ", rules.stream().map(Enum::name).toList());
  }

  private static String first(Map<String, String> params, String a, String b) {
    String v = SipParameters.get(params, a);
    return v != null && !v.isEmpty() ? v : SipParameters.get(params, b);
  }
}
