package io.fedcheck.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Finding;
import io.fedcheck.report.FederationReportJson;

/**
 * The CLI's JSON: the shared {@link ObjectMapper} of its readers and writers, and the report tree,
 * which is {@link FederationReportJson}'s (sdk-report), so the Flink job writes the same shape.
 */
public final class ReportJson {
  /** Shared: an ObjectMapper is thread-safe once configured. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private ReportJson() {}

  public static ObjectNode toJson(FederationReport report) {
    return FederationReportJson.toJson(report);
  }

  public static ObjectNode finding(Finding f) {
    return FederationReportJson.finding(f);
  }
}
