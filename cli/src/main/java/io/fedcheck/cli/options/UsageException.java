package io.fedcheck.cli.options;

/**
 * A command-line mistake found after parsing (an output file that cannot be written, conflicting
 * options). Reported as one line on stderr with exit code {@link ExitCodes#USAGE}.
 */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }

  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
