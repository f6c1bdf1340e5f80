package io.fedcheck.core.rules;

import io.fedcheck.api.Finding;
import io.fedcheck.api.Policy;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Severity;
import io.fedcheck.api.TargetObservation;
import io.fedcheck.core.rules.HostnameMatching.Kind;
import io.fedcheck.core.rules.HostnameMatching.NameMatch;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The certificate rules, applied to the chain a target presented: names on the leaf ({@code
 * CERT_NAME_MISMATCH}, {@code CERT_NAME_WILDCARD}, RFC 6125 via {@link HostnameMatching}), trust of
 * the chain ({@code CERT_UNTRUSTED}, {@code CERT_PRIVATE_CA}, via a {@link TrustEvaluator}), and the
 * leaf's dates ({@code CERT_EXPIRED}, {@code CERT_NOT_YET_VALID}, {@code CERT_EXPIRING_SOON}), EKU
 * ({@code CERT_NO_SERVER_AUTH_EKU}, {@code CERT_NO_CLIENT_AUTH_EKU}) and strength ({@code
 * CERT_WEAK_KEY}, {@code CERT_WEAK_SIGNATURE}).
 *
 * <p>Each problem is reported once under its own rule: the trust evaluator judges the path apart
 * from dates, EKU and algorithm strength (see {@link PkixTrustEvaluator}).
 *
 * <p>Stateless and thread-safe; the leaf's parsed facts come from {@link CertificateFacts#of}.
 */
public final class CertificateRules {
  private CertificateRules() {}

  /**
   * Applies the certificate rules to one target of {@code domain}; no findings when no chain was
   * presented.
   */
  public static List<Finding> evaluate(String domain, TargetObservation target, Policy policy,
      Instant now, TrustEvaluator trust) {
    List<Finding> out = new ArrayList<>(2);
    collect(domain, target.fqdn(), target.srv().port(), target.certificate().chain(), policy, now,
        trust, out);
    return out;
  }

  /**
   * Applies the certificate rules to a chain presented by {@code fqdn:port} for {@code domain}
   * (leaf first); no findings for an empty chain.
   */
  public static List<Finding> evaluate(String domain, String fqdn, int port,
      List<X509Certificate> chain, Policy policy, Instant now, TrustEvaluator trust) {
    List<Finding> out = new ArrayList<>(2);
    collect(domain, fqdn, port, chain, policy, now, trust, out);
    return out;
  }

  static void collect(String domain, String fqdn, int port, List<X509Certificate> chain,
      Policy policy, Instant now, TrustEvaluator trust, List<Finding> out) {
    Objects.requireNonNull(trust, "trust");
    if (chain.isEmpty()) {
      return;
    }
    CertificateFacts leaf = CertificateFacts.of(chain.get(0));
    names(domain, fqdn, port, leaf, out);
    trust(domain, fqdn, port, chain, leaf, policy, now, trust, out);
    dates(domain, fqdn, port, leaf, policy, now, out);
    usages(domain, fqdn, port, leaf, policy, out);
    strength(domain, fqdn, port, leaf, policy, out);
  }

  /** {@code fqdn:port}, built only when a finding needs it. */
  private static String endpoint(String fqdn, int port) {
    return fqdn + ":" + port;
  }

  private static void names(
      String domain, String fqdn, int port, CertificateFacts leaf, List<Finding> out) {
    NameMatch m = HostnameMatching.match(leaf, fqdn);
    if (m.kind() == Kind.EXACT || m.kind() == Kind.EXACT_COMMON_NAME) {
      return;
    }
    String sans = Evidence.list(leaf.dnsNames());
    String cns = Evidence.list(leaf.commonNames());
    if (m.kind() == Kind.WILDCARD) {
      out.add(Finding.of(RuleId.CERT_NAME_WILDCARD, fqdn,
          "The certificate presented by " + endpoint(fqdn, port) + " (SRV target of " + domain + ") names "
              + fqdn + " only through the wildcard " + m.presentedName() + "; Microsoft does not"
              + " support wildcard certificates on federation edges.",
          "Reissue the certificate with `" + fqdn + "` as an explicit subjectAltName dNSName"
              + " entry.",
          Evidence.of("domain", domain, "target", fqdn, "wildcard", m.presentedName(), "san",
              sans)));
      return;
    }
    String why;
    if (m.kind() == Kind.ONLY_IN_IGNORED_COMMON_NAME) {
      why = "it names " + fqdn + " only in its subject CN (" + Evidence.printable(m.presentedName())
          + "), which is ignored because the certificate has a subjectAltName extension (SAN: "
          + sans + ")";
    } else if (leaf.hasSubjectAltName()) {
      why = "its subjectAltName lists " + sans;
    } else {
      why = "it has no subjectAltName extension and its subject CN is " + cns;
    }
    List<String> keep = new ArrayList<>();
    for (String n : leaf.dnsNames()) {
      if (!n.equals(fqdn)) {
        keep.add(n);
      }
    }
    out.add(Finding.of(RuleId.CERT_NAME_MISMATCH, fqdn,
        "The certificate presented by " + endpoint(fqdn, port) + " (SRV target of " + domain
            + ") does not name " + fqdn + ": " + why + ". A Microsoft edge rejects it with"
            + " ms-diagnostics 1010 \"The peer certificate does not contain a matching FQDN\""
            + " (SEC_E_WRONG_PRINCIPAL).",
        "Reissue the certificate of " + fqdn + " with `" + fqdn + "` in its subjectAltName"
            + (keep.isEmpty() ? "" : " (keep the names it already serves: "
                + Evidence.list(keep) + ")") + ", and install it on " + endpoint(fqdn, port) + ".",
        Evidence.of("domain", domain, "target", fqdn, "san", sans, "cn", cns, "match",
            m.kind().name())));
  }

  private static void trust(String domain, String fqdn, int port,
      List<X509Certificate> chain, CertificateFacts leaf, Policy policy, Instant now,
      TrustEvaluator trust, List<Finding> out) {
    TrustDecision d = trust.evaluate(chain, now);
    if (d.status() == TrustDecision.Status.UNTRUSTED) {
      out.add(Finding.of(RuleId.CERT_UNTRUSTED, fqdn,
          "The certificate chain presented by " + endpoint(fqdn, port) + " (SRV target of " + domain
              + ") does not lead to a trusted root: " + d.reason() + ". A Microsoft edge"
              + " reports ms-diagnostics 1010 (edge event 14428).",
          "Install a certificate for " + fqdn + " from a public CA"
              + (policy.requiresPublicCa() ? "" : " (or one whose private root the edge trusts)")
              + ", and configure " + endpoint(fqdn, port) + " to send the full chain: the leaf and every"
              + " intermediate certificate.",
          Evidence.of("domain", domain, "target", fqdn, "subject", leaf.subject(), "issuer",
              leaf.issuer(), "chainLength", Integer.toString(chain.size()), "reason",
              d.reason())));
    } else if (d.status() == TrustDecision.Status.TRUSTED_PRIVATE) {
      Finding f = Finding.of(RuleId.CERT_PRIVATE_CA, fqdn,
          "The certificate chain presented by " + endpoint(fqdn, port) + " (SRV target of " + domain
              + ") validates only to a privately added root, not to a public CA"
              + (policy.requiresPublicCa()
                  ? ". Microsoft 365 requires a public CA and reports ms-diagnostics 1010."
                  : ". An on-premises edge accepts it only with that root imported; Microsoft"
                      + " 365 would reject it."),
          policy.requiresPublicCa()
              ? "Replace the certificate of " + fqdn + " with one issued by a public CA (a"
                  + " member of the Microsoft Trusted Root Program)."
              : "Import the private root into every partner edge's trusted root store, or use a"
                  + " certificate from a public CA for " + fqdn + ".",
          Evidence.of("domain", domain, "target", fqdn, "issuer", leaf.issuer()));
      out.add(policy.requiresPublicCa() ? f.withSeverity(Severity.ERROR) : f);
    }
  }

  private static void dates(String domain, String fqdn, int port, CertificateFacts leaf,
      Policy policy, Instant now, List<Finding> out) {
    int validity = leaf.validityAt(now);
    if (validity > 0) {
      out.add(Finding.of(RuleId.CERT_EXPIRED, fqdn,
          "The certificate presented by " + endpoint(fqdn, port) + " (SRV target of " + domain
              + ") expired at " + leaf.notAfter() + " (checked at " + now + "). A Microsoft edge"
              + " reports ms-diagnostics 1010.",
          "Renew the certificate of " + fqdn + " and install it with its intermediates on "
              + endpoint(fqdn, port) + ".",
          Evidence.of("domain", domain, "target", fqdn, "notAfter", leaf.notAfter().toString(),
              "checkedAt", now.toString())));
    } else if (validity < 0) {
      out.add(Finding.of(RuleId.CERT_NOT_YET_VALID, fqdn,
          "The certificate presented by " + endpoint(fqdn, port) + " (SRV target of " + domain
              + ") is not valid before " + leaf.notBefore() + " (checked at " + now
              + "). A Microsoft edge reports ms-diagnostics 1010.",
          "Check the clock of the issuing CA and of " + fqdn + ", or install a certificate whose"
              + " validity has begun.",
          Evidence.of("domain", domain, "target", fqdn, "notBefore",
              leaf.notBefore().toString(), "checkedAt", now.toString())));
    } else {
      Duration window = policy.expiringSoonWindow();
      Instant notAfter = leaf.notAfter();
      if (!notAfter.isAfter(now.plus(window))) {
        long days = Duration.between(now, notAfter).toDays();
        out.add(Finding.of(RuleId.CERT_EXPIRING_SOON, fqdn,
            "The certificate presented by " + endpoint(fqdn, port) + " (SRV target of " + domain
                + ") expires at " + notAfter + ", in " + days + " day" + (days == 1 ? "" : "s")
                + "; federation with " + domain + " stops then.",
            "Renew the certificate of " + fqdn + " now and install it on " + endpoint(fqdn, port) + ".",
            Evidence.of("domain", domain, "target", fqdn, "notAfter", notAfter.toString(),
                "daysLeft", Long.toString(days))));
      }
    }
  }

  private static void usages(String domain, String fqdn, int port, CertificateFacts leaf,
      Policy policy, List<Finding> out) {
    // Most leaves allow both purposes: decide first, and list the EKUs only for a finding.
    if (!leaf.hasExtendedKeyUsage() || leaf.allowsServerAuth() && leaf.allowsClientAuth()) {
      return;
    }
    String ekus = Evidence.list(List.copyOf(leaf.extendedKeyUsages()));
    if (!leaf.allowsServerAuth()) {
      out.add(Finding.of(RuleId.CERT_NO_SERVER_AUTH_EKU, fqdn,
          "The certificate presented by " + endpoint(fqdn, port) + " (SRV target of " + domain
              + ") has an extended key usage without serverAuth (" + ekus + "), so it may not be"
              + " used by a TLS server; a Microsoft edge reports ms-diagnostics 1010.",
          "Reissue the certificate of " + fqdn + " with the serverAuth (1.3.6.1.5.5.7.3.1) and"
              + " clientAuth (1.3.6.1.5.5.7.3.2) extended key usages.",
          Evidence.of("domain", domain, "target", fqdn, "eku", ekus)));
    }
    if (!leaf.allowsClientAuth()) {
      Finding f = Finding.of(RuleId.CERT_NO_CLIENT_AUTH_EKU, fqdn,
          "The certificate presented by " + endpoint(fqdn, port) + " (SRV target of " + domain
              + ") has an extended key usage without clientAuth (" + ekus + "). Federation is"
              + " mutual TLS: when this edge calls a Microsoft edge it presents the same"
              + " certificate as a client, and it may be refused.",
          "Reissue the certificate of " + fqdn + " with the clientAuth (1.3.6.1.5.5.7.3.2)"
              + " extended key usage as well as serverAuth (public CAs that issue serverAuth-only"
              + " certificates may need a dedicated client/server profile or a private CA"
              + " for the client side).",
          Evidence.of("domain", domain, "target", fqdn, "eku", ekus));
      out.add(policy.requireClientAuthEku() ? f.withSeverity(Severity.ERROR) : f);
    }
  }

  private static void strength(String domain, String fqdn, int port, CertificateFacts leaf,
      Policy policy, List<Finding> out) {
    String alg = leaf.keyAlgorithm();
    int bits = leaf.keyBits();
    int minimum = "RSA".equals(alg) ? policy.minimumRsaBits()
        : "EC".equals(alg) ? policy.minimumEcBits() : -1;
    if (minimum > 0 && bits > 0 && bits < minimum) {
      out.add(Finding.of(RuleId.CERT_WEAK_KEY, fqdn,
          "The certificate presented by " + endpoint(fqdn, port) + " (SRV target of " + domain + ") has a "
              + bits + "-bit " + alg + " key; at least " + minimum + " bits are expected, and"
              + " stricter peers refuse smaller keys.",
          "Reissue the certificate of " + fqdn + " with an RSA key of at least "
              + policy.minimumRsaBits() + " bits or an EC key of at least "
              + policy.minimumEcBits() + " bits (such as P-256).",
          Evidence.of("domain", domain, "target", fqdn, "key", alg + " " + bits)));
    }
    String hash = leaf.weakSignatureHash();
    if (!hash.isEmpty()) {
      out.add(Finding.of(RuleId.CERT_WEAK_SIGNATURE, fqdn,
          "The certificate presented by " + endpoint(fqdn, port) + " (SRV target of " + domain
              + ") is signed with " + hash + " (" + leaf.signatureAlgorithm() + "), which is"
              + " broken; current peers and CAs refuse such signatures.",
          "Reissue the certificate of " + fqdn + " with a SHA-256 (or stronger) signature.",
          Evidence.of("domain", domain, "target", fqdn, "signature",
              leaf.signatureAlgorithm())));
    }
  }
}
