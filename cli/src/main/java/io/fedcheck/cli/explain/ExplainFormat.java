package io.fedcheck.cli.explain;

import io.fedcheck.cli.options.CliChoice;

/** The output formats of {@code explain --format}. */
enum ExplainFormat implements CliChoice {
  TEXT("text"),
  JSON("json");

  private final String cliName;

  ExplainFormat(String cliName) {
    this.cliName = cliName;
  }

  @Override
  public String cliName() {
    return cliName;
  }

  static final class Converter extends CliChoice.Converter<ExplainFormat> {
    Converter() {
      super(ExplainFormat.class);
    }
  }
}
