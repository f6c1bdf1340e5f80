package io.fedcheck.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Converts {@code --timeout} values: a whole number with a unit ({@code 500ms}, {@code 10s}, {@code
 * 2m}, {@code 1h}) or an ISO-8601 duration ({@code PT10S}). The duration must be positive. A bare
 * number is refused because its unit would be a guess.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  @Override
  public Duration convert(String value) {
    Duration d = parse(value.strip().toLowerCase(Locale.ROOT));
    if (d.isZero() || d.isNegative()) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a positive duration");
    }
    return d;
  }

  private static Duration parse(String v) {
    Matcher m = SIMPLE.matcher(v);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    }
    if (v.startsWith("p") || v.startsWith("-p")) {
      try {
        return Duration.parse(v.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        // fall through to the one message that shows the accepted forms
      }
    }
    throw new CommandLine.TypeConversionException(
        "'" + v + "' is not a duration (use 500ms, 10s, 2m, 1h or ISO-8601 such as PT10S)");
  }
}
