package io.fedcheck.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fedcheck.api.RuleId;
import io.fedcheck.core.rules.DomainNameResult;
import io.fedcheck.core.rules.DomainNames;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the domain-name normaliser: any string (the bytes as UTF-8) gives either a valid,
 * idempotent, lower-case ASCII name within the DNS limits, or a {@code DOMAIN_INVALID} finding,
 * never an exception. Seeds: {@code DomainNamesFuzzTestInputs/normalize}, the catalogue's names.
 * Regression mode runs the seeds in every build; {@code scripts/fuzz.sh} fuzzes.
 */
class DomainNamesFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void normalize(byte[] input) {
    String name = new String(input, StandardCharsets.UTF_8);
    DomainNameResult result = DomainNames.normalize(name);
    assertNotNull(result);
    if (!result.isValid()) {
      assertEquals(RuleId.DOMAIN_INVALID, result.problem().rule());
      return;
    }
    assertNull(result.problem());
    String ascii = result.ascii();
    assertTrue(ascii.length() >= 1 && ascii.length() <= 253, ascii);
    assertTrue(ascii.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.'),
        ascii);
    for (String label : ascii.split("\\.", -1)) {
      assertTrue(!label.isEmpty() && label.length() <= 63, ascii);
    }
    DomainNameResult again = DomainNames.normalize(ascii);
    assertTrue(again.isValid(), () -> "normalized form is rejected: " + ascii);
    assertEquals(ascii, again.ascii(), "normalization is idempotent");
  }
}
