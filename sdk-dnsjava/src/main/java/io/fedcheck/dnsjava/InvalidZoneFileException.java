package io.fedcheck.dnsjava;

/**
 * A zone file the {@link ZoneFileResolver} refuses: bad syntax, more records than its {@link
 * io.fedcheck.api.ZoneFileLimits} allow, an {@code $INCLUDE} that is off or leads outside the zone
 * file's directory, a cycle of includes. The message is one line that names the zone file given
 * and its line, and never quotes the content of a file the caller did not name.
 */
public final class InvalidZoneFileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** A refusal with this one-line message. */
  public InvalidZoneFileException(String message) {
    super(message);
  }

  /** A refusal with this one-line message and the parser's own exception (for debug logs). */
  public InvalidZoneFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
