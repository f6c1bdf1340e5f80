package io.fedcheck.core.rules;

import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.Finding;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.SipExchange;
import io.fedcheck.api.SipOutcome;
import io.fedcheck.api.TargetObservation;
import io.fedcheck.core.diagnostics.DiagnosticsExplainer;
import io.fedcheck.core.diagnostics.Explanation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SIP rules, on the {@code OPTIONS} exchange that followed a completed handshake: {@code
 * SIP_NOT_SPOKEN} (ERROR: not SIP, or closed at once; a Microsoft edge answers its caller 504),
 * {@code SIP_NO_RESPONSE} (INFO: some edges ignore OPTIONS from peers they do not know) and {@code
 * SIP_RESPONSE} (INFO: the status, the product and any {@code ms-diagnostics}, explained as {@code
 * fedcheck explain} would). An exchange that was not attempted yields nothing.
 *
 * <p>One case is softened: a server that asked for a client certificate and then closed or sent a
 * TLS alert without answering most likely refused the connection for want of a certificate (TLS 1.3
 * sends that refusal after the handshake), which says nothing about its SIP stack; that is {@code
 * SIP_NO_RESPONSE} with the advice to probe with a client certificate.
 *
 * <p>Stateless and thread-safe.
 */
public final class SipRules {
  private SipRules() {}

  /** Applies the SIP rules to one target of {@code domain}. */
  public static List<Finding> evaluate(String domain, TargetObservation target) {
    List<Finding> out = new ArrayList<>(1);
    collect(domain, target, out);
    return out;
  }

  /**
   * What the first {@code ms-diagnostics} (or {@code ms-diagnostics-public}) header of {@code sip}
   * means, by the same explainer {@code fedcheck explain} uses; empty when it carries none.
   */
  public static List<Explanation> diagnostics(SipExchange sip) {
    List<String> values = new ArrayList<>(sip.headers().getOrDefault("ms-diagnostics", List.of()));
    values.addAll(sip.headers().getOrDefault("ms-diagnostics-public", List.of()));
    List<Explanation> out = new ArrayList<>();
    for (String v : values) {
      out.addAll(DiagnosticsExplainer.explain("ms-diagnostics: " + v));
    }
    return out;
  }

  static void collect(String domain, TargetObservation target, List<Finding> out) {
    CertificateObservation c = target.certificate();
    SipExchange sip = c.sip();
    if (sip.outcome() == SipOutcome.NOT_ATTEMPTED) {
      return;
    }
    String fqdn = target.fqdn();
    String endpoint = fqdn + ":" + target.srv().port();
    String detail = sip.detail().isEmpty() ? "" : " (" + sip.detail() + ")";
    boolean refusedForCertificate = c.clientCertificateRequested()
        && (sip.outcome() == SipOutcome.CLOSED
            || sip.outcome() == SipOutcome.NOT_SIP && sip.excerpt().isEmpty());
    Map<String, String> evidence = Evidence.of("domain", domain, "endpoint", endpoint,
        "outcome", sip.outcome().name(), "detail", sip.detail(), "elapsed_ms",
        Long.toString(sip.elapsed().toMillis()));
    if (refusedForCertificate) {
      out.add(Finding.of(RuleId.SIP_NO_RESPONSE, fqdn,
          endpoint + " (SRV target of " + domain + ") asked for a client certificate and ended the"
              + " connection without answering SIP OPTIONS" + detail + ". It most likely refuses"
              + " peers without a certificate, so its SIP stack could not be seen.",
          "Probe again with your edge's certificate (--client-cert FILE --client-key FILE) to see"
              + " the answer a federating peer gets.",
          evidence));
      return;
    }
    switch (sip.outcome()) {
      case NOT_SIP, CLOSED -> out.add(Finding.of(RuleId.SIP_NOT_SPOKEN, fqdn,
          endpoint + " (SRV target of " + domain + ") completed the TLS handshake but "
              + (sip.outcome() == SipOutcome.CLOSED
                  ? "closed the connection without answering SIP OPTIONS"
                  : "answered SIP OPTIONS with something that is not SIP")
              + detail + ". No SIP stack listens there: a Microsoft edge that connects gets no SIP"
              + " answer and fails the call with \"504 Server time-out\".",
          "Point _sipfederationtls._tcp." + domain + " at the SIP edge (Expressway-E, Skype for"
              + " Business Edge, SBC) that serves federation on TLS, not at a web server or a"
              + " load balancer that does not forward SIP; then check again.",
          withExcerpt(evidence, sip)));
      case NO_RESPONSE -> out.add(Finding.of(RuleId.SIP_NO_RESPONSE, fqdn,
          endpoint + " (SRV target of " + domain + ") completed the TLS handshake but did not"
              + " answer SIP OPTIONS before the deadline" + detail + ". Some edges ignore OPTIONS"
              + " from peers they do not know, so this is a fact, not a failure.",
          "If this edge should answer, check that its SIP service runs on port "
              + target.srv().port() + "; otherwise probe with your edge's certificate and From"
              + " domain (--client-cert, --from-domain).",
          withExcerpt(evidence, sip)));
      case RESPONDED -> out.add(responded(domain, fqdn, endpoint, sip, evidence));
      default -> { }
    }
  }

  private static Finding responded(
      String domain, String fqdn, String endpoint, SipExchange sip, Map<String, String> evidence) {
    String product = sip.header("server").or(() -> sip.header("user-agent")).orElse("");
    StringBuilder message = new StringBuilder(endpoint).append(" (SRV target of ").append(domain)
        .append(") answered SIP OPTIONS with ").append(sip.statusCode())
        .append(sip.reason().isEmpty() ? "" : " " + sip.reason())
        .append(product.isEmpty() ? "" : " from " + product).append('.');
    if (!sip.detail().isEmpty()) {
      message.append(" (").append(sip.detail()).append(')');
    }
    Map<String, String> e = new LinkedHashMap<>(evidence);
    e.put("status", Integer.toString(sip.statusCode()));
    e.put("reason", sip.reason());
    sip.header("server").ifPresent(v -> e.put("server", v));
    sip.header("user-agent").ifPresent(v -> e.put("user_agent", v));
    sip.header("allow").ifPresent(v -> e.put("allow", v));
    sip.header("supported").ifPresent(v -> e.put("supported", v));
    sip.header("ms-diagnostics").ifPresent(v -> e.put("ms_diagnostics", v));
    sip.header("ms-diagnostics-public").ifPresent(v -> e.put("ms_diagnostics_public", v));
    String remediation = "None needed: a SIP stack answers there. A 403 or 404 from an edge that"
        + " does not know the probing domain is normal.";
    List<Explanation> explained = diagnostics(sip);
    if (!explained.isEmpty()) {
      Explanation x = explained.get(0);
      message.append(" Its ms-diagnostics says: ").append(x.plainLanguage());
      remediation = x.remediation();
      e.put("explanation", x.plainLanguage());
    }
    return Finding.of(RuleId.SIP_RESPONSE, fqdn, message.toString(), remediation, e);
  }

  private static Map<String, String> withExcerpt(Map<String, String> evidence, SipExchange sip) {
    if (sip.excerpt().isEmpty()) {
      return evidence;
    }
    Map<String, String> e = new LinkedHashMap<>(evidence);
    String first = sip.excerpt().split("\n", 2)[0];
    e.put("first_line", first.length() > 120 ? first.substring(0, 120) : first);
    return e;
  }
}
