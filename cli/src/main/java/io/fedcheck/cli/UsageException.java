package io.fedcheck.cli;

/**
 * A command-line mistake found after parsing (an output file that cannot be written, conflicting
 * options). Reported as one line on stderr with exit code {@link ExitCodes#USAGE}.
 */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }

  UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
