package io.fedcheck.core.diagnostics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a Lync / Skype for Business Edge diagnostic record: {@code $$begin_record Severity: ...
 * Text: ... Result-Code: 0xc3e93d6f SIPPROXY_E_... SIP-Start-Line: ... Peer: host:port Data:
 * domain="...";fqdn1="..." $$end_record}, on one line or broken across many.
 */
final class EdgeRecords {
  private EdgeRecords() {}

  static Explanation explain(String s, String lower, int begin, int end) {
    Facts f = new Facts(DiagnosticKind.EDGE_RECORD, LogText.excerpt(s, begin, end, DiagnosticsExplainer.MAX_EXCERPT));
    int rc = label(lower, "result-code:", begin, end);
    if (rc >= 0) {
      int p = LogText.skipSpace(s, rc, end);
      f.resultCode = LogText.hex32(s, p, end);
      if (f.resultCode != null) {
        p = LogText.skipSpace(s, p + 10, end);
      }
      f.resultName = p < end ? LogText.symbol(s, p, end) : null;
      if (f.resultCode == null && f.resultName != null) {
        f.resultCode = DiagnosticCatalogue.resultCodeHex(f.resultName);
      }
    }
    int text = label(lower, "text:", begin, end);
    if (text >= 0) {
      int stop = rc >= 0 && rc > text ? rc - "result-code:".length() : end;
      f.microsoftText = LogText.collapse(s.substring(text, Math.min(stop, text + 500)));
    }
    Map<String, String> params = new LinkedHashMap<>();
    int data = label(lower, "data:", begin, end);
    if (data >= 0) {
      params.putAll(DiagnosticsExplainer.cleaned(SipParameters.parse(s, data, end).values()));
    }
    int peer = label(lower, "peer:", begin, end);
    if (peer >= 0) {
      int p = LogText.skipSpace(s, peer, end);
      int q = p;
      while (q < end && q - p < 260 && !LogText.isSpace(s.charAt(q))) {
        q++;
      }
      if (q > p) {
        params.putIfAbsent("Peer", s.substring(p, q));
      }
    }
    f.params = params;
    f.errorText = SipParameters.get(params, "info");
    String hr = SipParameters.get(params, "HRESULT");
    if (hr != null) {
      f.hresult = LogText.hex32(hr, 0, hr.length());
    }
    return Interpretation.of(f);
  }

  /** The index just after {@code label} (lower-case) as a word inside [from, to), or -1. */
  private static int label(String lower, String label, int from, int to) {
    for (int i = from; i + label.length() <= to; i++) {
      if (lower.charAt(i) == label.charAt(0) && lower.startsWith(label, i) && LogText.wordStart(lower, i)) {
        return i + label.length();
      }
    }
    return -1;
  }
}
