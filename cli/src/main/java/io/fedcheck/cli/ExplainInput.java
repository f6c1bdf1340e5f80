package io.fedcheck.cli;

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

  /** The text of {@code file}, or of {@code stdin} when the file is absent or {@code -}. */
  static String read(String file, InputStream stdin) {
    if (file == null || file.equals("-")) {
      try {
        return decode(stdin.readNBytes(MAX_BYTES));
      } catch (IOException e) {
        throw new UsageException("cannot read standard input: " + IoMessages.describe(e), e);
      }
    }
    Path p = Path.of(file);
    if (Files.isDirectory(p)) {
      throw new UsageException("cannot read " + file + ": it is a directory");
    }
    try (InputStream in = Files.newInputStream(p)) {
      return decode(in.readNBytes(MAX_BYTES));
    } catch (IOException e) {
      throw new UsageException("cannot read " + file + ": " + IoMessages.describe(e), e);
    }
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
