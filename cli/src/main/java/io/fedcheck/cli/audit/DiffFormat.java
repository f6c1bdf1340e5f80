package io.fedcheck.cli.audit;

import io.fedcheck.cli.options.CliChoice;

/** The output formats of {@code diff --format}. */
enum DiffFormat implements CliChoice {
  TEXT("text"),
  JSON("json"),
  CSV("csv");

  private final String cliName;

  DiffFormat(String cliName) {
    this.cliName = cliName;
  }

  @Override
  public String cliName() {
    return cliName;
  }

  static final class Converter extends CliChoice.Converter<DiffFormat> {
    Converter() {
      super(DiffFormat.class);
    }
  }
}
