package io.fedcheck.cli;

import io.fedcheck.cli.options.CliContext;
import io.fedcheck.cli.options.DemoLab;
import io.fedcheck.cli.options.ValidatorFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Runs the command line in-process with captured stdout and stderr. */
public record CliRun(int exitCode, String out, String err) {

  public static CliRun run(ValidatorFactory validators, String... args) {
    return run(new CliContext(validators, noLab(), Map.of(), false), args);
  }

  public static CliRun run(CliContext context, String... args) {
    CommandLine cl = FedcheckCommand.newCommandLine(context);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  public static Supplier<DemoLab> noLab() {
    return () -> {
      throw new AssertionError("the demo lab must not be started");
    };
  }
}
