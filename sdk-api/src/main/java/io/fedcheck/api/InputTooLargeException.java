package io.fedcheck.api;

import java.io.IOException;

/**
 * An input passed the size cap of {@link BoundedInput} while it was being read. The message is one
 * sentence naming the input and the cap, fit for a command line.
 */
public final class InputTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient String source;
  /** The cap in bytes that the input passed. */
  private final long limit;

  /**
   * An input named {@code source} (a path, or "standard input") passed {@code limit} bytes.
   *
   * @param source the input's name, used in the message
   * @param limit the cap in bytes
   */
  public InputTooLargeException(String source, long limit) {
    super(source + " is larger than " + BoundedInput.describeSize(limit)
        + ", the most fedcheck reads of it; it was not read further");
    this.source = source;
    this.limit = limit;
  }

  /**
   * The input's name as given.
   *
   * @return the path or "standard input"; {@code null} after deserialisation (the field is transient)
   */
  public String source() {
    return source;
  }

  /**
   * The cap in bytes.
   *
   * @return the most bytes that were to be read of the input
   */
  public long limit() {
    return limit;
  }
}
