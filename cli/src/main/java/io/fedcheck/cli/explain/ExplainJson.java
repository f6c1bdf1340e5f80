package io.fedcheck.cli.explain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.RuleId;
import io.fedcheck.cli.report.ReportJson;
import io.fedcheck.core.diagnostics.Explanation;
import java.util.List;
import java.util.Map;

/**
 * The {@code json} format of {@code explain}: one object with the explanations (and, with {@code
 * --check}, the live reports in {@code check}'s JSON shape). Built field by field, so the shape is
 * a contract: fields may be added, never renamed or removed. Thread-safe.
 */
final class ExplainJson {
  private ExplainJson() {}

  static ObjectNode toJson(String source, List<Explanation> explanations, Map<Explanation, ExplainCheck> checks,
      List<FederationReport> reports) {
    ObjectNode root = ReportJson.MAPPER.createObjectNode();
    root.put("source", source);
    ArrayNode list = root.putArray("explanations");
    explanations.forEach(e -> list.add(explanation(e, checks.get(e))));
    ArrayNode live = root.putArray("checks");
    reports.forEach(r -> live.add(ReportJson.toJson(r)));
    return root;
  }

  private static ObjectNode explanation(Explanation e, ExplainCheck check) {
    ObjectNode n = ReportJson.MAPPER.createObjectNode();
    n.put("kind", e.kind().name());
    n.put("title", ExplainTextWriter.title(e));
    if (e.msDiagnosticsCode() == null) {
      n.putNull("msDiagnostics");
    } else {
      n.put("msDiagnostics", e.msDiagnosticsCode());
    }
    n.put("resultCode", e.resultCode());
    n.put("resultName", e.resultName());
    n.put("hresult", e.hresult());
    n.put("hresultName", e.hresultName());
    n.put("recognised", e.recognised());
    ArrayNode rules = n.putArray("rules");
    for (RuleId r : e.rules()) {
      ObjectNode rule = rules.addObject();
      rule.put("id", r.name());
      rule.put("severity", r.defaultSeverity().name());
      rule.put("summary", r.summary());
    }
    n.put("plainLanguage", e.plainLanguage());
    n.put("remediation", e.remediation());
    n.put("sipDomain", e.sipDomain());
    ObjectNode fqdns = n.putObject("fqdns");
    e.fqdns().forEach(fqdns::put);
    n.put("checkDomain", e.checkDomain());
    n.put("srvLookup", e.checkDomain() == null ? null : ExplainTextWriter.srvName(e.checkDomain()));
    n.put("excerpt", e.excerpt());
    if (check == null) {
      n.putNull("check");
    } else {
      ObjectNode c = n.putObject("check");
      c.put("domain", check.domain());
      c.put("status", check.status().name());
      c.put("verdict", check.report().verdict().name());
      c.put("summary", check.summary());
      ArrayNode again = c.putArray("foundAgain");
      check.foundAgain().forEach(f -> again.add(ReportJson.finding(f)));
    }
    return n;
  }
}
