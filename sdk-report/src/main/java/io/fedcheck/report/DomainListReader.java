package io.fedcheck.report;

import io.fedcheck.api.BoundedInput;
import io.fedcheck.api.InputTooLargeException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads the domains of an audit input one line at a time, never the whole input: one domain per
 * line, UTF-8 (malformed bytes become U+FFFD), lines end with LF, CRLF or CR.
 *
 * <p>A leading UTF-8 byte-order mark (Windows editors write one) is dropped, so a first-line
 * comment stays a comment; an input that starts with a UTF-16 byte-order mark is refused with a
 * usage error, since read as UTF-8 every line would be garbage. The input is capped at {@link
 * io.fedcheck.api.BoundedInput#AUDIT_INPUT_MAX_BYTES} while read (an endless device is refused).
 *
 * <ul>
 *   <li>Leading and trailing white space is dropped; a blank line is skipped.
 *   <li>A line whose first non-blank character is {@code #} is a comment and skipped.
 *   <li>A {@code #} preceded by white space starts a trailing comment ({@code example.com  # HQ});
 *       a {@code #} inside a word ({@code a#b}) is kept, so that line is reported as invalid.
 *   <li>Every other line is one entry, numbered by its physical line number (1-based), even when
 *       it is not a valid domain: the validator turns it into a {@code DOMAIN_INVALID} report.
 *   <li>A line longer than {@link #MAX_LINE} characters keeps only its first {@link #MAX_LINE}
 *       characters (the rest is read and dropped); it is invalid anyway (a name has at most 253).
 * </ul>
 *
 * <p>{@code fedcheck audit --input} and the Flink job both read their input with this class, so a
 * line number means the same in both outputs. Not thread-safe. Closing the iterator's source is
 * the caller's job.
 */
public final class DomainListReader implements Iterator<DomainListReader.Entry> {
  /** The most characters kept of one line. */
  public static final int MAX_LINE = 1024;

  /**
   * One domain of the input.
   *
   * @param line the physical line number, 1-based
   * @param domain the text to check, stripped of white space and trailing comment
   */
  public record Entry(long line, String domain) {
    /** Checks the line number and that the domain is present. */
    public Entry {
      if (line < 1) {
        throw new IllegalArgumentException("line numbers start at 1: " + line);
      }
      java.util.Objects.requireNonNull(domain, "domain");
    }
  }

  /**
   * An input that cannot be read as a domain list at all (UTF-16, or larger than the cap): the
   * user's mistake, with a message that says how to fix it.
   */
  public static final class UnreadableInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreadableInputException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Reader in;
  private final StringBuilder buffer = new StringBuilder();
  private long lineNumber;
  private boolean eof;
  private boolean pendingLf;
  private Entry next;

  /**
   * A reader of {@code in}, which it reads lazily.
   *
   * @param in the input; the caller closes it
   * @throws UnreadableInputException when it starts with a UTF-16 byte-order mark
   * @throws UncheckedIOException when it cannot be read
   */
  public DomainListReader(InputStream in) {
    this.in = new BufferedReader(new InputStreamReader(withoutBom(in), StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16);
  }

  /** {@code in} past any leading UTF-8 byte-order marks; refuses UTF-16 (a usage error). */
  private static InputStream withoutBom(InputStream raw) {
    PushbackInputStream in = new PushbackInputStream(
        BoundedInput.limit(raw, "the audit input", BoundedInput.AUDIT_INPUT_MAX_BYTES), 3);
    try {
      byte[] head = in.readNBytes(3);
      int n = head.length;
      if (n >= 2 && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)
          || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF))) {
        throw new UnreadableInputException("the audit input is UTF-16 (it starts with a UTF-16 byte-order mark);"
            + " save it as UTF-8, one domain per line", null);
      }
      // Editors that re-save a file with a BOM can stack them; every leading one is dropped.
      while (n == 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF) {
        head = in.readNBytes(3);
        n = head.length;
      }
      if (n > 0) {
        in.unread(head, 0, n);
      }
      return in;
    } catch (InputTooLargeException e) {
      throw new UnreadableInputException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the input: " + e.getMessage(), e);
    }
  }

  /**
   * Counts the entries of a stream (the same rules as iterating), reading it once.
   *
   * @param in the input; the caller closes it
   * @return how many entries iterating would return
   */
  public static long count(InputStream in) {
    DomainListReader input = new DomainListReader(in);
    long n = 0;
    while (input.hasNext()) {
      input.next();
      n++;
    }
    return n;
  }

  @Override
  public boolean hasNext() {
    while (next == null && !eof) {
      String raw = readLine();
      if (raw == null) {
        break;
      }
      String domain = clean(raw);
      if (domain != null) {
        next = new Entry(lineNumber, domain);
      }
    }
    return next != null;
  }

  @Override
  public Entry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Entry e = next;
    next = null;
    return e;
  }

  /**
   * The domain on a line, or {@code null} for a blank or comment line.
   *
   * @param raw one line of input, without its line break
   * @return the entry's text, or null when the line holds none
   */
  public static String clean(String raw) {
    String s = stripInvisible(raw);
    if (s.isEmpty() || s.charAt(0) == '#') {
      return null;
    }
    for (int i = 1; i < s.length(); i++) {
      if (s.charAt(i) == '#' && Character.isWhitespace(s.charAt(i - 1))) {
        s = s.substring(0, i).strip();
        break;
      }
    }
    return s;
  }

  /**
   * {@code s} without surrounding white space and zero-width no-break spaces (U+FEFF): a BOM left
   * inside a file that was concatenated or re-saved is invisible to the user who wrote the list.
   */
  private static String stripInvisible(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && (Character.isWhitespace(s.charAt(start)) || s.charAt(start) == '\uFEFF')) {
      start++;
    }
    while (end > start && (Character.isWhitespace(s.charAt(end - 1)) || s.charAt(end - 1) == '\uFEFF')) {
      end--;
    }
    return s.substring(start, end);
  }

  /** The next physical line (at most MAX_LINE characters kept), or null at the end. */
  private String readLine() {
    buffer.setLength(0);
    boolean any = false;
    try {
      while (true) {
        int c = in.read();
        if (c < 0) {
          eof = true;
          if (!any) {
            return null;
          }
          break;
        }
        if (pendingLf) {
          pendingLf = false;
          if (c == '\n') {
            continue; // the LF of a CRLF
          }
        }
        any = true;
        if (c == '\n') {
          break;
        }
        if (c == '\r') {
          pendingLf = true;
          break;
        }
        if (buffer.length() < MAX_LINE) {
          buffer.append((char) c);
        }
      }
    } catch (InputTooLargeException e) {
      throw new UnreadableInputException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the input: " + e.getMessage(), e);
    }
    lineNumber++;
    return buffer.toString();
  }
}
