package io.fedcheck.cli;

import java.util.List;
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
      ""
    },
    footer = ExitCodes.HELP_FOOTER)
final class DemoCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandSpec spec;

  @Option(
      names = "--profile",
      paramLabel = "on-premises|microsoft365",
      converter = ProfileChoice.Converter.class,
      description = "The Microsoft edge to satisfy (default on-premises).")
  ProfileChoice profile = ProfileChoice.ON_PREMISES;

  @Mixin OutputOptions outputOptions;

  DemoCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    outputOptions.check();
    try (DemoLab lab = context.labs().get()) {
      // The lab lives on loopback behind its own private root: both must be allowed, as a user
      // would with --dns-server, --allow-private-addresses and --trust-store.
      CheckSettings settings =
          CheckSettings.builder()
              .dnsServers(List.of(lab.dnsServer()))
              .extraTrustAnchors(lab.trustAnchors())
              .allowPrivateAddresses(true)
              .profile(profile.profile())
              .build();
      return new ReportRun(context, outputOptions, spec.commandLine()).run(settings, lab.domains());
    }
  }
}
