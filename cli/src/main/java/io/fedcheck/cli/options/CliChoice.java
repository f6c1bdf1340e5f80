package io.fedcheck.cli.options;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** An option value with a fixed spelling on the command line, such as {@code on-premises}. */
public interface CliChoice {
  /** How the value is written on the command line. */
  String cliName();

  /**
   * Converts the command-line spelling (any case) to the constant, with an error that lists the
   * accepted spellings (picocli's own enum conversion would list the Java constant names).
   */
  abstract class Converter<E extends Enum<E> & CliChoice> implements CommandLine.ITypeConverter<E> {
    private final Class<E> type;

    public Converter(Class<E> type) {
      this.type = type;
    }

    @Override
    public E convert(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      for (E e : type.getEnumConstants()) {
        if (e.cliName().equals(v)) {
          return e;
        }
      }
      throw new CommandLine.TypeConversionException("'" + value + "' is not one of " + names(type));
    }
  }

  /** The accepted spellings, separated by {@code |}. */
  static <E extends Enum<E> & CliChoice> String names(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(CliChoice::cliName).collect(Collectors.joining("|"));
  }
}
