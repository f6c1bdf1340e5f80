package io.fedcheck.cli.audit;

import io.fedcheck.cli.options.CheckOptions;
import io.fedcheck.cli.options.CheckSettings;
import io.fedcheck.cli.options.CliContext;
import io.fedcheck.cli.options.DurationConverter;
import io.fedcheck.cli.options.ExitCodes;
import io.fedcheck.cli.options.UsageException;
import io.fedcheck.cli.options.VersionInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code fedcheck audit --input FILE}: checks every domain of a list (millions are fine: the input
 * is streamed), writing each result as it arrives, with the input line number it answers, so that
 * an interrupted audit can be continued with {@code --resume}.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    sortOptions = false,
    headerHeading = "%n",
    header = "Check a list of SIP domains for Microsoft federation readiness.",
    description = {
      "Reads one domain per line from --input (- for standard input). Blank lines and lines"
          + " starting with # are skipped; ' # text' after a domain is a comment. Every other line"
          + " gets exactly one result, even a line that is not a domain (DOMAIN_INVALID) or that"
          + " repeats an earlier one (checked once, reported for each line).",
      ""
    },
    footer = {
      "%nOutput: jsonl (default; one result per line with its input \"line\" number), csv (one row"
          + " per finding, first column the input line number) or json (one array). Results are"
          + " written as they complete, so not in input order.",
      "%n--resume (jsonl and csv, needs --output) keeps the results already in the output file,"
          + " cuts off a result torn by a crash (csv: the last result in the file, always), and"
          + " checks only the input lines not yet answered, appending their results. Give the same"
          + " input as before.",
      "%n--baseline leaves the exit codes as they are: a domain that newly fails is FAIL, so the run"
          + " exits 1, as fedcheck diff OLD NEW would.",
      "%nProgress goes to stderr: a bar on a terminal, a line every 5 s or 10 %% elsewhere,"
          + " nothing with --quiet; a summary follows at the end.",
      ExitCodes.HELP_FOOTER
    })
public final class AuditCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandSpec spec;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "FILE",
      description = "The domains, one per line (UTF-8); - reads standard input.")
  String input;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the results to FILE instead of standard output (replaced, or appended with --resume).")
  Path output;

  @Option(
      names = "--format",
      paramLabel = "jsonl|csv|json",
      converter = AuditFormat.Converter.class,
      description = "Output format. Default: jsonl.")
  AuditFormat format = AuditFormat.JSONL;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "Domains checked at once. Default: 64 (a non-blocking TLS backend keeps them all"
          + " in flight on a few threads).")
  int concurrency = 64;

  @Option(
      names = "--qps",
      paramLabel = "N",
      description = "At most N DNS queries per second (0, the default: no limit).")
  int qps;

  @Option(
      names = "--resume",
      description = "Continue an interrupted audit: keep the results in --output, check only the rest.")
  boolean resume;

  @Option(
      names = "--html-report",
      paramLabel = "FILE",
      description = "Also write a self-contained HTML page with the summary, charts and a table of domains.")
  Path htmlReport;

  @Option(
      names = "--by-edge",
      description = "After the audit, group the results by edge (port and certificate presented, under"
          + " every SRV target name reaching it): per edge its tenants, verdicts and ranked fixes, most"
          + " failing tenants first (top " + AuditFleet.TOP_EDGES + "; --verbose: all), on stderr with"
          + " the summary; json output becomes {\"results\": [...], \"edges\": [...]}. (The HTML report starts with"
          + " its Edges table either way.) Also lists the certificates expiring within 90 days."
          + " Memory: keeps the essentials of every report of the run (its problems, SRV targets and"
          + " leaf certificate), under 1 KB per domain plus the certificate.")
  boolean byEdge;

  @Option(
      names = "--edges-output",
      paramLabel = "FILE",
      description = "Also write the edges of --by-edge (which this implies) and the expiring"
          + " certificates to FILE as one JSON document, whatever --format: {\"evaluatedAt\": ...,"
          + " \"edges\": [...], \"expiringCertificates\": [...]}, the same sections as json output.")
  Path edgesOutput;

  @Option(
      names = "--expiring-within",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Write only the domains with a leaf certificate that expires within DURATION"
          + " (expired ones included; e.g. 720h or P30D), judged at the audit's start, and list those"
          + " certificates per band (EXPIRED, <7, <30, <90 days) after the audit. Keeps a reduced"
          + " copy of the matching reports only.")
  Duration expiringWithin;

  @Option(
      names = "--baseline",
      paramLabel = "OLD",
      description = "Compare this run with OLD, an earlier audit output (jsonl or csv), as fedcheck"
          + " diff OLD NEW does (newly failing, fixed, verdict or rules changed, certificates renewed"
          + " or replaced, added, removed): the counts and the changed domains (newly failing first,"
          + " top " + AuditBaseline.TOP + "; --verbose: up to " + AuditBaseline.KEEP + ") on stderr"
          + " with the summary; json output becomes {\"results\": [...], \"baseline\": {...}} with"
          + " diff's json; the HTML report gets a Change since baseline section. Every domain of the"
          + " run counts, also with --expiring-within. Not with --resume (compare the finished output"
          + " with fedcheck diff). Memory: both sides are sorted on disk.")
  Path baseline;

  @Option(
      names = "--skip-tls",
      description = "Check DNS only (SRV, targets, addresses); never connect to a target.")
  boolean skipTls;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress on stderr. Logs: errors only.")
  boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      description = "Logs: debug.")
  boolean verbose;

  @Mixin CheckOptions checkOptions;

  public AuditCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (concurrency < 1) {
      throw new ParameterException(spec.commandLine(), "--concurrency must be at least 1, not " + concurrency);
    }
    if (qps < 0) {
      throw new ParameterException(spec.commandLine(), "--qps must not be negative: " + qps);
    }
    if (quiet && verbose) {
      throw new UsageException("--quiet and --verbose contradict each other; give one");
    }
    CheckSettings s = checkOptions.toSettings();
    CheckSettings settings = new CheckSettings(s.dnsServers(), s.resolver(), s.timeout(),
        s.extraTrustAnchors(), s.publicRoots(), s.profile(), s.requireClientAuth(),
        s.allowPrivateAddresses(), s.zoneFiles(), s.certificateDirectory(), skipTls, qps,
        s.sipProbe(), s.clientIdentity(), s.zoneFileLimits(), s.tlsBackend());
    AuditRun.Options options = new AuditRun.Options(
        input, output, format, concurrency, resume, htmlReport, quiet, byEdge || edgesOutput != null,
        expiringWithin, verbose, baseline, edgesOutput);
    return new AuditRun(context, spec.commandLine().getOut(), spec.commandLine().getErr(), options)
        .run(settings);
  }
}
