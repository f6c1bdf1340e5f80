package io.fedcheck.core.rules;

import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.Finding;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.TargetObservation;
import io.fedcheck.api.TlsOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * The TLS rules: {@code TLS_CONNECT_FAILED} and {@code TLS_HANDSHAKE_FAILED} (including a handshake
 * that settled on a protocol older than TLS 1.2). A target that was not attempted yields no TLS
 * finding: why it was skipped is already reported by the address rules.
 *
 * <p>Stateless and thread-safe.
 */
public final class TlsRules {
  private TlsRules() {}

  /** Applies the TLS rules to one target of {@code domain}. */
  public static List<Finding> evaluate(String domain, TargetObservation target) {
    List<Finding> out = new ArrayList<>(1);
    collect(domain, target, out);
    return out;
  }

  /** Whether {@code protocol} (as JSSE names it) is older than TLS 1.2. */
  public static boolean isOutdatedProtocol(String protocol) {
    return "TLSv1.1".equals(protocol) || "TLSv1".equals(protocol) || "SSLv3".equals(protocol)
        || "SSLv2Hello".equals(protocol) || "SSLv2".equals(protocol);
  }

  static void collect(String domain, TargetObservation target, List<Finding> out) {
    CertificateObservation c = target.certificate();
    TlsOutcome outcome = c.outcome();
    if (outcome == TlsOutcome.NOT_ATTEMPTED
        || outcome == TlsOutcome.HANDSHAKE_COMPLETED && !isOutdatedProtocol(c.protocol())) {
      return;
    }
    String fqdn = target.fqdn();
    String endpoint = fqdn + ":" + target.srv().port();
    String at = c.address().isEmpty() ? endpoint : endpoint + " (" + c.address() + ")";
    if (outcome == TlsOutcome.CONNECT_FAILED) {
      out.add(Finding.of(RuleId.TLS_CONNECT_FAILED, fqdn,
          "No TCP connection could be made to " + at + ", the SRV target of " + domain
              + (c.detail().isEmpty() ? "" : " (" + c.detail() + ")")
              + ". A Microsoft edge reports only \"504 Server time-out\" for this.",
          "Make sure the edge of " + domain + " listens on " + endpoint + " and that firewalls"
              + " allow inbound TCP " + target.srv().port() + " from the internet.",
          Evidence.of("domain", domain, "endpoint", endpoint, "address", c.address(), "detail",
              c.detail())));
    } else if (outcome == TlsOutcome.HANDSHAKE_FAILED) {
      out.add(Finding.of(RuleId.TLS_HANDSHAKE_FAILED, fqdn,
          "TCP to " + at + " (SRV target of " + domain + ") connects, but no TLS 1.2+ handshake"
              + " completed" + (c.detail().isEmpty() ? "" : " (" + c.detail() + ")")
              + ". A Microsoft edge reports \"504 Server time-out\" (edge event 14428).",
          "Serve SIP over TLS 1.2 or 1.3 on " + endpoint + " (not plain TCP or SSL/TLS 1.0/1.1),"
              + " with the federation certificate installed.",
          Evidence.of("domain", domain, "endpoint", endpoint, "address", c.address(), "detail",
              c.detail())));
    } else if (outcome == TlsOutcome.HANDSHAKE_COMPLETED && isOutdatedProtocol(c.protocol())) {
      out.add(Finding.of(RuleId.TLS_HANDSHAKE_FAILED, fqdn,
          at + " (SRV target of " + domain + ") negotiated only " + c.protocol()
              + "; Microsoft edges require TLS 1.2 or newer, so their handshake fails.",
          "Enable TLS 1.2 (and 1.3) on " + endpoint + " and disable older protocols.",
          Evidence.of("domain", domain, "endpoint", endpoint, "protocol", c.protocol())));
    }
  }
}
