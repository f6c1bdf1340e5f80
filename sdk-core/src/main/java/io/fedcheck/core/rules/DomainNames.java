package io.fedcheck.core.rules;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import io.fedcheck.api.Finding;
import io.fedcheck.api.RuleId;
import java.net.IDN;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code DOMAIN_INVALID} rule: turns user input into a normalized ASCII domain or a finding.
 *
 * <p>Accepted: any case, one trailing dot, surrounding spaces (dropped, as pasted input often
 * carries them), and Unicode (IDN) input, which is converted to its ASCII (punycode) form with {@link
 * IDN#toASCII} (IDNA 2003, as the JDK implements it). Rejected: empty input, inner whitespace or
 * control characters, empty labels ({@code ..}, a leading dot), labels over 63 or names over 253
 * octets, characters outside letters/digits/hyphen, IPv4 and IPv6 literals, and {@code xn--} labels
 * that are not valid punycode. The final check is Guava's {@link InternetDomainName#isValid}.
 *
 * <p>Stateless and thread-safe.
 */
public final class DomainNames {
  private static final int MAX_NAME = 253;
  private static final int MAX_LABEL = 63;

  private DomainNames() {}

  /**
   * Normalizes {@code input} (Unicode or ASCII, any case, trailing dot allowed) to lower-case ASCII
   * without the trailing dot, or explains why it is not a domain.
   */
  public static DomainNameResult normalize(String input) {
    String in = input == null ? "" : input;
    String problem = problemOf(in);
    if (problem != null) {
      return invalid(in, problem);
    }
    String s = stripTrailingDot(trimSpaces(in));
    if (com.google.common.base.CharMatcher.ascii().matchesAllOf(s)) {
      // Length problems first, so that the message names them rather than the JDK's IDN error.
      String early = asciiProblemOf(s.toLowerCase(Locale.ROOT));
      if (early != null) {
        return invalid(in, early);
      }
    }
    String ascii;
    try {
      ascii = IDN.toASCII(s, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      // The JDK reports over-long labels and prohibited code points this way.
      return invalid(in, "it cannot be converted to an ASCII (punycode) name: " + e.getMessage());
    }
    String after = asciiProblemOf(ascii);
    if (after != null) {
      return invalid(in, after);
    }
    return new DomainNameResult(in, ascii, null);
  }

  /** Problems visible in the raw input, before IDN conversion; {@code null} when there are none. */
  private static String problemOf(String in) {
    String s = trimSpaces(in);
    if (s.isEmpty()) {
      return "it is empty";
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) || c == '\u200b' || c == '\ufeff') {
        return "it contains a control character (U+" + String.format("%04X", (int) c) + ")";
      }
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        return "it contains whitespace";
      }
    }
    String host = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
    if (InetAddresses.isInetAddress(host) || InetAddresses.isInetAddress(stripTrailingDot(host))) {
      return "it is an IP address literal, not a domain name (the SRV lookup needs the SIP domain)";
    }
    if (s.equals(".")) {
      return "it is the DNS root, not a domain";
    }
    if (s.startsWith(".")) {
      return "it starts with a dot (empty label)";
    }
    if (stripTrailingDot(s).contains("..")) {
      return "it contains an empty label (\"..\")";
    }
    if (s.indexOf(':') >= 0 || s.indexOf('/') >= 0 || s.indexOf('@') >= 0) {
      return "it contains ':', '/' or '@' (give only the domain, such as example.com, not a URI or"
          + " address)";
    }
    return null;
  }

  /** Problems of the ASCII form; {@code null} when it is a valid domain. */
  private static String asciiProblemOf(String ascii) {
    if (ascii.isEmpty()) {
      return "it is empty";
    }
    if (ascii.length() > MAX_NAME) {
      return "it is " + ascii.length() + " characters long in ASCII form (at most 253)";
    }
    int start = 0;
    while (start <= ascii.length()) {
      int dot = ascii.indexOf('.', start);
      int end = dot < 0 ? ascii.length() : dot;
      String label = ascii.substring(start, end);
      if (label.isEmpty()) {
        return "it contains an empty label";
      }
      if (label.length() > MAX_LABEL) {
        return "its label \"" + label + "\" is " + label.length() + " characters long (at most 63)";
      }
      if (label.startsWith("xn--") && !isValidPunycode(label)) {
        return "its label \"" + label + "\" is not valid punycode";
      }
      if (dot < 0) {
        break;
      }
      start = dot + 1;
    }
    if (InetAddresses.isInetAddress(ascii)) {
      return "it is an IP address literal, not a domain name";
    }
    if (!InternetDomainName.isValid(ascii)) {
      return "it is not a valid DNS name (letters, digits and hyphens only; the last label must not"
          + " be numeric)";
    }
    return null;
  }

  /**
   * Whether an {@code xn--} label decodes: {@link IDN#toUnicode} returns its input unchanged when it
   * cannot decode it, and a valid A-label survives the round trip back to ASCII.
   */
  static boolean isValidPunycode(String label) {
    String unicode = IDN.toUnicode(label, IDN.USE_STD3_ASCII_RULES);
    if (unicode.equalsIgnoreCase(label)) {
      return false;
    }
    try {
      return IDN.toASCII(unicode, IDN.USE_STD3_ASCII_RULES).equalsIgnoreCase(label);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Drops surrounding ASCII spaces only: tabs, newlines and other controls stay and are refused. */
  private static String trimSpaces(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == ' ') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == ' ') {
      end--;
    }
    return s.substring(start, end);
  }

  private static String stripTrailingDot(String s) {
    return s.length() > 1 && s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static DomainNameResult invalid(String in, String why) {
    String shown = trimSpaces(in);
    return new DomainNameResult(in, null, Finding.of(RuleId.DOMAIN_INVALID, shown,
        "\"" + printable(shown) + "\" is not a valid DNS domain name: " + why + ".",
        "Give the SIP domain as a DNS name, such as example.com (the part after '@' in a SIP"
            + " address); Unicode names are accepted and converted to punycode.",
        Map.of("input", printable(shown), "reason", why)));
  }

  /** The input with control characters escaped, so that a message never carries them. */
  private static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c)) {
        b.append(String.format("\\u%04X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
