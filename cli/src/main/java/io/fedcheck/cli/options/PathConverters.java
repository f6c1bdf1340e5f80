package io.fedcheck.cli.options;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Converters that check a path exists at parse time, so a typo is a usage error (exit 2). */
public final class PathConverters {
  private PathConverters() {}

  /**
   * A readable file that is not a directory, such as a {@code --zone-file}: a device or FIFO will
   * do too ({@code <(command)}), since every file is read with a cap checked while reading.
   */
  public static final class ReadableFile implements CommandLine.ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
      Path p = Path.of(value);
      if (!Files.exists(p)) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not an existing file");
      }
      if (Files.isDirectory(p)) {
        throw new CommandLine.TypeConversionException("'" + value + "' is a directory, not a file");
      }
      if (!Files.isReadable(p)) {
        throw new CommandLine.TypeConversionException("cannot read '" + value + "': permission denied");
      }
      return p;
    }
  }

  /** A readable directory, such as {@code --cert-dir}. */
  static final class ReadableDirectory implements CommandLine.ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
      Path p = Path.of(value);
      if (!Files.isDirectory(p)) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not an existing directory");
      }
      if (!Files.isReadable(p)) {
        throw new CommandLine.TypeConversionException("cannot read '" + value + "': permission denied");
      }
      return p;
    }
  }
}
