package io.fedcheck.flink;

import java.io.Serializable;
import java.util.Objects;

/**
 * One domain of the job's input, with the physical line it came from (1-based, as {@code fedcheck
 * audit --input} numbers it) and, when the input is a directory, the file.
 *
 * @param line the input line number, 1-based, counted from the start of its file
 * @param domain the text to check, stripped of white space and trailing comment
 * @param file the file the line is in, relative to the input directory, or empty when the input
 *     is one file
 */
public record AuditInput(long line, String domain, String file) implements Serializable {
  /** Checks the line number and that the domain and file are present. */
  public AuditInput {
    if (line < 1) {
      throw new IllegalArgumentException("line numbers start at 1: " + line);
    }
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(file, "file");
  }

  /** An entry of a single input file. */
  public AuditInput(long line, String domain) {
    this(line, domain, "");
  }

  /** This entry, read from {@code file} of an input directory. */
  public AuditInput inFile(String file) {
    return new AuditInput(line, domain, file);
  }
}
