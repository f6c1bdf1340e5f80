package io.fedcheck.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Finding;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Verdict;
import io.fedcheck.cli.CliRun;
import io.fedcheck.cli.Reports;
import io.fedcheck.cli.ScriptedValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CsvFormatTest {

  @Test
  void oneRowPerFindingAndOneForADomainWithout() {
    Function<String, FederationReport> script = d -> switch (d) {
      case "two.example" -> Reports.report(d, Verdict.FAIL, List.of(
          Finding.of(RuleId.SRV_TARGET_DOMAIN_MISMATCH, "a.other", "first", "", Map.of()),
          Finding.of(RuleId.SRV_PORT_UNUSUAL, "b.two.example", "second", "", Map.of())));
      default -> Reports.pass(d);
    };
    CliRun r = CliRun.run(new ScriptedValidator(script), "check", "--format", "csv", "clean.example", "two.example");
    assertEquals(1, r.exitCode(), r.err());
    List<List<String>> rows = parse(r.out());
    assertEquals(CsvReportWriter.HEADER, rows.get(0));
    assertEquals(List.of("clean.example", "PASS", "", "", "", ""), rows.get(1));
    assertEquals(List.of("two.example", "FAIL", "SRV_TARGET_DOMAIN_MISMATCH", "ERROR", "a.other", "first"), rows.get(2));
    assertEquals(List.of("two.example", "FAIL", "SRV_PORT_UNUSUAL", "INFO", "b.two.example", "second"), rows.get(3));
    assertEquals(4, rows.size());
    assertTrue(r.out().endsWith("\r\n"), "RFC 4180 ends records with CRLF");
  }

  @Test
  void commasQuotesAndNewlinesAreQuotedAndSurviveARoundTrip() {
    String message = "target \"vcse.steven.lab\", port 5061\nsecond line\r\nthird";
    String input = "weird,\"domain\"";
    Function<String, FederationReport> script = d -> new FederationReport(d, "weird", Verdict.FAIL,
        List.of(Finding.of(RuleId.DOMAIN_INVALID, d, message, "", Map.of())), null, List.of(), Reports.CHECKED_AT);
    CliRun r = CliRun.run(new ScriptedValidator(script), "check", "--format", "csv", input);
    List<List<String>> rows = parse(r.out());
    assertEquals(2, rows.size(), r.out());
    assertEquals(List.of(input, "FAIL", "DOMAIN_INVALID", "ERROR", input, message), rows.get(1));
    assertTrue(r.out().contains("\"weird,\"\"domain\"\"\""), r.out());
  }

  @Test
  void quoteLeavesPlainFieldsAlone() {
    assertEquals("example.com", CsvReportWriter.quote("example.com"));
    assertEquals("", CsvReportWriter.quote(""));
    assertEquals("\"a,b\"", CsvReportWriter.quote("a,b"));
    assertEquals("\"a\"\"b\"", CsvReportWriter.quote("a\"b"));
    assertEquals("\"a\rb\"", CsvReportWriter.quote("a\rb"));
  }

  /** A strict RFC 4180 reader: records end with CRLF; quoted fields may hold anything. */
  static List<List<String>> parse(String csv) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    while (i < csv.length()) {
      char c = csv.charAt(i);
      if (c == '"' && field.length() == 0) {
        i++;
        while (true) {
          char q = csv.charAt(i);
          if (q == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
            field.append('"');
            i += 2;
          } else if (q == '"') {
            i++;
            break;
          } else {
            field.append(q);
            i++;
          }
        }
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
        i++;
      } else if (c == '\r' && csv.startsWith("\r\n", i)) {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i += 2;
      } else {
        if (c == '\n' || c == '\r' || c == '"') {
          throw new AssertionError("unquoted " + (int) c + " at " + i + " in " + csv);
        }
        field.append(c);
        i++;
      }
    }
    if (!row.isEmpty() || field.length() > 0) {
      throw new AssertionError("last record is not terminated by CRLF");
    }
    return rows;
  }
}
