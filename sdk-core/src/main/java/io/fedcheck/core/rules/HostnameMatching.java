package io.fedcheck.core.rules;

import com.google.common.net.InternetDomainName;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Matches a target FQDN against the names a certificate presents, following RFC 6125 as Microsoft
 * edges apply it:
 *
 * <ul>
 *   <li>subjectAltName dNSName entries are used; the subject CN counts only when the certificate
 *       has no subjectAltName extension at all;
 *   <li>a wildcard is a whole left-most label {@code *} ({@code *.example.com}) matching exactly one
 *       label; partial-label wildcards ({@code f*.example.com}), wildcards in other labels ({@code
 *       *.*.example.com}) and wildcards over an ICANN registry suffix ({@code *.com}, {@code
 *       *.co.uk}, judged by Guava's {@link InternetDomainName#isRegistrySuffix()}) never match;
 *   <li>a presented name with a NUL, a space or any non-ASCII character never matches; {@code xn--}
 *       names are compared in their ASCII form; comparison ignores ASCII case and one trailing dot.
 * </ul>
 *
 * <p>Wildcards over <em>private</em> public-suffix-list entries (such as {@code *.github.io}) are
 * accepted: their owners legitimately hold such certificates, and only registry suffixes are
 * forbidden to CAs.
 *
 * <p>Stateless and thread-safe. The per-name parsing is done once per certificate (see {@link
 * CertificateFacts}), so matching itself is plain string comparison.
 */
public final class HostnameMatching {
  private HostnameMatching() {}

  /** How a target FQDN relates to a certificate's names. */
  public enum Kind {
    /** A subjectAltName dNSName equals the FQDN. */
    EXACT,
    /** There is no subjectAltName extension and the subject CN equals the FQDN. */
    EXACT_COMMON_NAME,
    /** Only a wildcard name (SAN, or CN without SAN) matches. */
    WILDCARD,
    /** No SAN matches; the FQDN appears only in the subject CN, which the SAN extension voids. */
    ONLY_IN_IGNORED_COMMON_NAME,
    /** Nothing matches. */
    NONE;

    /** Whether a Microsoft edge would accept the certificate's name for the FQDN. */
    public boolean matches() {
      return this == EXACT || this == EXACT_COMMON_NAME || this == WILDCARD;
    }
  }

  /**
   * The result of matching.
   *
   * @param kind how the FQDN matched
   * @param presentedName the certificate name that matched (or the ignored CN), or empty
   */
  public record NameMatch(Kind kind, String presentedName) {
    public NameMatch {
      Objects.requireNonNull(kind, "kind");
      presentedName = presentedName == null ? "" : presentedName;
    }
  }

  /** Matches {@code fqdn} against the names of the certificate described by {@code facts}. */
  public static NameMatch match(CertificateFacts facts, String fqdn) {
    String host = canonicalHost(fqdn);
    if (host == null) {
      return new NameMatch(Kind.NONE, "");
    }
    if (facts.hasSubjectAltName()) {
      NameMatch m = matchAll(facts.sanPatterns(), host, Kind.EXACT);
      if (m != null) {
        return m;
      }
      for (PresentedName cn : facts.commonNamePatterns()) {
        if (cn.matchesExactly(host) || cn.matchesWildcard(host)) {
          return new NameMatch(Kind.ONLY_IN_IGNORED_COMMON_NAME, cn.raw());
        }
      }
      return new NameMatch(Kind.NONE, "");
    }
    NameMatch m = matchAll(facts.commonNamePatterns(), host, Kind.EXACT_COMMON_NAME);
    return m != null ? m : new NameMatch(Kind.NONE, "");
  }

  private static NameMatch matchAll(List<PresentedName> names, String host, Kind exactKind) {
    PresentedName wildcard = null;
    for (PresentedName n : names) {
      if (n.matchesExactly(host)) {
        return new NameMatch(exactKind, n.raw());
      }
      if (wildcard == null && n.matchesWildcard(host)) {
        wildcard = n;
      }
    }
    return wildcard == null ? null : new NameMatch(Kind.WILDCARD, wildcard.raw());
  }

  /**
   * Whether one presented name (a SAN dNSName or CN) matches {@code fqdn}, exactly or through a
   * valid wildcard. For reuse in tests and tools; the rules use {@link #match}.
   */
  public static boolean matches(String presentedName, String fqdn) {
    String host = canonicalHost(fqdn);
    if (host == null) {
      return false;
    }
    PresentedName p = PresentedName.parse(presentedName);
    return p.matchesExactly(host) || p.matchesWildcard(host);
  }

  /**
   * Whether {@code presentedName} is a wildcard this class refuses because it covers a public
   * (registry) suffix, such as {@code *.com} or {@code *.co.uk}.
   */
  public static boolean isPublicSuffixWildcard(String presentedName) {
    return PresentedName.parse(presentedName).publicSuffixWildcard();
  }

  /** Lower-case ASCII without trailing dot, or {@code null} when the FQDN can never match. */
  private static String canonicalHost(String fqdn) {
    if (fqdn == null || fqdn.isEmpty()) {
      return null;
    }
    String h = fqdn.endsWith(".") ? fqdn.substring(0, fqdn.length() - 1) : fqdn;
    for (int i = 0; i < h.length(); i++) {
      char c = h.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return null;
      }
      if (c >= 'A' && c <= 'Z') {
        return h.toLowerCase(Locale.ROOT);
      }
    }
    return h.isEmpty() ? null : h;
  }

  /**
   * A presented name parsed once: {@code usable} is false for names that can never match; for a
   * valid wildcard {@code suffix} is {@code ".example.com"}.
   */
  record PresentedName(String raw, String name, boolean usable, String suffix, boolean publicSuffixWildcard) {

    static PresentedName parse(String raw) {
      if (raw == null || raw.isEmpty()) {
        return new PresentedName("", "", false, null, false);
      }
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        // NUL, spaces, controls and non-ASCII (U-labels) never match: RFC 6125 compares A-labels.
        if (c <= 0x20 || c >= 0x7f) {
          return new PresentedName(raw, raw, false, null, false);
        }
      }
      String n = raw.toLowerCase(Locale.ROOT);
      if (n.endsWith(".")) {
        n = n.substring(0, n.length() - 1);
      }
      if (n.isEmpty() || n.startsWith(".") || n.contains("..")) {
        return new PresentedName(raw, n, false, null, false);
      }
      int star = n.indexOf('*');
      if (star < 0) {
        return new PresentedName(raw, n, true, null, false);
      }
      if (star != 0 || n.length() < 3 || n.charAt(1) != '.' || n.indexOf('*', 1) >= 0) {
        // f*.example.com, *foo.example.com, *.*.example.com, foo.*.example.com
        return new PresentedName(raw, n, false, null, false);
      }
      String base = n.substring(2);
      if (!InternetDomainName.isValid(base)) {
        return new PresentedName(raw, n, false, null, false);
      }
      if (InternetDomainName.from(base).isRegistrySuffix()) {
        return new PresentedName(raw, n, false, null, true);
      }
      if (base.indexOf('.') < 0) {
        // *.lab: a wildcard over a single label is never issued legitimately.
        return new PresentedName(raw, n, false, null, false);
      }
      return new PresentedName(raw, n, true, n.substring(1), false);
    }

    boolean matchesExactly(String host) {
      return usable && suffix == null && name.equals(host);
    }

    boolean matchesWildcard(String host) {
      if (!usable || suffix == null) {
        return false;
      }
      int labelLength = host.length() - suffix.length();
      // Exactly one non-empty left-most label before the suffix.
      return labelLength > 0 && host.endsWith(suffix) && host.indexOf('.') == labelLength;
    }
  }
}
