package io.fedcheck.cli.options;

import java.util.List;
import picocli.CommandLine.Option;

/**
 * What a certificate is judged against: {@code --trust-store}, {@code --no-public-roots}, {@code
 * --profile} and {@code --require-client-auth}. A picocli mixin shared by {@code check}, {@code
 * audit}, {@code explain --check} (through {@link CheckOptions}) and {@code cert}.
 */
public final class TrustOptions {
  @Option(
      names = "--trust-store",
      paramLabel = "FILE",
      converter = TrustBundle.Converter.class,
      description =
          "PEM bundle of extra trust anchors (private roots your edge has imported)."
              + " The JDK's public roots stay trusted unless --no-public-roots.")
  TrustBundle trustStore;

  @Option(names = "--no-public-roots", description = "Trust only the --trust-store roots.")
  boolean noPublicRoots;

  @Option(
      names = "--profile",
      paramLabel = "on-premises|microsoft365",
      converter = ProfileChoice.Converter.class,
      description =
          "The Microsoft edge to satisfy: on-premises (default; private roots acceptable)"
              + " or microsoft365 (Teams / sipfed.online.lync.com; a public CA is mandatory).")
  ProfileChoice profile = ProfileChoice.ON_PREMISES;

  @Option(
      names = "--require-client-auth",
      description = "A certificate without the clientAuth EKU is an error, not a warning.")
  boolean requireClientAuth;

  /** Copies these options into {@code settings}, refusing a combination that trusts nothing. */
  public CheckSettings.Builder applyTo(CheckSettings.Builder settings) {
    if (noPublicRoots && trustStore == null) {
      throw new UsageException("--no-public-roots needs --trust-store: nothing would be trusted");
    }
    return settings
        .extraTrustAnchors(trustStore == null ? List.of() : trustStore.anchors())
        .publicRoots(!noPublicRoots)
        .profile(profile.profile())
        .requireClientAuth(requireClientAuth);
  }
}
