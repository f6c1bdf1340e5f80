package io.fedcheck.cli.audit;

import io.fedcheck.cli.options.CliChoice;

/** The output formats of {@code audit --format}; jsonl is the default. */
enum AuditFormat implements CliChoice {
  /** One JSON object per line, each with the input's {@code "line"} number; resumable. */
  JSONL("jsonl", true),
  /** RFC 4180 rows, one per finding, first column the input's line number; resumable. */
  CSV("csv", true),
  /** One JSON array; not resumable (a torn array cannot be told from a finished one cheaply). */
  JSON("json", false);

  private final String cliName;
  private final boolean resumable;

  AuditFormat(String cliName, boolean resumable) {
    this.cliName = cliName;
    this.resumable = resumable;
  }

  @Override
  public String cliName() {
    return cliName;
  }

  /** Whether {@code --resume} can continue a file of this format. */
  boolean resumable() {
    return resumable;
  }

  static final class Converter extends CliChoice.Converter<AuditFormat> {
    Converter() {
      super(AuditFormat.class);
    }
  }
}
