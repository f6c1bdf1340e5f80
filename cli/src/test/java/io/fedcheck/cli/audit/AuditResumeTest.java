package io.fedcheck.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedcheck.cli.CliRun;
import io.fedcheck.cli.ScriptedValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditResumeTest {
  @TempDir Path tmp;

  private Path in;

  private Path input(int n) throws IOException {
    StringBuilder b = new StringBuilder("# list\n");
    for (int i = 1; i <= n; i++) {
      b.append(i % 7 == 0 ? "fail" + i + ".example" : i % 5 == 0 ? "warn" + i + ".example" : "d" + i + ".example")
          .append('\n');
    }
    in = tmp.resolve("in.txt");
    Files.writeString(in, b.toString());
    return in;
  }

  private CliRun audit(ScriptedValidator v, Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("audit", "--input", in.toString(), "--output", out.toString()));
    args.addAll(List.of(extra));
    return CliRun.run(v, args.toArray(String[]::new));
  }

  /** Line number to domain of a jsonl file; fails on a duplicate line number. */
  static Map<Long, String> byLine(List<JsonNode> results) {
    Map<Long, String> m = new TreeMap<>();
    for (JsonNode n : results) {
      String before = m.put(n.path("line").asLong(), n.path("domain").asText());
      if (before != null) {
        throw new AssertionError("line " + n.path("line") + " twice");
      }
    }
    return m;
  }

  @Test
  void aTornLastJsonlLineIsCutOffAndEveryLineEndsUpExactlyOnce() throws IOException {
    input(40);
    Path full = tmp.resolve("full.jsonl");
    assertEquals(1, audit(new ScriptedValidator(AuditScripts.byName()), full, "--quiet").exitCode());
    List<String> lines = Files.readAllLines(full);
    assertEquals(40, lines.size());
    // A crash after 17 results, in the middle of the 18th.
    Path out = tmp.resolve("out.jsonl");
    String kept = String.join("\n", lines.subList(0, 17)) + "\n";
    Files.writeString(out, kept + lines.get(17).substring(0, 25), StandardCharsets.UTF_8);

    ScriptedValidator v = new ScriptedValidator(AuditScripts.byName());
    CliRun r = audit(v, out, "--resume");
    assertEquals(1, r.exitCode(), r.err());
    assertEquals(23, v.asked.size(), "only the lines not yet answered are checked");
    assertTrue(r.err().contains("audit: resuming: 17 results kept, 23 input lines left"), r.err());
    assertTrue(r.err().contains("audit: 40 results:"), r.err());
    assertTrue(r.err().contains("17 from the resumed output, 23 checked now"), r.err());
    assertTrue(Files.readString(out).startsWith(kept), "kept results are not rewritten");
    assertEquals(byLine(AuditScripts.jsonl(full)), byLine(AuditScripts.jsonl(out)));
  }

  @Test
  void aCompleteButUnparsableLastLineIsCutOffToo() throws IOException {
    input(5);
    Path out = tmp.resolve("out.jsonl");
    audit(new ScriptedValidator(AuditScripts.byName()), out, "--quiet");
    List<String> lines = Files.readAllLines(out);
    Files.writeString(out, lines.get(0) + "\n" + lines.get(1) + "\n{\"line\":3,\"dom\n");
    ScriptedValidator v = new ScriptedValidator(AuditScripts.byName());
    assertEquals(0, audit(v, out, "--resume", "--quiet").exitCode());
    assertEquals(3, v.asked.size());
    assertEquals(List.of(2L, 3L, 4L, 5L, 6L), List.copyOf(byLine(AuditScripts.jsonl(out)).keySet()));
  }

  @Test
  void aFinishedAuditResumedChecksNothingMore() throws IOException {
    input(10);
    Path out = tmp.resolve("out.jsonl");
    audit(new ScriptedValidator(AuditScripts.byName()), out, "--quiet");
    String before = Files.readString(out);
    ScriptedValidator v = new ScriptedValidator(AuditScripts.byName());
    CliRun r = audit(v, out, "--resume", "--quiet");
    assertEquals(1, r.exitCode(), "the exit code counts the resumed FAILs: " + r.err());
    assertEquals(List.of(), v.asked);
    assertEquals(before, Files.readString(out));
  }

  @Test
  void resumeWithoutAnOutputFileYetStartsFromTheBeginning() throws IOException {
    input(3);
    Path out = tmp.resolve("new.csv");
    CliRun r = audit(new ScriptedValidator(AuditScripts.byName()), out, "--resume", "--format", "csv", "--quiet");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(4, AuditScripts.csv(out).size());
  }

  @Test
  void aCorruptLineBeforeTheLastIsRefusedAndTheFileLeftAlone() throws IOException {
    input(5);
    Path out = tmp.resolve("out.jsonl");
    String text = "{\"line\":1,\"domain\":\"d1.example\",\"verdict\":\"PASS\",\"findings\":[]}\nnot json\n"
        + "{\"line\":2,\"domain\":\"d2.example\",\"verdict\":\"PASS\",\"findings\":[]}\n";
    Files.writeString(out, text);
    ScriptedValidator v = new ScriptedValidator(AuditScripts.byName());
    CliRun r = audit(v, out, "--resume");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("line 2 of " + out + " is not an audit result"), r.err());
    assertEquals(text, Files.readString(out));
    assertEquals(0, v.created);
  }

  @Test
  void csvResumeCutsATornRowAndTheWholeLastResult() throws IOException {
    input(30);
    Path full = tmp.resolve("full.csv");
    audit(new ScriptedValidator(AuditScripts.byName()), full, "--format", "csv", "--quiet");
    String text = Files.readString(full);
    // Cut in the middle of the row of input line 14 (d13.example; line 1 is a comment).
    int cut = text.indexOf("\r\n14,") + 10;
    Path out = tmp.resolve("out.csv");
    Files.writeString(out, text.substring(0, cut));

    ScriptedValidator v = new ScriptedValidator(AuditScripts.byName());
    CliRun r = audit(v, out, "--format", "csv", "--resume", "--quiet");
    assertEquals(1, r.exitCode(), r.err());
    // Lines 2..12 stay; 13 is the last complete result (checked again to be safe), 14 was torn.
    assertEquals(19, v.asked.size(), v.asked.toString());
    assertEquals("d12.example", v.asked.get(0));
    assertEquals(AuditScripts.csv(full).size(), AuditScripts.csv(out).size());
    assertEquals(sortedRows(full), sortedRows(out));
  }

  @Test
  void csvResumeOfAFileWithOnlyATornHeaderStartsAgain() throws IOException {
    input(2);
    Path out = tmp.resolve("out.csv");
    Files.writeString(out, "line,dom");
    assertEquals(0, audit(new ScriptedValidator(AuditScripts.byName()), out, "--format", "csv", "--resume", "--quiet")
        .exitCode());
    List<List<String>> rows = AuditScripts.csv(out);
    assertEquals(AuditResultWriter.CSV_HEADER, rows.get(0));
    assertEquals(3, rows.size());
  }

  @Test
  void csvResumeRefusesAFileThatIsNotAnAuditCsv() throws IOException {
    input(2);
    Path out = tmp.resolve("out.csv");
    Files.writeString(out, "domain,verdict,rule,severity,subject,message\r\n");
    CliRun r = audit(new ScriptedValidator(AuditScripts.byName()), out, "--format", "csv", "--resume");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("does not start with the audit csv header"), r.err());
  }

  private static List<String> sortedRows(Path csv) {
    return AuditScripts.csv(csv).stream().map(row -> String.join("\u0001", row)).sorted().toList();
  }

  @Test
  void csvFieldsParseBackWithQuotesAndCommas() {
    assertEquals(List.of("1", "a,b", "say \"hi\"", ""), AuditResume.fields("1,\"a,b\",\"say \"\"hi\"\"\","));
    assertEquals(null, AuditResume.fields("1,\"open"));
  }
}
