package io.fedcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes the audit input reader: any bytes give entries with increasing line numbers, each a
 * non-empty, trimmed, single-line domain of at most {@link AuditInput#MAX_LINE} characters, the
 * same number as {@link AuditInput#count} says, and never an exception. Seeds: {@code
 * AuditInputFuzzTestInputs/entries}. Regression mode runs the seeds in every build; {@code
 * scripts/fuzz.sh} fuzzes.
 */
class AuditInputFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void entries(byte[] input) {
    List<AuditInput.Entry> entries = new ArrayList<>();
    new AuditInput(new ByteArrayInputStream(input)).forEachRemaining(entries::add);
    assertEquals(entries.size(), AuditInput.count(new ByteArrayInputStream(input)));
    long terminators = 0;
    for (byte b : input) {
      terminators += b == '\n' || b == '\r' ? 1 : 0;
    }
    long previous = 0;
    for (AuditInput.Entry e : entries) {
      assertTrue(e.line() > previous, "line numbers increase");
      assertTrue(e.line() <= terminators + 1, "a line number exists in the input");
      previous = e.line();
      String d = e.domain();
      assertFalse(d.isEmpty(), "no empty entry");
      assertEquals(d.strip(), d, "entries are trimmed");
      assertFalse(d.indexOf('\n') >= 0 || d.indexOf('\r') >= 0, "one line per entry");
      assertFalse(d.startsWith("#"), "comments are skipped");
      assertTrue(d.length() <= AuditInput.MAX_LINE, "long lines are cut");
    }
  }
}
