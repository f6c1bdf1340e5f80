package io.fedcheck.cli.options;

import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr and an exit code, never a stack trace: mistakes on
 * the command line exit {@link ExitCodes#USAGE}, anything else {@link ExitCodes#INTERNAL} (its
 * stack trace goes to the debug log, shown with {@code --verbose}).
 */
public final class ErrorReporting implements IParameterExceptionHandler, IExecutionExceptionHandler {

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    cmd.getErr().println(line(ex.getMessage()) + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
    cmd.getErr().flush();
    return ExitCodes.USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    if (ex instanceof ParameterException pe) {
      return handleParseException(pe, parseResult.originalArgs().toArray(String[]::new));
    }
    if (ex instanceof UsageException) {
      cmd.getErr().println(line(ex.getMessage()) + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
      cmd.getErr().flush();
      return ExitCodes.USAGE;
    }
    LoggerFactory.getLogger(ErrorReporting.class).debug("{} failed", cmd.getCommandSpec().qualifiedName(), ex);
    cmd.getErr().println(line(IoMessages.firstLine(ex)));
    cmd.getErr().flush();
    return ExitCodes.INTERNAL;
  }

  /** One line, prefixed with the program name. */
  public static String line(String message) {
    String m = message == null || message.isBlank() ? "error" : message.strip();
    return "fedcheck: " + TextStyle.clean(m.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' '));
  }
}
