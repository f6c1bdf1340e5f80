package io.fedcheck.cli.cert;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.Finding;
import io.fedcheck.api.Policy;
import io.fedcheck.cli.options.CertChainFile;
import io.fedcheck.cli.options.CheckSettings;
import io.fedcheck.cli.options.CliContext;
import io.fedcheck.cli.options.TrustOptions;
import io.fedcheck.cli.options.UsageException;
import io.fedcheck.cli.options.VersionInfo;
import io.fedcheck.cli.report.OutputOptions;
import io.fedcheck.cli.report.ReportRun;
import io.fedcheck.core.rules.CertificateRules;
import io.fedcheck.core.rules.DomainNameResult;
import io.fedcheck.core.rules.DomainNames;
import io.fedcheck.core.rules.FederationRules;
import io.fedcheck.core.rules.PkixTrustEvaluator;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fedcheck cert FILE --host FQDN}: applies the certificate rules to a local certificate or
 * chain, offline, as a Microsoft edge would judge it when {@code FQDN} is the SRV target it
 * connects to. The report has {@code check}'s formats and exit codes.
 */
@Command(
    name = "cert",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    sortOptions = false,
    headerHeading = "%n",
    header = "Check a local certificate (chain) for a federation edge, offline.",
    description = {
      "Applies the certificate rules of check to a PEM (leaf first, then intermediates) or DER"
          + " certificate, for the SRV target FQDN: the name in its subjectAltName, the chain to a"
          + " trusted root, the validity dates (now, or --at), serverAuth and clientAuth extended key"
          + " usage, and key and signature strength. Nothing is sent over the network.",
      ""
    },
    footer = {
      "%nExit codes:%n"
          + "  0  no ERROR finding (the certificate would be accepted)%n"
          + "  1  at least one ERROR finding%n"
          + "  2  usage error (bad option, unreadable or garbage certificate file)%n"
          + "  4  internal error%n"
    })
public final class CertCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      converter = CertChainFile.Converter.class,
      description = "The certificate or chain: PEM blocks (leaf first) or one DER certificate.")
  CertChainFile certificate;

  @Option(
      names = "--host",
      required = true,
      paramLabel = "FQDN",
      description = "The SRV target the certificate is presented for, such as vcse.cms.steven.lab.")
  String host;

  @Option(
      names = "--domain",
      paramLabel = "DOMAIN",
      description = "The SIP domain, for the messages. Default: the host's parent domain.")
  String domain;

  @Option(names = "--port", paramLabel = "PORT", description = "The target's port, for the messages. Default: 5061.")
  int port = Policy.FEDERATION_PORT;

  @Option(
      names = "--at",
      paramLabel = "INSTANT",
      converter = CertInstantConverter.class,
      description = "Judge validity at this ISO-8601 instant (2026-02-02T00:00:01Z, or with an offset). Default: now.")
  Instant at;





  @Mixin TrustOptions trust;

  @Mixin OutputOptions outputOptions;

  public CertCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String fqdn = name("--host", host);
    String sipDomain = domain == null ? parentOrSelf(fqdn) : name("--domain", domain);
    if (port < 1 || port > 0xFFFF) {
      throw new UsageException("--port must be 1..65535: " + port);
    }
    CheckSettings settings = trust.applyTo(CheckSettings.builder()).build();
    Policy policy = settings.policy();
    Instant when = at == null ? Instant.now() : at;
    List<Finding> findings = CertificateRules.evaluate(sipDomain, fqdn, port, certificate.chain(), policy, when,
        PkixTrustEvaluator.forPolicy(policy));
    FederationReport report = new FederationReport(host, fqdn, FederationRules.verdict(findings), findings, null,
        List.of(), when);
    CliContext oneReport = new CliContext(s -> new CertReportSource(report), context.labs(),
        context.environment(), context.stdoutIsTerminal());
    return new ReportRun(oneReport, outputOptions, spec.commandLine()).run(settings, List.of(host));
  }

  private static String name(String option, String value) {
    DomainNameResult r = DomainNames.normalize(value);
    if (!r.isValid()) {
      throw new UsageException(option + " '" + value + "' is not a valid DNS name"
          + r.problemIfAny().map(f -> ": " + f.message()).orElse(""));
    }
    return r.ascii();
  }

  /** The SIP domain whose target {@code fqdn} is: its parent, unless that would be a bare TLD. */
  private static String parentOrSelf(String fqdn) {
    int dot = fqdn.indexOf('.');
    String parent = dot < 0 ? fqdn : fqdn.substring(dot + 1);
    return parent.contains(".") ? parent : fqdn;
  }
}
