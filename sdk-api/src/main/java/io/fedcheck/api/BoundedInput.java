package io.fedcheck.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The one way fedcheck reads a file or stream it is handed (certificate chains, trust stores, keys,
 * zone files, audit input, pastes): with a size cap checked while reading, never after. The cap
 * holds for inputs whose size is not known in advance — devices such as {@code /dev/zero}, FIFOs,
 * standard input — since no more than the cap plus one byte is ever read. Thread-safe (stateless).
 */
public final class BoundedInput {
  /** The cap for certificate chains, trust stores and keys: far more than any real one. */
  public static final long CERTIFICATE_MAX_BYTES = 4L << 20;
  /** The cap for a zone file with everything it includes (a million records take about 50 MiB). */
  public static final long ZONE_FILE_MAX_BYTES = 64L << 20;
  /** The cap for an audit input (about ten million domains). */
  public static final long AUDIT_INPUT_MAX_BYTES = 512L << 20;

  private BoundedInput() {}

  /**
   * Reads the whole of {@code file} (a regular file, device or FIFO; not a directory).
   *
   * @param file the file to read
   * @param maxBytes the most bytes accepted, such as {@link #CERTIFICATE_MAX_BYTES}
   * @return the file's bytes
   * @throws InputTooLargeException when the file holds more than {@code maxBytes}
   * @throws IOException when it cannot be read, or is a directory
   */
  public static byte[] readFile(Path file, long maxBytes) throws IOException {
    Objects.requireNonNull(file, "file");
    if (Files.isDirectory(file)) {
      throw new IOException(file + " is a directory");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return readAll(in, file.toString(), maxBytes);
    }
  }

  /**
   * Reads {@code file} only if it is a regular file (after symlinks): for files that a zone file
   * names, where a device or FIFO can only be a trap.
   *
   * @param file the file to read
   * @param maxBytes the most bytes accepted, such as {@link #ZONE_FILE_MAX_BYTES}
   * @return the file's bytes
   * @throws InputTooLargeException when the file holds more than {@code maxBytes}
   * @throws IOException when it cannot be read or is not a regular file
   */
  public static byte[] readRegularFile(Path file, long maxBytes) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + " is not a regular file");
    }
    return readFile(file, maxBytes);
  }

  /**
   * Reads all of {@code in} (not closed here), at most {@code maxBytes}.
   *
   * @param in the stream to read
   * @param source the input's name for the error message
   * @param maxBytes the most bytes accepted
   * @return the stream's bytes
   * @throws InputTooLargeException when the stream holds more than {@code maxBytes}
   */
  public static byte[] readAll(InputStream in, String source, long maxBytes) throws IOException {
    int cap = checkedCap(maxBytes);
    byte[] bytes = in.readNBytes(cap);
    if (bytes.length == cap && in.read() >= 0) {
      throw new InputTooLargeException(source, maxBytes);
    }
    return bytes;
  }

  /**
   * The first {@code maxBytes} of {@code in} (not closed here), and whether anything followed: for
   * inputs where only a prefix is looked at, so that the caller can say the rest was ignored.
   *
   * @param in the stream to read
   * @param maxBytes the most bytes read
   * @param totalBytes the input's size when known (a regular file), or -1
   * @return the bytes read, whether the input went on, and its size when known
   * @throws IOException when {@code in} cannot be read
   */
  public static Prefix readPrefix(InputStream in, long maxBytes, long totalBytes) throws IOException {
    int cap = checkedCap(maxBytes);
    byte[] bytes = in.readNBytes(cap);
    boolean truncated = bytes.length == cap && in.read() >= 0;
    return new Prefix(bytes, truncated, truncated ? totalBytes : bytes.length);
  }

  /**
   * The size of a regular file, or -1 for anything else (a device, a FIFO, unreadable).
   *
   * @param file the file to measure
   * @return the size in bytes, or -1
   */
  public static long sizeIfRegular(Path file) {
    try {
      return Files.isRegularFile(file, new LinkOption[0]) ? Files.size(file) : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * A stream over {@code in} that fails with {@link InputTooLargeException} as soon as more than
   * {@code maxBytes} have been read through it: for inputs read a line at a time.
   *
   * @param in the stream to wrap; closing the result closes it
   * @param source the input's name for the error message
   * @param maxBytes the most bytes that may be read, not negative
   * @return the capped stream
   */
  public static InputStream limit(InputStream in, String source, long maxBytes) {
    Objects.requireNonNull(in, "in");
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes < 0: " + maxBytes);
    }
    return new FilterInputStream(in) {
      private long count;

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          charge(1);
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
          charge(n);
        }
        return n;
      }

      @Override
      public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        charge(skipped);
        return skipped;
      }

      private void charge(long n) throws InputTooLargeException {
        count += n;
        if (count > maxBytes) {
          throw new InputTooLargeException(source, maxBytes);
        }
      }
    };
  }

  /**
   * A size for messages: "4 MiB", "512 KiB" or "100 bytes".
   *
   * @param bytes the size in bytes
   * @return the size in words, in MiB, KiB or bytes
   */
  public static String describeSize(long bytes) {
    if (bytes >= (1L << 20) && bytes % (1L << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    if (bytes >= (1L << 20)) {
      return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
    if (bytes >= 1024 && bytes % 1024 == 0) {
      return (bytes >> 10) + " KiB";
    }
    return bytes + " bytes";
  }

  private static int checkedCap(long maxBytes) {
    if (maxBytes < 0 || maxBytes >= Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxBytes out of range: " + maxBytes);
    }
    return (int) maxBytes;
  }

  /**
   * The first bytes of an input.
   *
   * @param bytes what was read, at most the cap
   * @param truncated whether the input went on past the cap (the rest was not read)
   * @param totalBytes the input's whole size when known, else -1
   */
  public record Prefix(byte[] bytes, boolean truncated, long totalBytes) {
    /**
     * Validates.
     *
     * @param bytes what was read, at most the cap
     * @param truncated whether the input went on past the cap
     * @param totalBytes the input's whole size when known, else -1
     */
    public Prefix {
      Objects.requireNonNull(bytes, "bytes");
    }
  }
}
