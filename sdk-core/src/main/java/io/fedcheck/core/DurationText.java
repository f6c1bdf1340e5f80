package io.fedcheck.core;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration syntax of fedcheck's options ({@code --timeout} of the CLI and of the Flink job): a
 * whole number with a unit ({@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}) or an ISO-8601
 * duration ({@code PT10S}). A bare number is refused because its unit would be a guess.
 */
public final class DurationText {
  private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  private DurationText() {}

  /**
   * Parses a positive duration.
   *
   * @param value the text
   * @return the duration
   * @throws IllegalArgumentException with a message that shows the accepted forms
   */
  public static Duration parsePositive(String value) {
    Duration d = parse(value.strip().toLowerCase(Locale.ROOT));
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("'" + value + "' is not a positive duration");
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
    throw new IllegalArgumentException(
        "'" + v + "' is not a duration (use 500ms, 10s, 2m, 1h or ISO-8601 such as PT10S)");
  }
}
