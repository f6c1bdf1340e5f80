package io.fedcheck.flink;

import java.io.Serializable;
import java.util.Objects;

/**
 * One result of the job: the input line, the domain, its verdict, and the JSON line the sink
 * writes, which is exactly a line of {@code fedcheck audit --format jsonl}.
 *
 * @param line the input line number, 1-based
 * @param domain the domain as given
 * @param verdict the verdict's name (PASS, WARN, FAIL or UNKNOWN)
 * @param json the result as one line of JSON, without the line break
 */
public record AuditRecord(long line, String domain, String verdict, String json) implements Serializable {
  /** Checks that every field is present and the JSON is one line. */
  public AuditRecord {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(json, "json");
    if (json.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a JSON line must not hold a line break");
    }
  }
}
