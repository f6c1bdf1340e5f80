package io.fedcheck.core.rules;

import io.fedcheck.api.Finding;
import io.fedcheck.api.RuleId;
import java.util.Map;

/** The {@code DOMAIN_INVALID} rule: turns user input into a normalized ASCII domain or a finding. */
public final class DomainNames {
  private DomainNames() {}

  /**
   * Normalizes {@code input} (Unicode or ASCII, any case, trailing dot allowed) to lower-case ASCII.
   */
  public static DomainNameResult normalize(String input) {
    String s = input == null ? "" : input.strip();
    if (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    try {
      String ascii = java.net.IDN.toASCII(s, java.net.IDN.USE_STD3_ASCII_RULES).toLowerCase(java.util.Locale.ROOT);
      if (ascii.isEmpty() || !com.google.common.net.InternetDomainName.isValid(ascii)) {
        throw new IllegalArgumentException("not a valid domain name");
      }
      return new DomainNameResult(input == null ? "" : input, ascii, null);
    } catch (IllegalArgumentException e) {
      String in = input == null ? "" : input;
      return new DomainNameResult(in, null, Finding.of(RuleId.DOMAIN_INVALID, in,
          "\"" + in + "\" is not a valid DNS domain name: " + e.getMessage(),
          "Give the SIP domain as a DNS name, such as example.com.", Map.of()));
    }
  }
}
