package io.fedcheck.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.streaming.api.functions.async.CollectionSupplier;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.junit.jupiter.api.Test;

/** The per-record timeout: Flink's {@code timeout()} must emit a result, never drop the record. */
class FederationAuditFunctionTest {
  /** Collects what the function completes the future with. */
  private static final class Collected implements ResultFuture<AuditRecord> {
    final List<AuditRecord> records = new ArrayList<>();
    Throwable error;

    @Override
    public void complete(Collection<AuditRecord> result) {
      records.addAll(result);
    }

    @Override
    public void completeExceptionally(Throwable t) {
      error = t;
    }

    @Override
    public void complete(CollectionSupplier<AuditRecord> supplier) {
      try {
        records.addAll(supplier.get());
      } catch (Exception e) {
        error = e;
      }
    }
  }

  @Test
  void aTimedOutRecordBecomesAnUnknownResultThatSaysWhy() throws Exception {
    FederationAuditFunction f = new FederationAuditFunction(ValidatorSpec.builder().build(), Duration.ofMillis(1500));
    Collected out = new Collected();
    f.timeout(new AuditInput(7, "slow.example"), out);
    assertEquals(null, out.error, "never completed exceptionally (that would fail the job)");
    assertEquals(1, out.records.size());
    AuditRecord r = out.records.get(0);
    assertEquals(7, r.line());
    assertEquals("UNKNOWN", r.verdict());
    JsonNode n = new ObjectMapper().readTree(r.json());
    assertEquals(7, n.path("line").asLong());
    assertEquals("slow.example", n.path("domain").asText());
    String message = n.path("findings").get(0).path("message").asText();
    assertTrue(message.contains("1500 ms"), message);
  }
}
