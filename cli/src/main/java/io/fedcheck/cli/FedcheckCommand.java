package io.fedcheck.cli;

import io.fedcheck.cli.audit.AuditCommand;
import io.fedcheck.cli.audit.DiffCommand;
import io.fedcheck.cli.cert.CertCommand;
import io.fedcheck.cli.check.CheckCommand;
import io.fedcheck.cli.check.DemoCommand;
import io.fedcheck.cli.check.SeedDemoLab;
import io.fedcheck.cli.explain.ExplainCommand;
import io.fedcheck.cli.options.CliContext;
import io.fedcheck.cli.options.ErrorReporting;
import io.fedcheck.cli.options.ExitCodes;
import io.fedcheck.cli.options.LogLevels;
import io.fedcheck.cli.options.Terminal;
import io.fedcheck.cli.options.ValidatorSetup;
import io.fedcheck.cli.options.VersionInfo;
import io.fedcheck.cli.plan.PlanCommand;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code fedcheck} command line: tells whether a domain is ready for Microsoft Lync / Skype for
 * Business / Teams SIP federation and, if not, exactly why and how to fix it.
 *
 * <p>Run with {@code java -jar fedcheck.jar check example.com}, or the {@code ./fedcheck} launcher.
 */
@Command(
    name = "fedcheck",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    headerHeading = "%n",
    header = "Is a SIP domain ready for Microsoft (Lync / Skype for Business / Teams) federation?",
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n",
    description = {
      "",
      "Checks what a Microsoft edge checks before it federates with a domain: the"
          + " _sipfederationtls._tcp SRV record, its targets' addresses, and their TLS certificates.",
      "Start with:  fedcheck check example.com   or   fedcheck demo"
    },
    footer = ExitCodes.HELP_FOOTER)
public final class FedcheckCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  private FedcheckCommand() {}

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    CommandLine cl = newCommandLine(systemContext());
    // UTF-8 whatever the platform default: domains and certificate names may be Unicode.
    cl.setOut(new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true));
    System.exit(cl.execute(args));
  }

  /** The real backends, demo lab, environment and terminal. */
  public static CliContext systemContext() {
    return new CliContext(
        new ValidatorSetup(), SeedDemoLab::start, System.getenv(), Terminal.stdout(), Terminal.stderr());
  }

  /**
   * The configured command line with its subcommands. Each subcommand is its own class, added
   * here; {@code audit}, {@code explain}, {@code plan} and {@code cert} join the same way.
   */
  public static CommandLine newCommandLine(CliContext context) {
    CommandLine cl = new CommandLine(new FedcheckCommand());
    cl.addSubcommand("check", new CheckCommand(context));
    cl.addSubcommand("demo", new DemoCommand(context));
    cl.addSubcommand("audit", new AuditCommand(context));
    cl.addSubcommand("explain", new ExplainCommand(context));
    cl.addSubcommand("plan", new PlanCommand());
    cl.addSubcommand("cert", new CertCommand(context));
    cl.addSubcommand("diff", new DiffCommand());
    ErrorReporting errors = new ErrorReporting();
    cl.setParameterExceptionHandler(errors);
    cl.setExecutionExceptionHandler(errors);
    cl.setExecutionStrategy(
        parseResult -> {
          LogLevels.apply(parseResult);
          return new CommandLine.RunLast().execute(parseResult);
        });
    return cl;
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "give a command: "
        + String.join(", ", spec.commandLine().getSubcommands().keySet()) + " (see fedcheck --help)");
  }
}
