package io.fedcheck.core.rules;

import io.fedcheck.api.Policy;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PKIX path validation of a presented chain against a policy's trust anchors: the JDK's public
 * roots (when {@link Policy#publicRoots()}) and the caller's {@link Policy#extraTrustAnchors()}.
 *
 * <p>How trust is kept apart from the other certificate rules:
 *
 * <ul>
 *   <li><b>Dates.</b> The path is validated at {@code at} moved into the leaf's validity window, so
 *       an expired or not-yet-valid leaf is reported by {@code CERT_EXPIRED} / {@code
 *       CERT_NOT_YET_VALID} only. An intermediate that is invalid at that moment still breaks the
 *       path (untrusted), since no leaf rule would report it.
 *   <li><b>Algorithms.</b> The JDK's PKIX implementation always applies {@code
 *       jdk.certpath.disabledAlgorithms} (MD5, RSA &lt; 1024, EC &lt; 224...), which would turn a weak
 *       key or signature into "untrusted"; changing that security property would be a global side
 *       effect. So paths are built with Bouncy Castle's {@code PKIX} {@link CertPathBuilder}, used
 *       through the standard JCA API with a private provider instance (never registered with {@link
 *       java.security.Security}). It checks signatures, names, basic constraints, key usage of CAs,
 *       name constraints and policies, but applies no algorithm blacklist: weak keys and signatures
 *       are judged by {@code CERT_WEAK_KEY} and {@code CERT_WEAK_SIGNATURE}.
 *   <li><b>Presented order.</b> All presented certificates go into a {@link CertStore} and the
 *       builder searches it for issuers, so out-of-order, duplicated, looping or extra certificates
 *       do not matter. Revocation is not checked (no network in the rules).
 * </ul>
 *
 * <p>Public roots are tried first, so a chain that validates to both a public root and an added
 * anchor is {@code TRUSTED_PUBLIC}. The JDK's default roots ({@code cacerts}, or the trust store the
 * {@code javax.net.ssl.trustStore} system property names) are loaded once per JVM.
 *
 * <p>Immutable and thread-safe; each evaluation uses its own builder. Path building costs around a
 * millisecond, so wrap it in a {@link CachingTrustEvaluator} for bulk use.
 */
public final class PkixTrustEvaluator implements TrustEvaluator {
  private static final Logger LOG = LoggerFactory.getLogger(PkixTrustEvaluator.class);
  private static final Provider PKIX_PROVIDER = new BouncyCastleProvider();
  private static final int MAX_PATH_LENGTH = 8;

  private final Set<TrustAnchor> publicAnchors;
  private final Set<TrustAnchor> privateAnchors;

  private PkixTrustEvaluator(
      Collection<X509Certificate> publicRoots, Collection<X509Certificate> privateRoots) {
    this.publicAnchors = anchors(publicRoots);
    this.privateAnchors = anchors(privateRoots);
  }

  /**
   * An evaluator for {@code policy}: the JDK's public roots when {@link Policy#publicRoots()}, and
   * the policy's extra anchors as private roots.
   */
  public static PkixTrustEvaluator forPolicy(Policy policy) {
    return new PkixTrustEvaluator(
        policy.publicRoots() ? jdkPublicRoots() : List.of(), policy.extraTrustAnchors());
  }

  /**
   * An evaluator with explicit anchor sets: chains to {@code publicRoots} are {@code
   * TRUSTED_PUBLIC}, chains only to {@code privateRoots} are {@code TRUSTED_PRIVATE}.
   */
  public static PkixTrustEvaluator withAnchors(
      Collection<X509Certificate> publicRoots, Collection<X509Certificate> privateRoots) {
    return new PkixTrustEvaluator(publicRoots, privateRoots);
  }

  /** The JDK's default trusted roots, loaded once per JVM (empty if they cannot be loaded). */
  public static List<X509Certificate> jdkPublicRoots() {
    return JdkRoots.ROOTS;
  }

  @Override
  public TrustDecision evaluate(List<X509Certificate> chain, Instant at) {
    if (chain.isEmpty()) {
      return TrustDecision.untrusted("no certificate was presented");
    }
    X509Certificate leaf = chain.get(0);
    Date date = validationDate(leaf, at);
    String failure = "no trust anchors are configured (public roots off and no extra anchors)";
    if (!publicAnchors.isEmpty()) {
      failure = build(chain, publicAnchors, date);
      if (failure == null) {
        return new TrustDecision(TrustDecision.Status.TRUSTED_PUBLIC, "");
      }
    }
    if (!privateAnchors.isEmpty()) {
      failure = build(chain, privateAnchors, date);
      if (failure == null) {
        return new TrustDecision(TrustDecision.Status.TRUSTED_PRIVATE, "");
      }
    }
    return TrustDecision.untrusted(explain(chain, failure));
  }

  /** {@code at}, moved into the leaf's validity window so that leaf dates never decide trust. */
  private static Date validationDate(X509Certificate leaf, Instant at) {
    long t = at.toEpochMilli();
    long nb = leaf.getNotBefore().getTime();
    long na = leaf.getNotAfter().getTime();
    return new Date(Math.max(nb, Math.min(na, t)));
  }

  /** Builds a path; {@code null} on success, otherwise why it failed. */
  private static String build(List<X509Certificate> chain, Set<TrustAnchor> anchors, Date date) {
    try {
      X509CertSelector target = new X509CertSelector();
      target.setCertificate(chain.get(0));
      PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
      params.setRevocationEnabled(false);
      params.setDate(date);
      params.setMaxPathLength(MAX_PATH_LENGTH);
      params.addCertStore(CertStore.getInstance(
          "Collection", new CollectionCertStoreParameters(new LinkedHashSet<>(chain))));
      CertPathBuilder builder = CertPathBuilder.getInstance("PKIX", PKIX_PROVIDER);
      PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) builder.build(params);
      return result.getTrustAnchor() == null ? "no trust anchor" : null;
    } catch (CertPathBuilderException e) {
      return messageOf(e);
    } catch (GeneralSecurityException | RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  private static String messageOf(Throwable e) {
    StringBuilder b = new StringBuilder(String.valueOf(e.getMessage()));
    Throwable cause = e.getCause();
    for (int depth = 0; cause != null && depth < 3; depth++, cause = cause.getCause()) {
      if (cause.getMessage() != null && !b.toString().contains(cause.getMessage())) {
        b.append(": ").append(cause.getMessage());
      }
    }
    return b.toString();
  }

  /** A plain-language reason for the common cases, with the builder's message as detail. */
  private String explain(List<X509Certificate> chain, String failure) {
    X509Certificate leaf = chain.get(0);
    if (leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
      return "the certificate is self-signed and is not a configured trust anchor";
    }
    boolean issuerPresented = false;
    for (X509Certificate c : chain) {
      if (c != leaf && c.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
        issuerPresented = true;
        break;
      }
    }
    boolean issuerIsAnchor = isAnchorSubject(leaf.getIssuerX500Principal());
    if (!issuerPresented && !issuerIsAnchor) {
      return "its issuer \"" + leaf.getIssuerX500Principal().getName() + "\" was not presented and"
          + " is not a trust anchor (missing intermediate certificate, or an unknown CA)";
    }
    return "no path to a trust anchor could be validated (" + failure + ")";
  }

  private boolean isAnchorSubject(javax.security.auth.x500.X500Principal p) {
    for (Set<TrustAnchor> set : List.of(publicAnchors, privateAnchors)) {
      for (TrustAnchor a : set) {
        if (a.getTrustedCert() != null && a.getTrustedCert().getSubjectX500Principal().equals(p)) {
          return true;
        }
      }
    }
    return false;
  }

  private static Set<TrustAnchor> anchors(Collection<X509Certificate> roots) {
    Set<TrustAnchor> out = new LinkedHashSet<>();
    for (X509Certificate c : roots) {
      out.add(new TrustAnchor(c, null));
    }
    return Set.copyOf(out);
  }

  /** Lazy holder: the JDK's roots are read on first use only. */
  private static final class JdkRoots {
    static final List<X509Certificate> ROOTS = load();

    private static List<X509Certificate> load() {
      try {
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        List<X509Certificate> roots = new ArrayList<>();
        for (TrustManager tm : tmf.getTrustManagers()) {
          if (tm instanceof X509TrustManager x) {
            roots.addAll(List.of(x.getAcceptedIssuers()));
          }
        }
        LOG.debug("loaded {} public trust anchors from the JDK", roots.size());
        return List.copyOf(roots);
      } catch (GeneralSecurityException e) {
        LOG.warn("cannot load the JDK's public trust anchors: {}", e.toString());
        return List.of();
      }
    }
  }
}
