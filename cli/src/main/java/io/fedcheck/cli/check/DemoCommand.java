package io.fedcheck.cli.check;

import io.fedcheck.api.Profile;
import io.fedcheck.api.Verdict;
import io.fedcheck.cli.options.CheckSettings;
import io.fedcheck.cli.options.CliContext;
import io.fedcheck.cli.options.DemoLab;
import io.fedcheck.cli.options.ExitCodes;
import io.fedcheck.cli.options.ProfileChoice;
import io.fedcheck.cli.options.TlsBackend;
import io.fedcheck.cli.options.VersionInfo;
import io.fedcheck.cli.report.OutputOptions;
import io.fedcheck.cli.report.ReportRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fedcheck demo}: starts the seed document's lab on loopback (a DNS server and TLS
 * endpoints reproducing its working and broken domains) and checks every lab domain against it,
 * exactly as {@code check} would check real ones.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    sortOptions = false,
    headerHeading = "%n",
    header = "Check the domains of a built-in lab, to see every kind of report.",
    description = {
      "Starts a small lab on this machine (loopback only): a DNS server and TLS servers"
          + " reproducing the working and broken set-ups of a Cisco Expressway / Skype for Business"
          + " troubleshooting note, then checks each lab domain. Nothing leaves this machine.",
      "",
      "With the on-premises profile the demo also compares each verdict with the one the lab was"
          + " built to produce, and exits 0 when all of them match (1 otherwise). With"
          + " microsoft365 every lab domain fails (the lab's root is private), and the exit code is"
          + " that of check.",
      ""
    },
    footer = ExitCodes.HELP_FOOTER)
public final class DemoCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandSpec spec;

  @Option(
      names = "--profile",
      paramLabel = "on-premises|microsoft365",
      converter = ProfileChoice.Converter.class,
      description = "The Microsoft edge to satisfy (default on-premises).")
  ProfileChoice profile = ProfileChoice.ON_PREMISES;

  @Option(
      names = "--tls-backend",
      paramLabel = "jsse|netty",
      converter = TlsBackend.Converter.class,
      description = "TLS backend, as for check: netty where BoringSSL loads (the default), or jsse.")
  TlsBackend tlsBackend;

  @Mixin OutputOptions outputOptions;

  public DemoCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    outputOptions.check();
    try (DemoLab lab = context.labs().get()) {
      if (!outputOptions.quiet) {
        spec.commandLine().getErr().println("fedcheck demo: a lab on this machine reproduces the seed document's"
            + " working and broken domains (DNS server " + lab.dnsServer().getAddress().getHostAddress() + ":"
            + lab.dnsServer().getPort() + "). Every lab domain also shows three INFO facts that come from being a"
            + " lab: an SRV port other than 5061, loopback addresses, and the lab's private CA.");
      }
      // The lab lives on loopback behind its own private root: both must be allowed, as a user
      // would with --dns-server, --allow-private-addresses and --trust-store.
      CheckSettings settings =
          CheckSettings.builder()
              .dnsServers(List.of(lab.dnsServer()))
              .extraTrustAnchors(lab.trustAnchors())
              .allowPrivateAddresses(true)
              .profile(profile.profile())
              .tlsBackend(tlsBackend)
              .build();
      List<String> unexpected = new ArrayList<>();
      int exit = new ReportRun(context, outputOptions, spec.commandLine()).run(settings, lab.domains(), report -> {
        Optional<Verdict> expected = lab.expectedVerdict(report.input());
        if (expected.isPresent() && expected.get() != report.verdict()) {
          unexpected.add(report.input() + " was " + report.verdict() + ", the lab expects " + expected.get());
        }
      });
      if (profile.profile() != Profile.ON_PREMISES
          || lab.domains().stream().noneMatch(d -> lab.expectedVerdict(d).isPresent())) {
        return exit;
      }
      if (!unexpected.isEmpty()) {
        spec.commandLine().getErr().println("fedcheck demo: unexpected verdicts: " + String.join("; ", unexpected));
        return ExitCodes.FAIL;
      }
      if (!outputOptions.quiet) {
        spec.commandLine().getErr().println("fedcheck demo: all " + lab.domains().size()
            + " lab domains got the verdict the lab was built to produce.");
      }
      return ExitCodes.OK;
    }
  }
}
