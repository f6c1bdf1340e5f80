package io.fedcheck.core.fleet;

import io.fedcheck.api.DomainObservation;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Finding;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Severity;
import io.fedcheck.api.TargetObservation;
import io.fedcheck.api.Verdict;
import io.fedcheck.core.rules.CertificateFacts;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Groups the reports of many tenants by the edge that serves them, so that an auditor fixes an
 * edge once instead of reading the same certificate problem in two hundred reports.
 *
 * <p>An edge is a port and the {@linkplain CertificateFingerprint SHA-256} of the leaf certificate
 * presented there, under every SRV target name that reaches it: a hosting provider's tenants often
 * publish their own {@code sip.<tenant>} names for one shared edge, and the fix (one certificate,
 * reissued with the missing names) is one action however many names point at it. Where no chain was
 * seen (no address, TLS failed) there is no certificate to group by, and the edge is the SRV target
 * FQDN and port alone. A tenant belongs to every edge its observation's targets reach; RFC 2782 "."
 * targets name no edge, and a report without an observation (invalid input) belongs to none.
 *
 * <h2>Which findings belong to an edge</h2>
 *
 * The rules set a finding's {@code subject} to the SRV target FQDN for everything about a target
 * (address, TLS, SIP, certificate), and to the domain or its SRV owner name {@code
 * _sipfederationtls._tcp.<domain>} for everything about the domain as a whole. A finding of a
 * tenant attaches to one of its edges when, for one of the names {@code fqdn} by which that
 * tenant reaches the edge on {@code port}:
 *
 * <ol>
 *   <li>its evidence has an {@code endpoint}: that endpoint is exactly {@code fqdn:port} (TLS rules);
 *   <li>otherwise its evidence has a {@code target} and a {@code port}: both match (SRV port rule);
 *   <li>otherwise its subject or its evidence {@code target} is exactly {@code fqdn} (address,
 *       certificate and SIP rules, which name no port: they attach to that FQDN on every port);
 *   <li>otherwise it is domain-level — subject exactly the domain or its SRV owner name, and no
 *       {@code target} in the evidence — and attaches to every edge of the tenant.
 * </ol>
 *
 * Names are compared exactly, never by substring: {@code sip.example.com} is a substring of {@code
 * sip.example.com.au} and of messages about other targets, and matching it there would hand one
 * edge's problems to another. A finding naming a host that is not one of the tenant's targets
 * attaches nowhere. Limitation: the certificate rules record no port, so when one FQDN serves
 * different certificates on two ports, its certificate findings attach to both edges.
 *
 * <p>Only ERROR and WARNING findings make actions: INFO findings are facts (a hosting provider, an
 * unusual port, a SIP answer) with nothing to fix. Pure and thread-safe: nothing is looked up and
 * the clock is never read.
 */
public final class EdgeGrouping {
  private static final Comparator<EdgeAction> ACTION_ORDER =
      Comparator.comparingInt(EdgeAction::failingTenants).reversed()
          .thenComparing(Comparator.comparingInt((EdgeAction a) -> a.tenants().size()).reversed())
          .thenComparing(a -> a.rule().name());

  private static final Comparator<Edge> EDGE_ORDER =
      Comparator.comparingInt(Edge::failingTenants).reversed()
          .thenComparing(Comparator.comparingInt((Edge e) -> e.tenants().size()).reversed())
          .thenComparing(Edge::fqdn)
          // Port and fingerprint only make the order total, so that output is reproducible.
          .thenComparingInt(Edge::port)
          .thenComparing(Edge::leafSha256);

  private EdgeGrouping() {}

  /**
   * The edges of {@code reports}, most failing tenants first, then most tenants, then FQDN. When
   * two reports have the same ASCII domain the first one (in iteration order) is used, so that a
   * tenant is counted once.
   */
  public static List<Edge> byEdge(Collection<FederationReport> reports) {
    Objects.requireNonNull(reports, "reports");
    Map<Key, Group> groups = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (FederationReport r : reports) {
      Objects.requireNonNull(r, "report");
      DomainObservation o = r.observation();
      if (o == null || !seen.add(r.asciiDomain())) {
        continue;
      }
      for (TargetObservation t : o.targets()) {
        if (t.srv().isNotAvailable()) {
          continue; // "." says there is no service: no edge to fix
        }
        X509Certificate leaf = t.certificate().leaf().orElse(null);
        String sha = leaf == null ? "" : CertificateFingerprint.sha256(leaf);
        Key key = new Key(sha.isEmpty() ? t.fqdn() : "", t.srv().port(), sha);
        Group g = groups.computeIfAbsent(key, k -> new Group(leaf));
        g.reports.putIfAbsent(r.asciiDomain(), r);
        g.names.computeIfAbsent(r.asciiDomain(), d -> new TreeSet<>()).add(t.fqdn());
      }
    }
    List<Edge> out = new ArrayList<>(groups.size());
    groups.forEach((k, g) -> out.add(edge(k, g)));
    out.sort(EDGE_ORDER);
    return List.copyOf(out);
  }

  /**
   * Whether {@code finding} of the tenant {@code domain} concerns the edge it reaches as {@code
   * fqdns} on {@code port}; see the class documentation for the rule.
   */
  static boolean attaches(Finding finding, String domain, Set<String> fqdns, int port) {
    for (String fqdn : fqdns) {
      if (attaches(finding, domain, fqdn, port)) {
        return true;
      }
    }
    return false;
  }

  /** The evidence keys the grouping reads (FleetReports keeps only these). */
  static final List<String> EVIDENCE_KEYS = List.of("endpoint", "target", "port");

  /** Whether {@code finding} of the tenant {@code domain} concerns {@code fqdn:port}. */
  static boolean attaches(Finding finding, String domain, String fqdn, int port) {
    Map<String, String> e = finding.evidence();
    String endpoint = e.get("endpoint");
    if (endpoint != null) {
      return endpoint.equals(fqdn + ":" + port);
    }
    String target = e.get("target");
    String portText = e.get("port");
    if (target != null && portText != null) {
      return target.equals(fqdn) && portText.equals(Integer.toString(port));
    }
    if (finding.subject().equals(fqdn) || fqdn.equals(target)) {
      return true;
    }
    return target == null && (finding.subject().equals(domain)
        || finding.subject().equals(DomainObservation.srvName(domain)));
  }

  private static Edge edge(Key k, Group g) {
    EnumMap<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    // Per rule: the affected tenants, and each tenant's finding (for the remediation text).
    Map<RuleId, Map<String, Finding>> byRule = new EnumMap<>(RuleId.class);
    for (Map.Entry<String, FederationReport> t : g.reports.entrySet()) {
      FederationReport r = t.getValue();
      counts.merge(r.verdict(), 1, Integer::sum);
      for (Finding f : r.findings()) {
        if (f.severity() != Severity.INFO && attaches(f, t.getKey(), g.names.get(t.getKey()), k.port)) {
          byRule.computeIfAbsent(f.rule(), x -> new TreeMap<>()).putIfAbsent(t.getKey(), f);
        }
      }
    }
    List<EdgeAction> actions = new ArrayList<>(byRule.size());
    // The edge is shown by the name most of its tenants use (then the first alphabetically).
    Map<String, Integer> uses = new TreeMap<>();
    g.names.values().forEach(names -> names.forEach(n -> uses.merge(n, 1, Integer::sum)));
    String primary = uses.entrySet().stream()
        .max(Map.Entry.<String, Integer>comparingByValue()
            .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .orElseThrow().getKey();
    List<String> names = List.copyOf(uses.keySet());
    byRule.forEach((rule, findings) ->
        actions.add(action(primary, names, k.port, g.leaf, rule, findings, g.reports)));
    actions.sort(ACTION_ORDER);
    return new Edge(primary, names, k.port, k.leafSha256, List.copyOf(g.reports.keySet()), counts,
        actions);
  }

  private static EdgeAction action(String fqdn, List<String> names, int port, X509Certificate leaf, RuleId rule,
      Map<String, Finding> findings, Map<String, FederationReport> reports) {
    int failing = 0;
    for (String tenant : findings.keySet()) {
      failing += reports.get(tenant).verdict() == Verdict.FAIL ? 1 : 0;
    }
    List<String> tenants = List.copyOf(findings.keySet());
    String who = " This clears " + rule.name() + " for " + tenants.size()
        + (tenants.size() == 1 ? " tenant" : " tenants") + " (" + failing + " failing).";
    if (rule == RuleId.CERT_NAME_MISMATCH) {
      List<String> missing = missingNames(findings.values(), leaf);
      return new EdgeAction(rule, sanText(fqdn, names, port, leaf, missing) + who, tenants, failing,
          missing);
    }
    return new EdgeAction(rule, commonRemediation(rule, fqdn, port, findings) + who, tenants, failing,
        List.of());
  }

  /**
   * The names a CERT_NAME_MISMATCH asks for. The rule matches the leaf against the SRV target only
   * and names that target in {@code evidence.target} (and as subject), so the missing names are
   * those targets that the leaf does not list verbatim.
   */
  private static List<String> missingNames(Collection<Finding> findings, X509Certificate leaf) {
    Set<String> listed = leaf == null ? Set.of() : Set.copyOf(CertificateFacts.of(leaf).dnsNames());
    TreeSet<String> out = new TreeSet<>();
    for (Finding f : findings) {
      String name = f.evidence().getOrDefault("target", f.subject());
      if (!listed.contains(name)) {
        out.add(name);
      }
    }
    return List.copyOf(out);
  }

  private static String sanText(
      String fqdn, List<String> names, int port, X509Certificate leaf, List<String> missing) {
    StringBuilder b = new StringBuilder("Add ");
    b.append(missing.isEmpty() ? "the SRV target name" : String.join(", ", missing))
        .append(" to the subjectAltName (SAN) list of the certificate on ")
        .append(fqdn).append(':').append(port);
    if (names.size() > 1) {
      b.append(" (reached by ").append(names.size()).append(" SRV target names)");
    }
    List<String> keep = leaf == null ? List.of() : CertificateFacts.of(leaf).dnsNames();
    if (!keep.isEmpty()) {
      b.append(" (keep the names it already lists: ").append(String.join(", ", keep)).append(')');
    }
    return b.append(", then install the reissued certificate there.").toString();
  }

  /**
   * One remediation for every tenant: the rules' remediation texts differ between tenants only by
   * the tenant's domain, so when they are equal once the domain is replaced by a placeholder, that
   * text is the single fix; when they are equal outright, it is used as it is.
   */
  private static String commonRemediation(
      RuleId rule, String fqdn, int port, Map<String, Finding> findings) {
    Set<String> exact = new TreeSet<>();
    Set<String> templated = new TreeSet<>();
    for (Map.Entry<String, Finding> e : findings.entrySet()) {
      String text = e.getValue().remediation();
      exact.add(text);
      templated.add(text.replace(e.getKey(), "<tenant>"));
    }
    if (exact.size() == 1) {
      return exact.iterator().next();
    }
    if (templated.size() == 1) {
      return templated.iterator().next() + " (for each listed tenant as <tenant>.)";
    }
    // Texts that differ in more than the domain: name the problem and the edge, and show one.
    String first = findings.values().iterator().next().remediation();
    return rule.summary() + " on " + fqdn + ":" + port + ". For example: " + first;
  }

  /** The certificate and port, or (without a certificate) the SRV target and port. */
  private record Key(String fqdn, int port, String leafSha256) {}

  /** The tenants of one edge, keyed by ASCII domain, the names each reaches it by, and its leaf. */
  private static final class Group {
    final X509Certificate leaf;
    final Map<String, FederationReport> reports = new TreeMap<>();
    final Map<String, Set<String>> names = new TreeMap<>();

    Group(X509Certificate leaf) {
      this.leaf = leaf;
    }
  }
}
