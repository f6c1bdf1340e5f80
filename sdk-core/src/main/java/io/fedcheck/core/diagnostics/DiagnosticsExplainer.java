package io.fedcheck.core.diagnostics;

import io.fedcheck.api.RuleId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Explains what users paste from Microsoft's side of a failed federation: {@code ms-diagnostics}
 * headers (from SIP responses or Skype for Business client logs), Edge server diagnostic records
 * ({@code $$begin_record ... $$end_record}), a {@code 504 Server time-out} without diagnostics (as
 * an Expressway-E log shows it) and SIP INVITEs.
 *
 * <p>Pure function, thread-safe. The text may be folded or broken across lines anywhere (as PDF or
 * e-mail extraction leaves it); several records give several explanations in the order they
 * appear. Only the first {@link #MAX_INPUT_CHARS} characters are read and the first {@link
 * #MAX_EXPLANATIONS} explanations returned. Parsing is linear in the
 * input and never throws on any text; text with nothing recognisable gives an empty list.
 *
 * <pre>{@code
 * for (Explanation e : DiagnosticsExplainer.explain(pasted)) {
 *   System.out.println(e.rules() + ": " + e.plainLanguage());
 * }
 * }</pre>
 */
public final class DiagnosticsExplainer {
  /** How much of the input is read; diagnostics never need more. */
  public static final int MAX_INPUT_CHARS = 1 << 20;

  /** At most this many explanations are returned (the first ones, in order). */
  public static final int MAX_EXPLANATIONS = 500;

  static final int MAX_EXCERPT = 400;
  private static final String BEGIN = "$$begin_record";
  private static final String END = "$$end_record";
  private static final String HEADER = "ms-diagnostics";

  private DiagnosticsExplainer() {}

  /**
   * Explains every diagnostic found in {@code text}, in order.
   *
   * @param text pasted log text, any size (only the first {@link #MAX_INPUT_CHARS} characters are
   *     read); {@code null} is treated as empty
   * @return the explanations, empty when nothing was recognised
   */
  public static List<Explanation> explain(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    String s = text.length() > MAX_INPUT_CHARS ? text.substring(0, MAX_INPUT_CHARS) : text;
    String lower = asciiLower(s);
    List<int[]> edges = edgeRegions(lower);
    List<int[]> starts = messageStarts(s); // {pos, statusCode or 0, isInvite 1/0}
    List<Integer> boundaries = new ArrayList<>();
    starts.forEach(m -> boundaries.add(m[0]));
    edges.forEach(r -> boundaries.add(r[0]));
    Collections.sort(boundaries);

    List<Positioned> found = new ArrayList<>();
    for (int[] r : edges) {
      found.add(new Positioned(r[0], () -> EdgeRecords.explain(s, lower, r[0], r[1])));
    }
    List<Integer> headerPositions = new ArrayList<>();
    int from = 0;
    while (true) {
      int i = lower.indexOf(HEADER, from);
      if (i < 0) {
        break;
      }
      HeaderMatch h = LogText.wordStart(lower, i) && !inside(edges, i) ? header(s, i) : null;
      if (h == null) {
        from = i + HEADER.length();
        continue;
      }
      headerPositions.add(i);
      found.add(new Positioned(i, () -> Interpretation.of(h.facts())));
      from = Math.max(i + HEADER.length(), h.end());
    }
    for (int[] m : starts) {
      if (inside(edges, m[0])) {
        continue;
      }
      int end = nextBoundary(boundaries, m[0], s.length());
      if (m[1] == 504 && !containsAny(headerPositions, m[0], end)) {
        found.add(new Positioned(m[0], () -> SipMessages.explain504(s, lower, m[0], end)));
      } else if (m[2] == 1) {
        found.add(new Positioned(m[0], () -> SipMessages.explainInvite(s, m[0], end)));
      }
    }
    found.sort(Comparator.comparingInt(Positioned::pos));
    // Interpreting is the costly part: only the explanations returned are built.
    return found.stream().limit(MAX_EXPLANATIONS).map(p -> p.explanation().get()).toList();
  }

  private record Positioned(int pos, Supplier<Explanation> explanation) {}

  private record HeaderMatch(Facts facts, int end) {}

  /** Reads {@code ms-diagnostics[-public]: <code>;params} at {@code i}, or returns null. */
  private static HeaderMatch header(String s, int i) {
    int p = i + HEADER.length();
    if (s.regionMatches(true, p, "-public", 0, 7)) {
      p += 7;
    }
    p = LogText.skipSpace(s, p, s.length());
    if (p >= s.length() || s.charAt(p) != ':') {
      return null;
    }
    p = LogText.skipSpace(s, p + 1, s.length());
    int q = p;
    while (q < s.length() && q - p < 9 && Character.isDigit(s.charAt(q)) && s.charAt(q) < 128) {
      q++;
    }
    if (q == p || (q < s.length() && Character.isDigit(s.charAt(q)))) {
      return null;
    }
    int code = Integer.parseInt(s.substring(p, q));
    int end = q;
    Map<String, String> params = Map.of();
    int semi = LogText.skipSpace(s, q, s.length());
    if (semi < s.length() && s.charAt(semi) == ';') {
      SipParameters.Parsed parsed = SipParameters.parse(s, semi + 1, s.length());
      params = parsed.values();
      end = Math.max(end, parsed.end());
    }
    Facts f = new Facts(DiagnosticKind.MS_DIAGNOSTICS_HEADER, LogText.excerpt(s, i, end, MAX_EXCERPT));
    f.code = code;
    f.params = cleaned(params);
    f.microsoftText = SipParameters.get(f.params, "reason");
    f.errorText = SipParameters.get(f.params, "ErrorType");
    String hr = SipParameters.get(f.params, "HRESULT");
    if (hr != null) {
      f.hresult = LogText.hex32(hr, 0, hr.length());
      int open = hr.indexOf('(');
      f.hresultName = open >= 0 ? LogText.symbol(hr, open + 1, hr.length()) : LogText.symbol(hr, 0, hr.length());
      if (f.hresult == null && f.hresultName != null) {
        f.hresult = DiagnosticCatalogue.hresultHex(f.hresultName);
      }
    }
    return new HeaderMatch(f, end);
  }

  static Map<String, String> cleaned(Map<String, String> raw) {
    Map<String, String> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(k, SipParameters.clean(k, v)));
    return out;
  }

  /** [begin, end) of each Edge record; a record without its end marker runs to the next one. */
  private static List<int[]> edgeRegions(String lower) {
    List<int[]> regions = new ArrayList<>();
    int begin = lower.indexOf(BEGIN);
    int end = -2; // cached next end marker, so hostile input without end markers stays linear
    while (begin >= 0) {
      int next = lower.indexOf(BEGIN, begin + BEGIN.length());
      if (end != -1 && end < begin) {
        end = lower.indexOf(END, begin + BEGIN.length());
      }
      int stop = next < 0 ? lower.length() : next;
      int regionEnd = end >= 0 && end < stop ? end + END.length() : stop;
      regions.add(new int[] {begin, regionEnd});
      begin = next;
    }
    return regions;
  }

  /**
   * Where SIP messages start: lines (after indentation or an Expressway {@code |}) beginning with a
   * status line {@code SIP/2.0 504 ...} or a request line {@code METHOD sip:... SIP/2.0}.
   */
  private static List<int[]> messageStarts(String s) {
    List<int[]> starts = new ArrayList<>();
    int n = s.length();
    int line = 0;
    while (line < n) {
      int eol = line;
      while (eol < n && !LogText.isLineBreak(s.charAt(eol))) {
        eol++;
      }
      int p = line;
      while (p < eol && (s.charAt(p) == ' ' || s.charAt(p) == '\t' || s.charAt(p) == '|')) {
        p++;
      }
      if (s.startsWith("SIP/2.0 ", p) && p + 11 <= eol && isDigits(s, p + 8, p + 11)
          && (p + 11 == eol || s.charAt(p + 11) == ' ')) {
        starts.add(new int[] {p, Integer.parseInt(s.substring(p + 8, p + 11)), 0});
      } else {
        int m = p;
        while (m < eol && m - p <= 20 && s.charAt(m) >= 'A' && s.charAt(m) <= 'Z') {
          m++;
        }
        if (m > p && m - p <= 20 && m < eol && s.charAt(m) == ' '
            && (s.regionMatches(true, m + 1, "sip:", 0, 4) || s.regionMatches(true, m + 1, "sips:", 0, 5))
            && s.substring(m + 1, eol).contains(" SIP/2.0")) {
          starts.add(new int[] {p, 0, s.startsWith("INVITE", p) && m - p == 6 ? 1 : 0});
        }
      }
      line = eol + 1;
    }
    return starts;
  }

  private static boolean isDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean inside(List<int[]> regions, int pos) {
    int lo = 0;
    int hi = regions.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int[] r = regions.get(mid);
      if (pos < r[0]) {
        hi = mid - 1;
      } else if (pos >= r[1]) {
        lo = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  }

  private static int nextBoundary(List<Integer> sorted, int pos, int otherwise) {
    int i = Collections.binarySearch(sorted, pos + 1);
    int idx = i >= 0 ? i : -i - 1;
    return idx < sorted.size() ? sorted.get(idx) : otherwise;
  }

  private static boolean containsAny(List<Integer> sorted, int from, int to) {
    int i = Collections.binarySearch(sorted, from);
    int idx = i >= 0 ? i : -i - 1;
    return idx < sorted.size() && sorted.get(idx) < to;
  }

  /** Lower-cases ASCII letters only, so indices stay aligned with the original text. */
  static String asciiLower(String s) {
    char[] c = s.toCharArray();
    for (int i = 0; i < c.length; i++) {
      if (c[i] >= 'A' && c[i] <= 'Z') {
        c[i] = (char) (c[i] + 32);
      }
    }
    return new String(c);
  }

  /** Whether a rule list holds only certificate rules. */
  static boolean allCertificateRules(List<RuleId> rules) {
    return !rules.isEmpty() && rules.stream().allMatch(r -> r.name().startsWith("CERT_"));
  }
}
