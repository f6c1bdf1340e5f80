package io.fedcheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fedcheck.api.FederationReport;
import io.fedcheck.core.IncompleteReports;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit result line: {@code line} first, then the report's fields, always one line of text. */
class FederationReportJsonTest {
  @Test
  void anAuditLineIsTheLineNumberThenTheReportOnOneLine() throws Exception {
    FederationReport report = IncompleteReports.of("évil\n.example", "évil\n.example", "timed out\r\nafter 1s",
        Duration.ofMillis(1500), Instant.parse("2026-12-07T00:00:00Z"));
    String text = FederationReportJson.auditLine(42, report);
    assertFalse(text.contains("\n") || text.contains("\r"), "control characters are escaped: " + text);
    JsonNode n = new ObjectMapper().readTree(text);
    List<String> fields = new ArrayList<>();
    n.fieldNames().forEachRemaining(fields::add);
    assertEquals(List.of("line", "domain", "asciiDomain", "verdict", "checkedAt", "findings", "srv", "srvLookup",
        "targets", "certificates", "timings"), fields);
    assertEquals(42, n.path("line").asLong());
    assertEquals("UNKNOWN", n.path("verdict").asText());
    assertEquals("DNS_LOOKUP_FAILED", n.path("findings").get(0).path("rule").asText());
    assertEquals(1500, n.path("timings").path("total").asLong());
    assertEquals(FederationReportJson.toJson(report).path("findings"), n.path("findings"));
  }
}
