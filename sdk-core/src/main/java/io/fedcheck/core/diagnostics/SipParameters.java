package io.fedcheck.core.diagnostics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the {@code name=value;name="quoted value"} parameter lists of an {@code ms-diagnostics}
 * header and of an Edge record's {@code Data:} line.
 *
 * <p>Tolerates what pasted logs do to them: folding (line breaks and indentation between
 * parameters), line breaks inside quoted values and after the hyphen of a name ({@code expected-}
 * / {@code fqdn=}). Values are bounded in length and each character is looked at a bounded number
 * of times, so parsing is linear in the input.
 */
final class SipParameters {
  private SipParameters() {}

  static final int MAX_NAME = 64;
  static final int MAX_VALUE = 2048;

  /**
   * The parameters, by name as written (first occurrence wins), and where parsing stopped.
   *
   * @param values the raw values, quotes removed, inner whitespace kept
   * @param end the index just after the last parameter parsed
   */
  record Parsed(Map<String, String> values, int end) {}

  static Parsed parse(String s, int pos, int limit) {
    Map<String, String> values = new LinkedHashMap<>();
    int p = pos;
    int end = pos;
    while (true) {
      int q = LogText.skipSpace(s, p, limit);
      StringBuilder name = new StringBuilder();
      while (q < limit && name.length() <= MAX_NAME) {
        char c = s.charAt(q);
        if (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.') {
          name.append(c);
          q++;
        } else if (LogText.isSpace(c) && name.length() > 0 && name.charAt(name.length() - 1) == '-'
            && containsLineBreak(s, q, LogText.skipSpace(s, q, limit))) {
          // "expected-" at the end of a line, "fqdn=" on the next: one name broken by extraction.
          q = LogText.skipSpace(s, q, limit);
        } else {
          break;
        }
      }
      if (name.length() == 0 || name.length() > MAX_NAME) {
        break;
      }
      q = LogText.skipSpace(s, q, limit);
      if (q >= limit || s.charAt(q) != '=') {
        break;
      }
      q = LogText.skipSpace(s, q + 1, limit);
      if (q >= limit) {
        break;
      }
      String value;
      if (s.charAt(q) == '"') {
        int close = indexOf(s, '"', q + 1, Math.min(limit, q + 1 + MAX_VALUE));
        if (close < 0) {
          break;
        }
        value = s.substring(q + 1, close);
        q = close + 1;
      } else {
        int v = q;
        while (v < limit && v - q < MAX_VALUE && !LogText.isSpace(s.charAt(v))
            && ";,\"<>".indexOf(s.charAt(v)) < 0) {
          v++;
        }
        if (v == q) {
          break;
        }
        value = s.substring(q, v);
        q = v;
      }
      values.putIfAbsent(name.toString(), value);
      end = q;
      int next = LogText.skipSpace(s, q, limit);
      if (next < limit && s.charAt(next) == ';') {
        p = next + 1;
        end = p;
      } else {
        break;
      }
    }
    return new Parsed(values, end);
  }

  private static int indexOf(String s, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  private static boolean containsLineBreak(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (LogText.isLineBreak(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** The value of {@code name}, compared case-insensitively, or {@code null}. */
  static String get(Map<String, String> values, String name) {
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Whether a parameter carries a host name (so whitespace inside it is an artefact). */
  static boolean isHostParameter(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.startsWith("fqdn") && n.length() > 4) {
      for (int i = 4; i < n.length(); i++) {
        if (!Character.isDigit(n.charAt(i))) {
          return false;
        }
      }
      return true;
    }
    return switch (n) {
      case "tls-target", "peerserver", "expected-fqdn", "certname", "source", "peer" -> true;
      default -> false;
    };
  }

  /** A value cleaned of extraction artefacts: host names lose all whitespace, text collapses it. */
  static String clean(String name, String raw) {
    return isHostParameter(name) || "domain".equalsIgnoreCase(name)
        ? LogText.squeeze(raw)
        : LogText.collapse(raw);
  }
}
