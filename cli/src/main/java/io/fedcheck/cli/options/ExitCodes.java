package io.fedcheck.cli.options;

/**
 * The process exit codes of {@code fedcheck}. They are a contract for scripts: never renumber one.
 */
public final class ExitCodes {
  /** Every domain is PASS or WARN. */
  public static final int OK = 0;
  /** At least one domain is FAIL. */
  public static final int FAIL = 1;
  /** The command line was wrong (bad flag, bad value, unreadable, oversized or refused file). */
  public static final int USAGE = 2;
  /** No domain is FAIL, but at least one is UNKNOWN (a lookup could not be completed). */
  public static final int UNKNOWN = 3;
  /** fedcheck itself failed (a bug, or a part that is missing from this build). */
  static final int INTERNAL = 4;

  /** The text of the {@code --help} footer that documents the codes. */
  public static final String HELP_FOOTER =
      "%nExit codes:%n"
          + "  0  every domain is PASS or WARN%n"
          + "  1  at least one domain is FAIL%n"
          + "  2  usage error (bad option or value, unreadable, oversized or refused input file)%n"
          + "  3  no FAIL, but at least one UNKNOWN (a lookup could not be completed)%n"
          + "  4  internal error%n";

  private ExitCodes() {}
}
