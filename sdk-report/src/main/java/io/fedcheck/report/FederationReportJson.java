package io.fedcheck.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.SipExchange;
import io.fedcheck.api.SipOutcome;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.DomainObservation;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Finding;
import io.fedcheck.api.MicrosoftDiagnostic;
import io.fedcheck.api.SrvRecord;
import io.fedcheck.api.StepTiming;
import io.fedcheck.api.TargetObservation;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The JSON of a {@link FederationReport}: the tree of {@code fedcheck check --format json}, and
 * the result line of {@code fedcheck audit --format jsonl} (and of the Flink job), so every writer
 * of these formats emits the same shape. The tree is built field by field (never by reflection) so
 * that the shape is a deliberate contract: fields may be added, never renamed or removed.
 * Thread-safe.
 */
public final class FederationReportJson {
  /** Private: an ObjectMapper is thread-safe once configured, and nobody reconfigures this one. */
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private FederationReportJson() {}

  /**
   * The result of one audit input line: {@code "line"} first, then the report as {@link
   * #toJson(FederationReport)} writes it.
   *
   * @param line the input's physical line number, 1-based
   * @param report the report of that line's domain
   * @return a new tree
   */
  public static ObjectNode auditResult(long line, FederationReport report) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("line", line);
    node.setAll(toJson(report));
    return node;
  }

  /**
   * {@link #auditResult(long, FederationReport)} as one line of JSON Lines, without the line break.
   * Jackson escapes control characters in strings, so the text never holds a raw line break.
   *
   * @param line the input's physical line number, 1-based
   * @param report the report of that line's domain
   * @return the compact JSON text
   */
  public static String auditLine(long line, FederationReport report) {
    return write(auditResult(line, report));
  }

  /**
   * {@link #auditLine(long, FederationReport)} of an entry read from one file of an input
   * directory: {@code "file"} right after {@code "line"}, since line numbers count per file.
   *
   * @param line the entry's physical line number in its file, 1-based
   * @param file the file, relative to the input directory; empty for a single input file (no
   *     {@code "file"} then)
   * @param report the report of that line's domain
   * @return the compact JSON text
   */
  public static String auditLine(long line, String file, FederationReport report) {
    if (file.isEmpty()) {
      return auditLine(line, report);
    }
    ObjectNode node = MAPPER.createObjectNode();
    node.put("line", line);
    node.put("file", file);
    node.setAll(toJson(report));
    return write(node);
  }

  /**
   * Compact JSON text of a tree.
   *
   * @param node the tree
   * @return its text, on one line
   */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      // Trees of plain nodes always serialise; this would be a bug of ours.
      throw new IllegalStateException(e);
    }
  }

  /**
   * The JSON of a report: domain, verdict, findings, SRV records, targets, certificates, timings.
   *
   * @param report the report
   * @return a new tree
   */
  public static ObjectNode toJson(FederationReport report) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("domain", report.input());
    root.put("asciiDomain", report.asciiDomain());
    root.put("verdict", report.verdict().name());
    root.put("checkedAt", report.checkedAt().toString());
    ArrayNode findings = root.putArray("findings");
    report.findings().forEach(f -> findings.add(finding(f)));
    ArrayNode srv = root.putArray("srv");
    report.srv().forEach(r -> srv.add(srv(r)));
    DomainObservation obs = report.observation();
    if (obs == null) {
      root.putNull("srvLookup");
    } else {
      ObjectNode lookup = lookup(obs.srvLookup());
      lookup.put("name", obs.srvLookup().query().name());
      lookup.put("recordCount", obs.srvRecordCount());
      root.set("srvLookup", lookup);
    }
    List<TargetObservation> targets = obs == null ? List.of() : obs.targets();
    ArrayNode targetArray = root.putArray("targets");
    targets.forEach(t -> targetArray.add(target(t)));
    ArrayNode certificates = root.putArray("certificates");
    for (TargetObservation t : targets) {
      List<X509Certificate> chain = t.certificate().chain();
      for (int i = 0; i < chain.size(); i++) {
        ObjectNode c = certificate(CertificateSummary.of(chain.get(i)));
        c.put("target", t.fqdn());
        c.put("port", t.certificate().port());
        c.put("address", t.certificate().address());
        c.put("chainIndex", i);
        certificates.add(c);
      }
    }
    ObjectNode timings = root.putObject("timings");
    for (StepTiming s : report.timings()) {
      timings.put(s.step(), millis(s.duration()));
    }
    return root;
  }

  /**
   * The JSON of one finding, with its Microsoft diagnostic and evidence.
   *
   * @param f the finding
   * @return a new tree
   */
  public static ObjectNode finding(Finding f) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("rule", f.rule().name());
    n.put("severity", f.severity().name());
    n.put("subject", f.subject());
    n.put("message", f.message());
    n.put("remediation", f.remediation());
    MicrosoftDiagnostic ms = f.microsoft();
    if (ms == null) {
      n.putNull("microsoft");
    } else {
      ObjectNode m = n.putObject("microsoft");
      if (ms.msDiagnostics() == null) {
        m.putNull("msDiagnostics");
      } else {
        m.put("msDiagnostics", ms.msDiagnostics());
      }
      m.put("resultCode", ms.resultCode());
      m.put("hresult", ms.hresult());
      m.put("text", ms.text());
    }
    ObjectNode evidence = n.putObject("evidence");
    for (Map.Entry<String, String> e : f.evidence().entrySet()) {
      evidence.put(e.getKey(), e.getValue());
    }
    return n;
  }

  private static ObjectNode srv(SrvRecord r) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("name", r.name());
    n.put("priority", r.priority());
    n.put("weight", r.weight());
    n.put("port", r.port());
    n.put("target", r.target());
    n.put("ttl", r.ttl());
    return n;
  }

  private static ObjectNode lookup(DnsResult r) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("outcome", r.outcome().name());
    n.put("detail", r.detail());
    n.put("elapsedMs", millis(r.elapsed()));
    return n;
  }

  private static ObjectNode target(TargetObservation t) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("fqdn", t.fqdn());
    n.put("port", t.srv().port());
    n.put("alias", t.isAlias());
    ArrayNode addresses = n.putArray("addresses");
    for (InetAddress a : t.addresses()) {
      addresses.add(a.getHostAddress());
    }
    n.set("addressLookup", lookup(t.addressLookup()));
    CertificateObservation c = t.certificate();
    ObjectNode tls = n.putObject("tls");
    tls.put("outcome", c.outcome().name());
    tls.put("address", c.address());
    tls.put("port", c.port());
    tls.put("protocol", c.protocol());
    tls.put("cipherSuite", c.cipherSuite());
    tls.put("clientCertificateRequested", c.clientCertificateRequested());
    tls.put("detail", c.detail());
    tls.put("elapsedMs", millis(c.elapsed()));
    tls.put("chainLength", c.chain().size());
    tls.set("sip", sip(c.sip()));
    return n;
  }

  /** The SIP OPTIONS exchange after the handshake: what was sent, what came back, parsed. */
  private static ObjectNode sip(SipExchange x) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("outcome", x.outcome().name());
    if (x.outcome() == SipOutcome.RESPONDED) {
      n.put("status", x.statusCode());
      n.put("reason", x.reason());
    }
    ObjectNode headers = n.putObject("headers");
    x.headers().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      ArrayNode values = headers.putArray(e.getKey());
      e.getValue().forEach(values::add);
    });
    n.put("detail", x.detail());
    n.put("elapsedMs", millis(x.elapsed()));
    n.put("request", x.request());
    n.put("excerpt", x.excerpt());
    return n;
  }

  private static ObjectNode certificate(CertificateSummary s) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("subject", s.subject());
    n.put("issuer", s.issuer());
    ArrayNode sans = n.putArray("sans");
    s.dnsNames().forEach(sans::add);
    ArrayNode ips = n.putArray("ipSans");
    s.ipAddresses().forEach(ips::add);
    n.put("notBefore", s.notBefore().toString());
    n.put("notAfter", s.notAfter().toString());
    n.put("sha256", s.sha256());
    n.put("serialNumber", s.serialNumber());
    n.put("keyAlgorithm", s.keyAlgorithm());
    n.put("keyBits", s.keyBits());
    n.put("signatureAlgorithm", s.signatureAlgorithm());
    return n;
  }

  private static long millis(Duration d) {
    return d.toMillis();
  }
}
