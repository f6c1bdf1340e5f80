package io.fedcheck.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fedcheck.core.diagnostics.DiagnosticsExplainer;
import io.fedcheck.core.diagnostics.Explanation;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzzes the parser behind {@code explain}: whatever a user pastes (ms-diagnostics headers, client
 * log lines, Edge {@code $$begin_record} blocks, or junk), the explainer returns at most {@link
 * DiagnosticsExplainer#MAX_EXPLANATIONS} explanations and never throws. Seeds: the seed document's
 * log excerpts and constructed headers in {@code DiagnosticsExplainerFuzzTestInputs/explain}.
 */
class DiagnosticsExplainerFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void explain(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    List<Explanation> explanations = DiagnosticsExplainer.explain(text);
    assertNotNull(explanations);
    assertTrue(explanations.size() <= DiagnosticsExplainer.MAX_EXPLANATIONS, () -> "" + explanations.size());
    for (Explanation e : explanations) {
      assertNotNull(e);
    }
  }
}
