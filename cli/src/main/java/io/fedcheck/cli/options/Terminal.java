package io.fedcheck.cli.options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a standard stream is an interactive terminal. Java 17 only says whether the JVM has a
 * console (stdin and stdout both terminals), which is wrong for stderr: {@code audit … >
 * results.jsonl} on a terminal must still draw its progress bar on stderr, and {@code 2>log} must
 * not write carriage-return redraws into the log.
 */
public final class Terminal {
  private Terminal() {}

  /** Whether standard output is a terminal. */
  public static boolean stdout() {
    return isTerminal(1).orElse(System.console() != null);
  }

  /** Whether standard error is a terminal. */
  public static boolean stderr() {
    return isTerminal(2).orElse(System.console() != null);
  }

  /** From the file descriptor's link in {@code /proc} (Linux); empty where that is not available. */
  private static java.util.Optional<Boolean> isTerminal(int fd) {
    Path link = Path.of("/proc/self/fd/" + fd);
    try {
      String target = Files.readSymbolicLink(link).toString();
      return java.util.Optional.of(target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")
          || target.equals("/dev/console"));
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return java.util.Optional.empty();
    }
  }
}
