package io.fedcheck.api.sip;

import java.util.Locale;
import java.util.Map;

/**
 * The header-field grammar of SIP (RFC 3261 section 7.3), shared by the wire codec ({@link
 * SipOptionsExchange}) and the explainer of pasted logs, so both read a header line the same way:
 * a token name, optional white space, a colon; compact names ({@code l}, {@code i}, {@code f}...)
 * stand for their full names. Pure static functions over character sequences; thread-safe.
 */
public final class SipHeaders {
  private SipHeaders() {}

  /** Compact forms (RFC 3261 section 7.3.3 and later RFCs) to full lower-case names. */
  private static final Map<String, String> COMPACT = Map.ofEntries(
      Map.entry("a", "accept-contact"), Map.entry("b", "referred-by"),
      Map.entry("c", "content-type"), Map.entry("d", "request-disposition"),
      Map.entry("e", "content-encoding"), Map.entry("f", "from"),
      Map.entry("i", "call-id"), Map.entry("j", "reject-contact"),
      Map.entry("k", "supported"), Map.entry("l", "content-length"),
      Map.entry("m", "contact"), Map.entry("n", "identity-info"),
      Map.entry("o", "event"), Map.entry("r", "refer-to"),
      Map.entry("s", "subject"), Map.entry("t", "to"),
      Map.entry("u", "allow-events"), Map.entry("v", "via"),
      Map.entry("x", "session-expires"), Map.entry("y", "identity"));

  /** The longest header name taken as one; longer runs of token characters are not a name. */
  public static final int MAX_NAME = 64;

  /**
   * Where the colon of a header field starting at {@code from} is: the line {@code [from, eol)}
   * must begin with a token of at most {@link #MAX_NAME} characters, then optional spaces or tabs,
   * then {@code ':'}. Returns the colon's index, or {@code -1} when the line is not a header field.
   *
   * @param s the text holding the line
   * @param from the index where the line starts
   * @param eol the index where the line ends (exclusive, before any line terminator)
   * @return the colon's index, or {@code -1}
   */
  public static int colon(CharSequence s, int from, int eol) {
    int q = from;
    while (q < eol && q - from <= MAX_NAME && isTokenChar(s.charAt(q))) {
      q++;
    }
    if (q == from || q - from > MAX_NAME) {
      return -1;
    }
    int nameEnd = q;
    while (q < eol && (s.charAt(q) == ' ' || s.charAt(q) == '\t')) {
      q++;
    }
    return q < eol && s.charAt(q) == ':' && nameEnd > from ? q : -1;
  }

  /**
   * The end of the name of the header field whose colon {@link #colon} found.
   *
   * @param s the text holding the line
   * @param from the index where the line starts
   * @param colon the colon's index, as {@link #colon} returned it
   * @return the index just past the name, before any spaces or tabs that precede the colon
   */
  public static int nameEnd(CharSequence s, int from, int colon) {
    int q = colon;
    while (q > from && (s.charAt(q - 1) == ' ' || s.charAt(q - 1) == '\t')) {
      q--;
    }
    return q;
  }

  /**
   * The full lower-case name of a header name as written: {@code "Content-Length"}, {@code "l"}
   * and {@code "L"} all give {@code "content-length"}.
   *
   * @param name the header name as written
   * @return the full lower-case name
   */
  public static String canonicalName(CharSequence name) {
    String lower = name.toString().toLowerCase(Locale.ROOT);
    return COMPACT.getOrDefault(lower, lower);
  }

  /**
   * Whether {@code c} may appear in a SIP token (RFC 3261 section 25.1).
   *
   * @param c the character to test
   * @return {@code true} for a letter, digit or one of {@code -.!%*_+`'~}
   */
  public static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || "-.!%*_+`'~".indexOf(c) >= 0;
  }
}
