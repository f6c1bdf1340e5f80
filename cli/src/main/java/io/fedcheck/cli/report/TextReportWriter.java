package io.fedcheck.cli.report;

import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.DomainObservation;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Finding;
import io.fedcheck.api.MicrosoftDiagnostic;
import io.fedcheck.api.Severity;
import io.fedcheck.api.SipExchange;
import io.fedcheck.api.SipOutcome;
import io.fedcheck.api.SrvRecord;
import io.fedcheck.api.StepTiming;
import io.fedcheck.api.TargetObservation;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.Verdict;
import io.fedcheck.cli.options.TextStyle;
import io.fedcheck.report.CertificateSummary;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code text} format, for people: per domain the verdict first, then each finding in plain
 * words with what Microsoft will show and how to fix it. Verbose adds what was observed (SRV
 * records, addresses, certificates, timings); quiet keeps only the verdict lines. Not thread-safe.
 */
public final class TextReportWriter implements ReportWriter {
  private static final String INDENT = "  ";
  private static final String DETAIL = "           ";

  private final PrintWriter out;
  private final TextStyle style;
  private final boolean verbose;
  private final boolean quiet;
  private final VerdictTally tally = new VerdictTally();

  public TextReportWriter(PrintWriter out, TextStyle style, boolean verbose, boolean quiet) {
    this.out = out;
    this.style = style;
    this.verbose = verbose;
    this.quiet = quiet;
  }

  @Override
  public void write(FederationReport report) {
    if (tally.total() > 0 && !quiet) {
      out.println();
    }
    tally.add(report.verdict());
    out.println(padVerdict(report.verdict()) + "  " + style.bold(domainLabel(report)));
    if (!quiet) {
      if (report.findings().isEmpty()) {
        out.println(INDENT + "No problems found: a Microsoft edge can federate with this domain.");
      }
      List<String> facts = new ArrayList<>();
      for (Finding f : report.findings()) {
        String fact = verbose ? null : collapsedFact(f);
        if (fact == null) {
          finding(f);
        } else if (!facts.contains(fact)) {
          facts.add(fact);
        }
      }
      if (!facts.isEmpty()) {
        out.println(INDENT + style.dim("info: " + TextStyle.clean(String.join(", ", facts))));
      }
      if (verbose) {
        observations(report);
      }
    }
    out.flush();
  }

  @Override
  public void finish() {
    if (tally.total() > 1 && !quiet) {
      out.println();
      out.println(
          tally.total() + " domains: " + tally.count(Verdict.PASS) + " PASS, "
              + tally.count(Verdict.WARN) + " WARN, " + tally.count(Verdict.FAIL) + " FAIL, "
              + tally.count(Verdict.UNKNOWN) + " UNKNOWN");
    }
    out.flush();
  }

  private String padVerdict(Verdict v) {
    // Pad outside the colour codes so columns line up whether or not colour is on.
    return style.verdict(v) + " ".repeat(Math.max(0, 7 - v.name().length()));
  }

  private static String domainLabel(FederationReport r) {
    String input = TextStyle.clean(r.input().strip());
    String ascii = TextStyle.clean(r.asciiDomain());
    return input.equalsIgnoreCase(ascii) || input.equalsIgnoreCase(ascii + ".") || input.isEmpty()
        ? (input.isEmpty() ? "\"\"" : input)
        : input + " (" + ascii + ")";
  }

  /**
   * The few words that stand for one of the INFO facts every lab (and many on-premises) domains
   * carry, or null when {@code f} is shown in full. Without --verbose these facts share one dim line
   * per domain, so that the verdict and its errors stay visible at a glance.
   */
  static String collapsedFact(Finding f) {
    if (f.severity() != Severity.INFO) {
      return null;
    }
    Map<String, String> e = f.evidence();
    return switch (f.rule()) {
      case CERT_PRIVATE_CA -> "private CA";
      case TARGET_ADDRESS_NOT_PUBLIC -> {
        // Evidence such as "127.0.0.1 LOOPBACK, 10.0.0.1 PRIVATE": the classes, once each.
        Set<String> classes = new LinkedHashSet<>();
        for (String a : e.getOrDefault("addresses", "").split(",")) {
          String[] words = a.strip().split(" ");
          if (words.length == 2) {
            classes.add(words[1].toLowerCase(Locale.ROOT).replace('_', ' '));
          }
        }
        yield (classes.isEmpty() ? "non-public" : String.join("/", classes)) + " address";
      }
      case SRV_PORT_UNUSUAL -> e.containsKey("port") ? "port " + e.get("port") : "unusual port";
      case SIP_RESPONSE -> {
        // An answer with an ms-diagnostics explanation says something: it keeps its full entry.
        if (e.containsKey("explanation") || !e.containsKey("status")) {
          yield null;
        }
        String reason = e.getOrDefault("reason", "");
        yield "SIP " + e.get("status") + (reason.isEmpty() ? "" : " " + reason);
      }
      default -> null;
    };
  }

  private void finding(Finding f) {
    String label = f.severity().name();
    out.println(
        INDENT + style.severity(f.severity(), label) + " ".repeat(Math.max(1, 9 - label.length()))
            + f.rule().summary() + "  " + style.dim("[" + f.rule().name() + "]"));
    if (f.severity() == Severity.INFO && !verbose) {
      // Facts, not problems: one line each keeps the errors readable; --verbose shows the detail.
      out.println(DETAIL + style.dim(TextStyle.clean(f.message())));
      return;
    }
    out.println(DETAIL + "Concerns: " + TextStyle.clean(f.subject()));
    out.println(DETAIL + TextStyle.clean(f.message()));
    f.microsoftDiagnostic().ifPresent(ms -> out.println(DETAIL + "Microsoft shows: " + microsoft(ms)));
    if (!f.remediation().isBlank()) {
      out.println(DETAIL + "How to fix: " + TextStyle.clean(f.remediation()));
    }
    if (verbose && !f.evidence().isEmpty()) {
      out.println(DETAIL + style.dim("Evidence: " + f.evidence().entrySet().stream()
          .map(e -> TextStyle.clean(e.getKey()) + "=" + TextStyle.clean(e.getValue()))
          .collect(Collectors.joining(", "))));
    }
  }

  /** Such as {@code ms-diagnostics 1009 "No match for domain in DNS SRV results" / Edge log 0xC3E93D6F}. */
  public static String microsoft(MicrosoftDiagnostic ms) {
    StringBuilder b = new StringBuilder();
    if (ms.msDiagnostics() != null) {
      b.append("ms-diagnostics ").append(ms.msDiagnostics()).append(" \"").append(ms.text()).append('"');
    } else {
      b.append(ms.text());
    }
    if (ms.hresult() != null) {
      b.append(" / HRESULT ").append(ms.hresult());
    }
    if (ms.resultCode() != null) {
      b.append(" / Edge log ").append(ms.resultCode());
    }
    return b.toString();
  }

  private void observations(FederationReport report) {
    DomainObservation obs = report.observation();
    if (obs != null) {
      DnsResult srv = obs.srvLookup();
      out.println(INDENT + style.bold("SRV lookup") + " " + srv.query().name() + ": " + outcome(srv));
      for (SrvRecord r : srv.srvRecords()) {
        out.println(INDENT + INDENT + "priority " + r.priority() + ", weight " + r.weight() + ", port "
            + r.port() + ", target " + TextStyle.clean(r.target()) + "  " + style.dim("(TTL " + r.ttl() + ")"));
      }
      if (obs.srvRecordCount() > obs.targets().size()) {
        out.println(INDENT + INDENT + (obs.srvRecordCount() - obs.targets().size())
            + " more record(s) not examined (cap)");
      }
      obs.targets().forEach(this::target);
    }
    if (!report.timings().isEmpty()) {
      List<String> steps = new ArrayList<>();
      for (StepTiming t : report.timings()) {
        steps.add(TextStyle.clean(t.step()) + " " + ms(t.duration()));
      }
      out.println(INDENT + style.bold("Timings") + ": " + String.join(", ", steps));
    }
    out.println(INDENT + style.dim("Checked at " + report.checkedAt()));
  }

  private void target(TargetObservation t) {
    out.println(INDENT + style.bold("Target") + " " + TextStyle.clean(t.fqdn()) + ":" + t.srv().port());
    String addresses = t.addresses().stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "));
    out.println(INDENT + INDENT + "Addresses: " + (addresses.isEmpty() ? "none" : addresses)
        + "  " + style.dim("(" + outcome(t.addressLookup()) + ")") + (t.isAlias() ? "  name is a CNAME alias" : ""));
    CertificateObservation c = t.certificate();
    StringBuilder tls = new StringBuilder("TLS: ").append(c.outcome().name());
    if (c.outcome() != TlsOutcome.NOT_ATTEMPTED) {
      tls.append(" with ").append(c.address()).append(':').append(c.port());
    }
    if (!c.protocol().isEmpty()) {
      tls.append(", ").append(c.protocol());
    }
    if (!c.cipherSuite().isEmpty()) {
      tls.append(", ").append(c.cipherSuite());
    }
    if (c.clientCertificateRequested()) {
      tls.append(", client certificate requested");
    }
    if (!c.detail().isEmpty()) {
      tls.append(" - ").append(c.detail());
    }
    tls.append("  ").append(style.dim("(" + ms(c.elapsed()) + ")"));
    out.println(INDENT + INDENT + TextStyle.clean(tls.toString()));
    sip(c.sip());
    List<X509Certificate> chain = c.chain();
    for (int i = 0; i < chain.size(); i++) {
      certificate(i, CertificateSummary.of(chain.get(i)));
    }
  }

  /** One line for the SIP OPTIONS exchange (none when it was not attempted without a reason). */
  private void sip(SipExchange x) {
    if (x.outcome() == SipOutcome.NOT_ATTEMPTED && x.detail().isEmpty()) {
      return;
    }
    StringBuilder line = new StringBuilder("SIP OPTIONS: ").append(x.outcome().name());
    if (x.outcome() == SipOutcome.RESPONDED) {
      line.append(' ').append(x.statusCode()).append(x.reason().isEmpty() ? "" : " " + x.reason());
      x.header("server").or(() -> x.header("user-agent")).ifPresent(v -> line.append(", server ").append(v));
      x.header("allow").ifPresent(v -> line.append(", allow ").append(v));
    }
    if (!x.detail().isEmpty()) {
      line.append(" - ").append(x.detail());
    }
    if (x.outcome() != SipOutcome.NOT_ATTEMPTED) {
      line.append("  ").append(style.dim("(" + ms(x.elapsed()) + ")"));
    }
    out.println(INDENT + INDENT + TextStyle.clean(line.toString()));
    for (String name : List.of("ms-diagnostics", "ms-diagnostics-public")) {
      for (String v : x.headers().getOrDefault(name, List.of())) {
        out.println(INDENT + INDENT + INDENT + TextStyle.clean(name + ": " + v));
      }
    }
    if (verbose && !x.request().isEmpty()) {
      out.println(INDENT + INDENT + INDENT + "Sent: " + TextStyle.clean(x.request().split("\r\n", 2)[0]));
      if (!x.excerpt().isEmpty()) {
        out.println(INDENT + INDENT + INDENT + "Received: " + TextStyle.clean(x.excerpt().split("\n", 2)[0]));
      }
    }
  }

  private void certificate(int index, CertificateSummary s) {
    String head = INDENT + INDENT + "Certificate " + index + (index == 0 ? " (leaf)" : "") + ": ";
    String more = " ".repeat(INDENT.length() * 3);
    out.println(head + "subject " + TextStyle.clean(s.subject()));
    List<String> names = new ArrayList<>(s.dnsNames());
    s.ipAddresses().forEach(ip -> names.add("IP " + ip));
    out.println(more + "SANs: " + (names.isEmpty() ? "none" : TextStyle.clean(String.join(", ", names))));
    out.println(more + "issuer " + TextStyle.clean(s.issuer()));
    out.println(more + "valid " + s.notBefore() + " to " + s.notAfter());
    out.println(more + "key " + s.keyAlgorithm() + (s.keyBits() > 0 ? " " + s.keyBits() + " bits" : "")
        + ", signature " + s.signatureAlgorithm());
    out.println(more + "SHA-256 " + s.sha256WithColons());
  }

  private static String outcome(DnsResult r) {
    StringBuilder b = new StringBuilder(r.outcome().name());
    if (!r.detail().isEmpty()) {
      b.append(": ").append(TextStyle.clean(r.detail()));
    }
    return b.append(", ").append(ms(r.elapsed())).toString();
  }

  private static String ms(Duration d) {
    return d.toMillis() + " ms";
  }
}
