package io.fedcheck.cli.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fedcheck.cli.options.UsageException;
import io.fedcheck.report.DomainListReader;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes the audit input reader: any bytes give entries with increasing line numbers, each a
 * non-empty, trimmed, single-line domain of at most {@link AuditInput#MAX_LINE} characters, the
 * same number as {@link AuditInput#count} says, a leading UTF-8 byte-order mark dropped, and
 * never an exception but the usage error for UTF-16 input. Seeds: {@code
 * AuditInputFuzzTestInputs/entries}. Regression mode runs the seeds in every build; {@code
 * scripts/fuzz.sh} fuzzes.
 */
class AuditInputFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void entries(byte[] input) {
    boolean utf16 = input.length >= 2 && ((input[0] == (byte) 0xFF && input[1] == (byte) 0xFE)
        || (input[0] == (byte) 0xFE && input[1] == (byte) 0xFF));
    if (utf16) { // refused with a usage error, never read as garbage lines
      UsageException e = assertThrows(UsageException.class, () -> new AuditInput(new ByteArrayInputStream(input)));
      assertTrue(e.getMessage().contains("UTF-16"), e.getMessage());
      return;
    }
    List<DomainListReader.Entry> entries = new ArrayList<>();
    new AuditInput(new ByteArrayInputStream(input)).forEachRemaining(entries::add);
    boolean bom = input.length >= 3 && input[0] == (byte) 0xEF && input[1] == (byte) 0xBB && input[2] == (byte) 0xBF;
    if (bom && !entries.isEmpty() && entries.get(0).line() == 1) {
      assertFalse(entries.get(0).domain().startsWith("\uFEFF"), "a leading byte-order mark is dropped");
    }
    assertEquals(entries.size(), AuditInput.count(new ByteArrayInputStream(input)));
    long terminators = 0;
    for (byte b : input) {
      terminators += b == '\n' || b == '\r' ? 1 : 0;
    }
    long previous = 0;
    for (DomainListReader.Entry e : entries) {
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
