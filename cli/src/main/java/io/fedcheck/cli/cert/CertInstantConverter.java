package io.fedcheck.cli.cert;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/**
 * Converts {@code --at}: an ISO-8601 instant in UTC ({@code 2026-02-02T00:00:01Z}) or with an offset
 * ({@code 2026-02-02T01:00:01+01:00}).
 */
final class CertInstantConverter implements CommandLine.ITypeConverter<Instant> {
  /** The earliest instant an X.509 validity can hold (UTCTime starts in 1950). */
  static final Instant EARLIEST = Instant.parse("1950-01-01T00:00:00Z");
  /** The latest instant an X.509 validity can hold (GeneralizedTime ends in 9999). */
  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  @Override
  public Instant convert(String value) {
    Instant at = parse(value);
    // Far-future instants overflow the millisecond clock of the PKIX checks; no certificate
    // can be valid outside these years anyway.
    if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
      throw new CommandLine.TypeConversionException("--at '" + value.strip() + "' is out of range: give an"
          + " instant from 1950-01-01T00:00:00Z to 9999-12-31T23:59:59Z, the dates a certificate can hold");
    }
    return at;
  }

  private static Instant parse(String value) {
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
