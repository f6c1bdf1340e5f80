package io.fedcheck.cli.options;

import io.fedcheck.core.DurationText;
import java.time.Duration;
import picocli.CommandLine;

/** Converts {@code --timeout} values with {@link DurationText}'s syntax; they must be positive. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return DurationText.parsePositive(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
