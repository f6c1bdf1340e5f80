package io.fedcheck.cli.options;

import io.fedcheck.api.Severity;
import io.fedcheck.api.Verdict;

/**
 * ANSI styling for the text format, or none. Also makes untrusted text (DNS names, certificate
 * subjects, server messages) safe for a terminal. Immutable.
 */
public final class TextStyle {
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String DIM = "\u001b[2m";
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String MAGENTA = "\u001b[35m";
  private static final String CYAN = "\u001b[36m";

  private final boolean enabled;

  public TextStyle(boolean enabled) {
    this.enabled = enabled;
  }

  boolean enabled() {
    return enabled;
  }

  public String verdict(Verdict v) {
    String code = switch (v) {
      case PASS -> GREEN;
      case WARN -> YELLOW;
      case FAIL -> RED;
      case UNKNOWN -> MAGENTA;
    };
    return paint(BOLD + code, v.name());
  }

  public String severity(Severity s, String text) {
    String code = switch (s) {
      case ERROR -> RED;
      case WARNING -> YELLOW;
      case INFO -> CYAN;
    };
    return paint(code, text);
  }

  public String bold(String text) {
    return paint(BOLD, text);
  }

  public String dim(String text) {
    return paint(DIM, text);
  }

  private String paint(String code, String text) {
    return enabled ? code + text + RESET : text;
  }

  /**
   * Replaces control characters with visible escapes, so that a hostile DNS answer or certificate
   * cannot move the cursor or recolour the terminal.
   */
  public static String clean(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
      if (control && b == null) {
        b = new StringBuilder(s.length() + 8).append(s, 0, i);
      }
      if (b != null) {
        if (control) {
          b.append(String.format("\\u%04x", (int) c));
        } else {
          b.append(c);
        }
      }
    }
    return b == null ? s : b.toString();
  }
}
