package io.fedcheck.core.diagnostics;

import io.fedcheck.api.RuleId;
import io.fedcheck.api.sip.SipHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Explains SIP messages that carry no {@code ms-diagnostics}: a bare 504, and an INVITE. */
final class SipMessages {
  private SipMessages() {}

  private static final int MAX_HEADER = 1000;

  /** What a 504 without diagnostics may be: every ERROR rule a Microsoft edge answers with 504. */
  static final List<RuleId> CAUSES_OF_504 = List.of(
      RuleId.SRV_MISSING,
      RuleId.SRV_NOT_AVAILABLE,
      RuleId.SRV_TARGET_DOMAIN_MISMATCH,
      RuleId.SRV_TARGET_NO_ADDRESS,
      RuleId.TARGET_ADDRESS_NOT_PUBLIC,
      RuleId.TLS_CONNECT_FAILED,
      RuleId.TLS_HANDSHAKE_FAILED,
      RuleId.CERT_NAME_MISMATCH,
      RuleId.CERT_UNTRUSTED,
      RuleId.CERT_EXPIRED,
      RuleId.CERT_NOT_YET_VALID,
      RuleId.CERT_NO_SERVER_AUTH_EKU);

  static Explanation explain504(String s, String lower, int start, int end) {
    String from = header(s, start, end, "From");
    String to = header(s, start, end, "To");
    String callId = header(s, start, end, "Call-ID");
    String fromDomain = from == null ? null : LogText.sipUriDomain(from);
    String toDomain = to == null ? null : LogText.sipUriDomain(to);
    String around = lower.substring(Math.max(0, start - 1000), Math.min(end, start + 20_000));
    // An Expressway-E log of a call towards Microsoft: the Microsoft edge checked the caller's
    // (From) domain. From a Microsoft client log the checked domain would be the To domain.
    boolean expressway = around.contains("tvcs") || around.contains("network.sip")
        || around.contains("egress-zone") || around.contains("ingress-zone");
    String checked = expressway ? fromDomain : null;

    StringBuilder plain = new StringBuilder(
        "The Microsoft edge answered 504 Server time-out without an ms-diagnostics header. It sends"
            + " the same 504 whatever went wrong (a missing or mismatched _sipfederationtls._tcp SRV"
            + " record, a target without an address, an unreachable edge, a failed TLS handshake, or"
            + " a certificate it does not accept), so this response alone cannot tell which.");
    if (checked != null) {
      plain.append(" This is an Expressway-E log of a call from ").append(checked)
          .append(" towards Microsoft: the Microsoft edge checked _sipfederationtls._tcp.")
          .append(checked).append(" and the certificate of its target.");
    } else if (fromDomain != null || toDomain != null) {
      plain.append(" The Microsoft edge checked the domain of the non-Microsoft side: ")
          .append(fromDomain == null ? "" : "the From domain " + fromDomain + " for a call towards Microsoft")
          .append(fromDomain != null && toDomain != null ? ", or " : "")
          .append(toDomain == null ? "" : "the To domain " + toDomain + " for a call from Microsoft")
          .append('.');
    }
    String callIdToken = callId == null ? null : LogText.collapse(callId).split(" ", 2)[0];
    StringBuilder fix = new StringBuilder();
    if (checked != null) {
      fix.append("Run `fedcheck check ").append(checked)
          .append("` to test its SRV record, addresses and certificate live. ");
    } else {
      fix.append("Run `fedcheck check <your SIP domain>` to test its SRV record, addresses and"
          + " certificate live. ");
    }
    fix.append("The reason is only on the Microsoft side: in the Lync / Skype for Business Edge"
        + " server log look for a $$begin_record diagnostic record")
        .append(callIdToken == null ? "" : " with SIP-Call-ID " + callIdToken)
        .append(" and its Result-Code (such as 0xC3E93D6F"
            + " SIPPROXY_E_EPROUTING_MSG_ALLOWED_DOMAIN_NO_SRV_MATCH or 0xC3E93D67"
            + " SIPPROXY_E_ROUTING_MSG_CERT_MISMATCH); for a call from a Skype client, the"
            + " client log (Lync-UccApi-*.UccApiLog) shows the 504 with its ms-diagnostics header."
            + " Paste either into `fedcheck explain`.");
    return new Explanation(DiagnosticKind.SIP_504_WITHOUT_DIAGNOSTICS, null, null, null, null, null,
        true, CAUSES_OF_504, plain.toString(), fix.toString(), checked, Map.of(), checked,
        LogText.excerpt(s, start, end, DiagnosticsExplainer.MAX_EXCERPT));
  }

  static Explanation explainInvite(String s, int start, int end) {
    String pai = header(s, start, end, "P-Asserted-Identity");
    String from = header(s, start, end, "From");
    String paiDomain = pai == null ? null : LogText.sipUriDomain(pai);
    String fromDomain = from == null ? null : LogText.sipUriDomain(from);
    String domain = paiDomain != null ? paiDomain : fromDomain;
    String source = paiDomain != null ? "P-Asserted-Identity" : "From";
    String plain;
    String fix;
    if (domain == null) {
      plain = "A SIP INVITE without a sip: URI in P-Asserted-Identity or From: a Microsoft edge"
          + " cannot tell which domain sent it, and refuses it.";
      fix = "Make the sending server put a sip: URI with your SIP domain in From (or"
          + " P-Asserted-Identity).";
    } else {
      plain = "A SIP INVITE from the domain " + domain + " (taken from " + source + "). A Microsoft"
          + " edge that receives it looks up _sipfederationtls._tcp." + domain + ", accepts only an"
          + " SRV target directly inside " + domain + " with an IPv4 address, and requires that"
          + " target's certificate to name it in its subjectAltName.";
      fix = "Run `fedcheck check " + domain + "` to test those requirements live.";
    }
    Map<String, String> none = new LinkedHashMap<>();
    return new Explanation(DiagnosticKind.SIP_INVITE, null, null, null, null, null, true, List.of(),
        plain, fix, domain, none, domain, LogText.excerpt(s, start, end, DiagnosticsExplainer.MAX_EXCERPT));
  }

  /**
   * The value of the first header {@code name} in [start, end): the rest of its line plus
   * continuation lines (indented, not themselves a header), blank lines skipped; or null.
   */
  static String header(String s, int start, int end, String name) {
    String wanted = SipHeaders.canonicalName(name);
    int line = start;
    while (line < end) {
      int eol = eol(s, line, end);
      int p = indent(s, line, eol);
      // The wire codec's header grammar, so "f:" is From and "i:" is Call-ID here too.
      int c = SipHeaders.colon(s, p, eol);
      if (c > 0) {
        if (SipHeaders.canonicalName(s.substring(p, SipHeaders.nameEnd(s, p, c))).equals(wanted)) {
          StringBuilder value = new StringBuilder(s.substring(c + 1, Math.min(eol, c + 1 + MAX_HEADER)));
          int next = eol + 1;
          while (next < end && value.length() < MAX_HEADER) {
            int e = eol(s, next, end);
            int q = indent(s, next, e);
            if (q == e) {
              next = e + 1; // blank line: an extraction artefact, not the end of the headers
              continue;
            }
            if (q == next || looksLikeHeader(s, q, e)) {
              break;
            }
            value.append(' ').append(s, q, Math.min(e, q + MAX_HEADER));
            next = e + 1;
          }
          return value.toString().strip();
        }
      }
      line = eol + 1;
    }
    return null;
  }

  private static int eol(String s, int from, int end) {
    int e = from;
    while (e < end && !LogText.isLineBreak(s.charAt(e))) {
      e++;
    }
    return e;
  }

  private static int indent(String s, int from, int eol) {
    int p = from;
    while (p < eol && (s.charAt(p) == ' ' || s.charAt(p) == '\t' || s.charAt(p) == '|')) {
      p++;
    }
    return p;
  }

  /** A header field line by the codec's grammar, followed by a space: not a folded value such as "a:b". */
  private static boolean looksLikeHeader(String s, int p, int eol) {
    int q = SipHeaders.colon(s, p, eol);
    return q > 0 && (q + 1 == eol || s.charAt(q + 1) == ' ');
  }
}
