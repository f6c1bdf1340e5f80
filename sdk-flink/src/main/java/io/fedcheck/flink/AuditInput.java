package io.fedcheck.flink;

import java.io.Serializable;
import java.util.Objects;

/**
 * One domain of the job's input, with the physical line it came from (1-based, as {@code fedcheck
 * audit --input} numbers it).
 *
 * @param line the input line number, 1-based
 * @param domain the text to check, stripped of white space and trailing comment
 */
public record AuditInput(long line, String domain) implements Serializable {
  /** Checks the line number and that the domain is present. */
  public AuditInput {
    if (line < 1) {
      throw new IllegalArgumentException("line numbers start at 1: " + line);
    }
    Objects.requireNonNull(domain, "domain");
  }
}
