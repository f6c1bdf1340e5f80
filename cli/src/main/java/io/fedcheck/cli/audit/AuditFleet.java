package io.fedcheck.cli.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Verdict;
import io.fedcheck.cli.options.TextStyle;
import io.fedcheck.cli.report.ReportJson;
import io.fedcheck.core.fleet.CertificateExpiry;
import io.fedcheck.core.fleet.Edge;
import io.fedcheck.core.fleet.EdgeAction;
import io.fedcheck.core.fleet.EdgeGrouping;
import io.fedcheck.core.fleet.ExpiringCertificate;
import io.fedcheck.core.fleet.ExpiryBand;
import io.fedcheck.core.fleet.FleetReports;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fleet views of {@code audit --by-edge} and {@code --expiring-within}: keeps the essentials of
 * each report of this run, then hands them to the SDK's {@link EdgeGrouping} and {@link
 * CertificateExpiry} and prints or serializes what they return. The grouping and the bands are the
 * SDK's; this class only keeps, filters and formats.
 *
 * <p>It keeps each report's {@link FleetReports#essentials}, what the grouping and the calendar
 * read; memory grows with the domains kept. Not thread-safe.
 */
final class AuditFleet {
  /** Edges shown in the text summary unless --verbose. */
  static final int TOP_EDGES = 20;

  private final List<FederationReport> reports = new ArrayList<>();
  private final int maxReports;
  private long left;

  /** A fleet that keeps every report it is given. */
  AuditFleet() {
    this(Integer.MAX_VALUE);
  }

  /**
   * A fleet whose {@link #addIfRoom} keeps reports up to {@code maxReports} in all and counts the
   * rest as left out.
   */
  AuditFleet(int maxReports) {
    if (maxReports < 1) {
      throw new IllegalArgumentException("maxReports must be positive: " + maxReports);
    }
    this.maxReports = maxReports;
  }

  /** Keeps the essentials of {@code report}, whatever the cap. */
  void add(FederationReport report) {
    edges = null;
    reports.add(FleetReports.essentials(report));
  }

  /** Keeps the essentials of {@code report}, or counts it as left out once the cap is reached. */
  void addIfRoom(FederationReport report) {
    if (reports.size() >= maxReports) {
      left++;
    } else {
      add(report);
    }
  }

  int size() {
    return reports.size();
  }

  /** The reports {@link #addIfRoom} left out, which the views do not cover. */
  long left() {
    return left;
  }

  /** Whether a leaf certificate of {@code report} has at most {@code within} left at {@code now}. */
  static boolean expiresWithin(FederationReport report, Instant now, Duration within) {
    return !CertificateExpiry.expiringWithin(CertificateExpiry.bands(List.of(report), now), within)
        .isEmpty();
  }

  private List<Edge> edges;

  /** The edges of the reports kept (grouped once; call after the last {@link #add}). */
  List<Edge> edges() {
    if (edges == null) {
      edges = EdgeGrouping.byEdge(reports);
    }
    return edges;
  }

  /**
   * The certificates to list: those with at most {@code within} left, or without {@code within}
   * (null) those under 90 days or expired.
   */
  List<ExpiringCertificate> expiring(Instant now, Duration within) {
    List<ExpiringCertificate> all = CertificateExpiry.bands(reports, now);
    return within != null
        ? CertificateExpiry.expiringWithin(all, within)
        : all.stream().filter(c -> c.band() != ExpiryBand.LATER).toList();
  }

  /** The edge summary: each edge's line and, under it, its ranked actions. */
  static void printEdges(PrintWriter err, List<Edge> edges, boolean all) {
    int shown = all ? edges.size() : Math.min(TOP_EDGES, edges.size());
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "audit: %d edge%s, most failing tenants first%s:%n",
        edges.size(), edges.size() == 1 ? "" : "s",
        shown < edges.size() ? " (top " + shown + "; --verbose shows all)" : ""));
    for (Edge e : edges.subList(0, shown)) {
      b.append(TextStyle.clean(edgeLine(e))).append(System.lineSeparator());
      for (EdgeAction a : e.actions()) {
        b.append(String.format(Locale.ROOT, "  %s: fixes %d failing tenant%s%n", a.rule().name(),
            a.failingTenants(), a.failingTenants() == 1 ? "" : "s"));
        b.append("    ").append(TextStyle.clean(a.remediation())).append(System.lineSeparator());
      }
    }
    err.print(b);
    err.flush();
  }

  /** Such as {@code sip.bulk.lab:5061  sha256 ab12cd34…  200 tenants  150 FAIL, 50 PASS}. */
  static String edgeLine(Edge e) {
    String cert = e.leafSha256().isEmpty() ? "no certificate" : "sha256 " + e.leafSha256().substring(0, 8) + "\u2026";
    return e.endpoint() + "  " + cert + "  " + e.tenants().size()
        + (e.tenants().size() == 1 ? " tenant  " : " tenants  ") + verdictMix(e);
  }

  /** The non-zero verdict counts, FAIL first: {@code 150 FAIL, 50 PASS}. */
  static String verdictMix(Edge e) {
    List<String> parts = new ArrayList<>();
    for (Verdict v : new Verdict[] {Verdict.FAIL, Verdict.UNKNOWN, Verdict.WARN, Verdict.PASS}) {
      int n = e.verdictCounts().get(v);
      if (n > 0) {
        parts.add(n + " " + v.name());
      }
    }
    return String.join(", ", parts);
  }

  /** The renewal calendar, per band: each certificate's endpoints, days left and tenant count. */
  static void printExpiring(PrintWriter err, List<ExpiringCertificate> certificates, Instant now,
      Duration within) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "audit: expiring certificates (%s, at %s): %d%n",
        within == null ? "under 90 days" : "within " + within, now, certificates.size()));
    for (ExpiryBand band : ExpiryBand.values()) {
      List<ExpiringCertificate> in = certificates.stream().filter(c -> c.band() == band).toList();
      if (in.isEmpty()) {
        continue;
      }
      b.append("  ").append(bandLabel(band)).append(System.lineSeparator());
      for (ExpiringCertificate c : in) {
        b.append(String.format(Locale.ROOT, "    %s  %d day%s left  %d tenant%s  (not after %s, sha256 %s\u2026)%n",
            TextStyle.clean(String.join(", ", c.endpoints())), c.daysLeft(),
            Math.abs(c.daysLeft()) == 1 ? "" : "s", c.tenants().size(),
            c.tenants().size() == 1 ? "" : "s", c.notAfter(), c.leafSha256().substring(0, 8)));
      }
    }
    err.print(b);
    err.flush();
  }

  static String bandLabel(ExpiryBand band) {
    return switch (band) {
      case EXPIRED -> "EXPIRED";
      case UNDER_7_DAYS -> "<7 days";
      case UNDER_30_DAYS -> "<30 days";
      case UNDER_90_DAYS -> "<90 days";
      case LATER -> "90 days or more";
    };
  }

  /** The {@code edges} section of the JSON output. */
  static ArrayNode edgesJson(List<Edge> edges) {
    ArrayNode array = ReportJson.MAPPER.createArrayNode();
    for (Edge e : edges) {
      ObjectNode n = array.addObject();
      n.put("fqdn", e.fqdn());
      n.put("port", e.port());
      n.put("endpoint", e.endpoint());
      e.fqdns().forEach(n.putArray("fqdns")::add);
      n.put("leafSha256", e.leafSha256());
      n.put("tenantCount", e.tenants().size());
      n.put("failingTenants", e.failingTenants());
      ObjectNode counts = n.putObject("verdictCounts");
      e.verdictCounts().forEach((v, c) -> counts.put(v.name(), c));
      e.tenants().forEach(n.putArray("tenants")::add);
      ArrayNode actions = n.putArray("actions");
      for (EdgeAction a : e.actions()) {
        ObjectNode an = actions.addObject();
        an.put("rule", a.rule().name());
        an.put("remediation", a.remediation());
        an.put("failingTenants", a.failingTenants());
        an.put("tenantCount", a.tenants().size());
        a.tenants().forEach(an.putArray("tenants")::add);
        a.sanNamesToAdd().forEach(an.putArray("sanNamesToAdd")::add);
      }
    }
    return array;
  }

  /** The {@code expiringCertificates} section of the JSON output. */
  static ArrayNode expiringJson(List<ExpiringCertificate> certificates) {
    ArrayNode array = ReportJson.MAPPER.createArrayNode();
    for (ExpiringCertificate c : certificates) {
      ObjectNode n = array.addObject();
      n.put("leafSha256", c.leafSha256());
      c.endpoints().forEach(n.putArray("endpoints")::add);
      n.put("notAfter", c.notAfter().toString());
      n.put("daysLeft", c.daysLeft());
      n.put("band", c.band().name());
      n.put("tenantCount", c.tenants().size());
      c.tenants().forEach(n.putArray("tenants")::add);
    }
    return array;
  }
}
