package io.fedcheck.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Finding;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Verdict;
import io.fedcheck.cli.Reports;
import io.fedcheck.cli.report.ReportJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Reports by domain name for the audit tests, and readers of the audit's output files. */
final class AuditScripts {
  private AuditScripts() {}

  /** fail* FAIL, unknown* UNKNOWN, warn* WARN, anything else that is a DNS name PASS, the rest DOMAIN_INVALID. */
  static Function<String, FederationReport> byName() {
    return d -> {
      String a;
      try {
        a = Reports.ascii(d);
      } catch (IllegalArgumentException e) {
        return invalid(d);
      }
      if (!a.matches("[a-z0-9.-]{1,253}")) {
        return invalid(d);
      }
      if (a.startsWith("fail")) {
        return Reports.mismatch(d);
      }
      if (a.startsWith("unknown")) {
        return Reports.unknown(d);
      }
      if (a.startsWith("warn")) {
        return Reports.warn(d);
      }
      return Reports.pass(d);
    };
  }

  static FederationReport invalid(String input) {
    return new FederationReport(input, input.strip(), Verdict.FAIL,
        List.of(Finding.of(RuleId.DOMAIN_INVALID, input, "\"" + input + "\" is not a valid DNS domain name",
            "Give the SIP domain as a DNS name.", Map.of())),
        null, List.of(), Reports.CHECKED_AT);
  }

  /** The results of a jsonl file, each line parsed (fails on a line that does not parse). */
  static List<JsonNode> jsonl(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      if (!text.isEmpty() && !text.endsWith("\n")) {
        throw new AssertionError("the file does not end with a newline");
      }
      List<JsonNode> out = new ArrayList<>();
      for (String line : text.split("\n")) {
        if (!line.isEmpty()) {
          out.add(ReportJson.MAPPER.readTree(line));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows of an audit csv file (header included), each split into fields. */
  static List<List<String>> csv(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      if (!text.isEmpty() && !text.endsWith("\r\n")) {
        throw new AssertionError("the file does not end with CRLF");
      }
      List<List<String>> rows = new ArrayList<>();
      for (String line : text.split("\r\n")) {
        List<String> fields = AuditResume.fields(line);
        if (fields == null) {
          throw new AssertionError("not a csv row: " + line);
        }
        rows.add(fields);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
