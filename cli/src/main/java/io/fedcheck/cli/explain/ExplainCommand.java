package io.fedcheck.cli.explain;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.cli.options.CheckOptions;
import io.fedcheck.cli.options.CheckSettings;
import io.fedcheck.cli.options.CliContext;
import io.fedcheck.cli.options.ErrorReporting;
import io.fedcheck.cli.options.ExitCodes;
import io.fedcheck.cli.options.VersionInfo;
import io.fedcheck.cli.report.ReportJson;
import io.fedcheck.cli.report.VerdictTally;
import io.fedcheck.core.diagnostics.DiagnosticsExplainer;
import io.fedcheck.core.diagnostics.Explanation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fedcheck explain [FILE|-]}: explains Microsoft's diagnostics (an {@code ms-diagnostics}
 * header, an Edge server {@code $$begin_record} block, a bare 504, an INVITE) pasted into a file or
 * standard input; with {@code --check}, checks the domain each one names, the way {@code check}
 * does, and says whether the problem is still there.
 */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    sortOptions = false,
    headerHeading = "%n",
    header = "Explain Microsoft's federation diagnostics (ms-diagnostics, Edge server logs).",
    description = {
      "Reads what Microsoft's side logged about a failed federation (an ms-diagnostics header from a"
          + " SIP response or a Skype for Business client log, an Edge server $$begin_record ..."
          + " $$end_record block, an Expressway-E log with a bare 504) and says, for each, which"
          + " fedcheck rule it is, how to fix it, the SIP domain and FQDNs it names, and the SRV"
          + " name Microsoft looks up. Lines broken anywhere (as PDF or e-mail copies leave them) are"
          + " fine. Codes fedcheck does not know are shown as unknown, never guessed.",
      "With --check, each named domain is also checked live (with the options of check) and the"
          + " answer says whether the problem is still present.",
      ""
    },
    footer = {
      "%nExit codes:%n"
          + "  0  something was explained (with --check: every checked domain is PASS or WARN)%n"
          + "  1  with --check: at least one checked domain is FAIL%n"
          + "  2  nothing recognised in the input, or a usage error%n"
          + "  3  with --check: no FAIL, but at least one UNKNOWN%n"
          + "  4  internal error%n"
    })
public final class ExplainCommand implements Callable<Integer> {
  private final CliContext context;

  /** Where {@code -} reads from; tests replace it. */
  Supplier<InputStream> stdin = () -> System.in;

  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..1",
      paramLabel = "FILE",
      description = "File with the pasted text; - or nothing reads standard input.")
  String file;

  @Option(
      names = "--format",
      paramLabel = "text|json",
      converter = ExplainFormat.Converter.class,
      description = "Output format. Default: text.")
  ExplainFormat format = ExplainFormat.TEXT;

  @Option(
      names = "--check",
      description = "Check each named domain live and say whether the problem is still present.")
  boolean check;

  @Mixin CheckOptions checkOptions;

  public ExplainCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    // Settings are checked first, so a bad combination is a usage error before anything is read.
    CheckSettings settings = check ? checkOptions.toSettings() : null;
    ExplainInput.Text input = ExplainInput.read(file, stdin.get());
    List<Explanation> explanations = DiagnosticsExplainer.explain(input.text());
    PrintWriter err = spec.commandLine().getErr();
    if (input.truncated() && !explanations.isEmpty()) {
      err.println(ErrorReporting.line(ExplainInput.describe(file) + ": " + input.truncationNote()));
      err.flush();
    }
    if (explanations.isEmpty()) {
      String where = input.truncated()
          ? " (" + input.truncationNote() + ")" : "";
      err.println(ErrorReporting.line("nothing recognised in " + ExplainInput.describe(file) + where
          + ": give an ms-diagnostics header, an Edge server $$begin_record block or a SIP 504 / INVITE"));
      err.flush();
      return ExitCodes.USAGE;
    }
    Map<String, FederationReport> reports = new LinkedHashMap<>();
    Map<Explanation, ExplainCheck> checks = new LinkedHashMap<>();
    VerdictTally tally = new VerdictTally();
    if (check) {
      List<String> domains = explanations.stream()
          .map(Explanation::checkDomain).filter(d -> d != null).distinct().toList();
      if (domains.isEmpty()) {
        err.println(ErrorReporting.line("nothing to check: no explanation names a domain"));
        err.flush();
      } else {
        try (FederationValidator validator = context.validators().create(settings)) {
          for (String d : domains) {
            FederationReport r = validator.validateAndWait(d);
            reports.put(d, r);
            tally.add(r.verdict());
          }
        }
        for (Explanation e : explanations) {
          if (e.checkDomain() != null) {
            checks.put(e, ExplainCheck.of(e, reports.get(e.checkDomain())));
          }
        }
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    List<FederationReport> live = new ArrayList<>(reports.values());
    if (format == ExplainFormat.JSON) {
      try {
        out.println(ReportJson.MAPPER.writerWithDefaultPrettyPrinter()
            .writeValueAsString(ExplainJson.toJson(ExplainInput.describe(file), explanations, checks, live)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      new ExplainTextWriter(out).write(explanations, checks, live);
    }
    out.flush();
    return tally.exitCode();
  }
}
