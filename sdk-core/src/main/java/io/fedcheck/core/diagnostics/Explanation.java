package io.fedcheck.core.diagnostics;

import io.fedcheck.api.RuleId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one piece of Microsoft diagnostics (a header, an Edge record, a 504, an INVITE) means.
 *
 * <p>Immutable and thread-safe. Absent facts are {@code null}; collections are never null.
 *
 * @param kind what the text was
 * @param msDiagnosticsCode the {@code ms-diagnostics} code (1009, ...), or {@code null}
 * @param resultCode the Edge record's result code, upper-case hex such as {@code 0xC3E93D6F}, or
 *     {@code null}
 * @param resultName the result code's symbolic name ({@code SIPPROXY_E_...}) as logged, or {@code
 *     null}
 * @param hresult the SSPI / CryptoAPI status of a certificate failure, upper-case hex such as
 *     {@code 0x80090322}, or {@code null}
 * @param hresultName the status's symbolic name ({@code SEC_E_WRONG_PRINCIPAL}), or {@code null}
 * @param recognised {@code false} when the code is unknown to fedcheck (then {@code rules} is
 *     empty: fedcheck never guesses)
 * @param rules the fedcheck rule this is, or several candidates when the diagnostic is ambiguous;
 *     empty for an unknown code or when the diagnostic is not a rule of the catalogue (1027, 1034,
 *     an INVITE)
 * @param plainLanguage what happened, in plain language, naming the domain and FQDNs
 * @param remediation what to do about it
 * @param sipDomain the SIP domain the diagnostic names (the {@code domain} parameter, or the
 *     domain of an INVITE's P-Asserted-Identity / From), or {@code null}
 * @param fqdns the host names the diagnostic names, by their parameter name as logged ({@code
 *     fqdn1}, {@code tls-target}, {@code PeerServer}, {@code expected-fqdn}, {@code certName},
 *     {@code source}, {@code Peer}), values as logged (with a port when it had one), in order
 * @param checkDomain the domain a live check should examine, or {@code null} when none can be told
 * @param excerpt the text the explanation was read from, whitespace collapsed, shortened
 */
public record Explanation(
    DiagnosticKind kind,
    Integer msDiagnosticsCode,
    String resultCode,
    String resultName,
    String hresult,
    String hresultName,
    boolean recognised,
    List<RuleId> rules,
    String plainLanguage,
    String remediation,
    String sipDomain,
    Map<String, String> fqdns,
    String checkDomain,
    String excerpt) {

  public Explanation {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(plainLanguage, "plainLanguage");
    Objects.requireNonNull(remediation, "remediation");
    Objects.requireNonNull(excerpt, "excerpt");
    rules = List.copyOf(rules);
    fqdns = Collections.unmodifiableMap(new LinkedHashMap<>(fqdns));
    if (msDiagnosticsCode != null && msDiagnosticsCode < 0) {
      throw new IllegalArgumentException("msDiagnosticsCode must not be negative: " + msDiagnosticsCode);
    }
    checkHex("resultCode", resultCode);
    checkHex("hresult", hresult);
    if (!recognised && !rules.isEmpty()) {
      throw new IllegalArgumentException("an unrecognised diagnostic names no rule");
    }
    if (plainLanguage.isBlank()) {
      throw new IllegalArgumentException("plainLanguage must not be blank");
    }
  }

  private static void checkHex(String what, String value) {
    if (value == null) {
      return;
    }
    boolean ok = value.length() == 10 && value.startsWith("0x");
    for (int i = 2; ok && i < value.length(); i++) {
      char c = value.charAt(i);
      ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
    }
    if (!ok) {
      throw new IllegalArgumentException(what + " must look like 0xC3E93D6F: " + value);
    }
  }

  /** The domain a live check should examine, if one can be told. */
  public Optional<String> checkDomainIfAny() {
    return Optional.ofNullable(checkDomain);
  }

  /** The SIP domain the diagnostic names, if any. */
  public Optional<String> sipDomainIfAny() {
    return Optional.ofNullable(sipDomain);
  }
}
