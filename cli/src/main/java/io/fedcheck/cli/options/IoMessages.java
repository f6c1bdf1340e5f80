package io.fedcheck.cli.options;

import io.fedcheck.api.BoundedInput;
import io.fedcheck.api.InputTooLargeException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Short, one-line descriptions of I/O failures for command-line messages. */
public final class IoMessages {
  private IoMessages() {}

  public static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof InputTooLargeException big) {
      return "larger than " + BoundedInput.describeSize(big.limit()) + ", the most fedcheck reads of such a file";
    }
    return firstLine(e);
  }

  /** The first line of the innermost cause's message: the one that says what was wrong. */
  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return firstLine(root);
  }

  /** The first line of a throwable's message, or its type when it has none. */
  public static String firstLine(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).strip();
  }
}
