package io.fedcheck.cli.check;

import io.fedcheck.cli.options.CheckOptions;
import io.fedcheck.cli.options.CheckSettings;
import io.fedcheck.cli.options.CliContext;
import io.fedcheck.cli.options.ExitCodes;
import io.fedcheck.cli.options.VersionInfo;
import io.fedcheck.cli.report.OutputOptions;
import io.fedcheck.cli.report.ReportRun;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fedcheck check DOMAIN...}: checks each domain and writes one report per domain. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    sortOptions = false,
    headerHeading = "%n",
    header = "Check whether SIP domains are ready for Microsoft federation.",
    description = {
      "For each DOMAIN, looks up the _sipfederationtls._tcp SRV record a Microsoft edge"
          + " (Lync, Skype for Business, Teams) asks for, resolves each target, connects to it"
          + " with TLS and examines its certificate, then says whether federation will work and,"
          + " if not, what Microsoft will report and how to fix it.",
      ""
    },
    footer = {
      "%nOutput: text (the default, on a terminal and elsewhere alike), json (an array of"
          + " reports), jsonl (one report per line) or csv (one row per finding, RFC 4180).",
      ExitCodes.HELP_FOOTER
    })
public final class CheckCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "DOMAIN",
      description = "SIP domain to check: Unicode or ASCII, any case, trailing dot allowed.")
  List<String> domains = new ArrayList<>();

  @Mixin CheckOptions checkOptions;

  @Mixin OutputOptions outputOptions;

  public CheckCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    CheckSettings settings = checkOptions.toSettings();
    return new ReportRun(context, outputOptions, spec.commandLine()).run(settings, domains);
  }
}
