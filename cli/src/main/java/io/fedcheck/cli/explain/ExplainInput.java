package io.fedcheck.cli.explain;

import io.fedcheck.api.BoundedInput;
import io.fedcheck.cli.options.IoMessages;
import io.fedcheck.cli.options.UsageException;
import io.fedcheck.core.diagnostics.DiagnosticsExplainer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads what the user pasted for {@code explain}: a file, or standard input. Only as much is read
 * as the explainer looks at, so a huge or endless input cannot exhaust memory; bytes that are not
 * UTF-8 become replacement characters rather than an error (logs are often Windows-1252).
 */
final class ExplainInput {
  /** UTF-8 needs at most 4 bytes per char; reading more than this would be thrown away. */
  static final int MAX_BYTES = DiagnosticsExplainer.MAX_INPUT_CHARS * 4;

  private ExplainInput() {}

  /**
   * What was read: the text of at most {@link #MAX_BYTES}, and whether the input went on.
   *
   * @param text the decoded prefix
   * @param truncated whether the input was cut at the cap
   * @param totalBytes the input's whole size when known (a regular file), else -1
   */
  record Text(String text, boolean truncated, long totalBytes) {
    /** A sentence for stderr when the input was cut, else empty. */
    String truncationNote() {
      if (!truncated) {
        return "";
      }
      return "read the first " + BoundedInput.describeSize(DiagnosticsExplainer.MAX_INPUT_CHARS)
          + (totalBytes > 0 ? " of " + BoundedInput.describeSize(totalBytes) : "")
          + "; the rest was ignored";
    }
  }

  /** The text of {@code file}, or of {@code stdin} when the file is absent or {@code -}. */
  static Text read(String file, InputStream stdin) {
    if (file == null || file.equals("-")) {
      try {
        return text(BoundedInput.readPrefix(stdin, MAX_BYTES, -1));
      } catch (IOException e) {
        throw new UsageException("cannot read standard input: " + IoMessages.describe(e), e);
      }
    }
    Path p = Path.of(file);
    if (Files.isDirectory(p)) {
      throw new UsageException("cannot read " + file + ": it is a directory");
    }
    try (InputStream in = Files.newInputStream(p)) {
      return text(BoundedInput.readPrefix(in, MAX_BYTES, BoundedInput.sizeIfRegular(p)));
    } catch (IOException e) {
      throw new UsageException("cannot read " + file + ": " + IoMessages.describe(e), e);
    }
  }

  private static Text text(BoundedInput.Prefix prefix) {
    String t = decode(prefix.bytes());
    // The explainer looks at its first MAX_INPUT_CHARS only: past that the input is cut too.
    boolean cut = prefix.truncated() || t.length() > DiagnosticsExplainer.MAX_INPUT_CHARS;
    if (t.length() > DiagnosticsExplainer.MAX_INPUT_CHARS) {
      t = t.substring(0, DiagnosticsExplainer.MAX_INPUT_CHARS);
    }
    long total = prefix.truncated() ? prefix.totalBytes() : prefix.bytes().length;
    return new Text(t, cut, total);
  }

  /** Where the text came from, for messages. */
  static String describe(String file) {
    return file == null || file.equals("-") ? "standard input" : file;
  }

  private static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      // Cannot happen with REPLACE; keep the compiler satisfied without a silent catch-all.
      throw new IllegalStateException(e);
    }
  }
}
