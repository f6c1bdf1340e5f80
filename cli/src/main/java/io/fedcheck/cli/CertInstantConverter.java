package io.fedcheck.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/**
 * Converts {@code --at}: an ISO-8601 instant in UTC ({@code 2026-02-02T00:00:01Z}) or with an offset
 * ({@code 2026-02-02T01:00:01+01:00}).
 */
final class CertInstantConverter implements CommandLine.ITypeConverter<Instant> {
  @Override
  public Instant convert(String value) {
    String v = value.strip();
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(v).toInstant();
      } catch (DateTimeParseException e2) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not an ISO-8601 instant such as"
            + " 2026-02-02T00:00:01Z or 2026-02-02T01:00:01+01:00");
      }
    }
  }
}
