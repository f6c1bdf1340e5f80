package io.fedcheck.cli.report;

import io.fedcheck.cli.options.CliChoice;
import java.util.Map;

/** The choices of {@code --color}. */
public enum ColorMode implements CliChoice {
  AUTO("auto"),
  ALWAYS("always"),
  NEVER("never");

  private final String cliName;

  ColorMode(String cliName) {
    this.cliName = cliName;
  }

  @Override
  public String cliName() {
    return cliName;
  }

  /**
   * Whether to emit ANSI colours. {@code always} wins (an explicit flag overrides the environment);
   * {@code auto} colours only a terminal, and never when {@code NO_COLOR} is set to a non-empty
   * value (https://no-color.org) or {@code TERM=dumb}.
   */
  boolean enabled(Map<String, String> env, boolean toTerminal) {
    return switch (this) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> toTerminal
          && env.getOrDefault("NO_COLOR", "").isEmpty()
          && !"dumb".equals(env.get("TERM"));
    };
  }

  public static final class Converter extends CliChoice.Converter<ColorMode> {
    public Converter() {
      super(ColorMode.class);
    }
  }
}
