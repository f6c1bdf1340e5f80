package io.fedcheck.cli.options;

import io.fedcheck.api.ClientIdentity;
import io.fedcheck.api.SipProbe;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import picocli.CommandLine.Option;

/**
 * The SIP {@code OPTIONS} probe after each handshake: {@code --no-sip-probe}, {@code --from-domain}
 * and the client identity {@code --client-cert} / {@code --client-key}. A picocli mixin shared by
 * {@code check}, {@code audit} and {@code explain --check} through {@link CheckOptions}. Option
 * names are a contract.
 */
final class SipOptions {
  @Option(
      names = "--no-sip-probe",
      description = "Do not send a SIP OPTIONS request after the TLS handshake (on by default).")
  boolean noSipProbe;

  @Option(
      names = "--from-domain",
      paramLabel = "DOMAIN",
      description = "The domain of the OPTIONS request's From identity (sip:fedcheck@DOMAIN)."
          + " Default: " + SipProbe.DEFAULT_FROM_DOMAIN + ", a reserved name that is nobody's.")
  String fromDomain;

  @Option(
      names = "--client-cert",
      paramLabel = "FILE",
      converter = CertChainFile.Converter.class,
      description = "PEM chain (leaf first) to present when the server asks for a client"
          + " certificate, such as your edge's federation certificate. Needs --client-key.")
  CertChainFile clientCert;

  @Option(
      names = "--client-key",
      paramLabel = "FILE",
      converter = PathConverters.ReadableFile.class,
      description = "Unencrypted PKCS#8 PEM private key of --client-cert.")
  Path clientKey;

  /** Copies these options into {@code settings}; a bad combination or key is a usage error. */
  CheckSettings.Builder applyTo(CheckSettings.Builder settings) {
    if (noSipProbe && fromDomain != null) {
      throw new UsageException("--from-domain has no effect with --no-sip-probe");
    }
    if ((clientCert == null) != (clientKey == null)) {
      throw new UsageException("--client-cert and --client-key go together");
    }
    SipProbe probe = null;
    if (!noSipProbe) {
      try {
        probe = fromDomain == null ? SipProbe.ofDefaults() : SipProbe.ofDefaults().withFromDomain(fromDomain);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--from-domain " + fromDomain + ": not a host name");
      }
    }
    ClientIdentity identity = null;
    if (clientCert != null) {
      try {
        identity = new ClientIdentity(ClientKeyFile.read(clientKey, clientCert.chain().get(0)), clientCert.chain());
      } catch (IOException | GeneralSecurityException e) {
        throw new UsageException("--client-key " + clientKey + ": " + e.getMessage());
      }
    }
    return settings.sipProbe(probe).clientIdentity(identity);
  }
}
