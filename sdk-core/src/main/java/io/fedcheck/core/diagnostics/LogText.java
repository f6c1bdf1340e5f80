package io.fedcheck.core.diagnostics;

import io.fedcheck.core.rules.DomainNameResult;
import io.fedcheck.core.rules.DomainNames;
import java.util.Locale;

/**
 * Character-level scanning of pasted log text. Every method runs in time linear in the span it is
 * given, without regular expressions, so hostile input cannot make the explainer backtrack.
 */
final class LogText {
  private LogText() {}

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0x0B;
  }

  static boolean isLineBreak(char c) {
    return c == '\r' || c == '\n';
  }

  static int skipSpace(String s, int p, int limit) {
    while (p < limit && isSpace(s.charAt(p))) {
      p++;
    }
    return p;
  }

  /** Whether {@code s} at {@code p} is not preceded by a word character (letter, digit, '-', '_'). */
  static boolean wordStart(String s, int p) {
    if (p == 0) {
      return true;
    }
    char c = s.charAt(p - 1);
    return !(Character.isLetterOrDigit(c) || c == '-' || c == '_');
  }

  /** Collapses every whitespace run to one space and strips the ends. */
  static String collapse(CharSequence s) {
    StringBuilder b = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isSpace(c)) {
        space = b.length() > 0;
      } else {
        if (space) {
          b.append(' ');
          space = false;
        }
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Removes all whitespace: host names broken across lines by text extraction. */
  static String squeeze(CharSequence s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isSpace(c)) {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** A short, single-line excerpt of {@code s[from, to)}. */
  static String excerpt(String s, int from, int to, int max) {
    String c = collapse(s.substring(from, Math.min(to, Math.min(s.length(), from + max * 4))));
    return c.length() <= max ? c : c.substring(0, max - 1) + "…";
  }

  /**
   * Reads {@code 0x} plus eight hex digits at {@code p}, case-insensitively; returns it upper-case
   * ({@code 0xC3E93D6F}) or {@code null}. The hex must not be followed by another hex digit.
   */
  static String hex32(String s, int p, int limit) {
    if (p + 10 > limit || s.charAt(p) != '0' || (s.charAt(p + 1) != 'x' && s.charAt(p + 1) != 'X')) {
      return null;
    }
    for (int i = p + 2; i < p + 10; i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return null;
      }
    }
    if (p + 10 < limit && Character.digit(s.charAt(p + 10), 16) >= 0) {
      return null;
    }
    return "0x" + s.substring(p + 2, p + 10).toUpperCase(Locale.ROOT);
  }

  /** Reads a symbolic status name such as {@code SEC_E_WRONG_PRINCIPAL} at {@code p}, or null. */
  static String symbol(String s, int p, int limit) {
    int q = p;
    while (q < limit && q - p < 80) {
      char c = s.charAt(q);
      if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
        q++;
      } else {
        break;
      }
    }
    String sym = s.substring(p, q);
    return sym.indexOf('_') > 0 ? sym : null;
  }

  /** The host part of a {@code host[:port]} value, or the value itself. */
  static String host(String hostPort) {
    if (hostPort == null) {
      return null;
    }
    int colon = hostPort.lastIndexOf(':');
    String h = colon > 0 && hostPort.indexOf(':') == colon ? hostPort.substring(0, colon) : hostPort;
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  /** The normalized domain, or {@code null} when {@code name} is not a valid domain name. */
  static String domainOrNull(String name) {
    if (name == null || name.isEmpty() || name.length() > 253) {
      return null;
    }
    DomainNameResult r = DomainNames.normalize(name);
    return r.isValid() ? r.ascii() : null;
  }

  /** The parent of a host name ({@code vcse.steven.lab} → {@code steven.lab}), or {@code null}. */
  static String parent(String host) {
    if (host == null) {
      return null;
    }
    int dot = host.indexOf('.');
    return dot > 0 && dot < host.length() - 1 ? host.substring(dot + 1) : null;
  }

  /**
   * The domain of the first {@code sip:} / {@code sips:} URI in {@code value}
   * ({@code "DX70" <sip:2000@acano.steven.lab>;tag=1} → {@code acano.steven.lab}), or null.
   */
  static String sipUriDomain(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    int at = lower.indexOf("sip:");
    int len = 4;
    int sips = lower.indexOf("sips:");
    if (sips >= 0 && (at < 0 || sips < at)) {
      at = sips;
      len = 5;
    }
    if (at < 0) {
      return null;
    }
    int p = at + len;
    int q = p;
    while (q < value.length() && ">;?,\" \t\r\n".indexOf(value.charAt(q)) < 0) {
      q++;
    }
    String userHost = value.substring(p, q);
    String host = userHost.substring(userHost.lastIndexOf('@') + 1);
    return domainOrNull(host(host));
  }
}
