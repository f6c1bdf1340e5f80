package io.fedcheck.flink;

import io.fedcheck.api.Profile;
import io.fedcheck.core.DurationText;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of {@link FederationAuditJob}: the same names and defaults as {@code fedcheck
 * audit} where the two overlap, plus the job's own (parallelism, execution mode, checkpoints).
 * Parsed on the client; the job graph carries the {@link ValidatorSpec} built from it.
 */
@Command(
    name = "fedcheck-flink",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Audits a domain list on Apache Flink: one line per domain in, one JSON line per domain out,",
      "exactly as `fedcheck audit --format jsonl` writes them (in no particular order).",
      "",
      "Exit codes: 0 the job finished, 1 the job failed, 2 usage error."
    })
public final class JobOptions implements Serializable {
  @Serial
  private static final long serialVersionUID = 1L;

  @Option(names = "--input", required = true, paramLabel = "PATH",
      description = "The domain list (a file, or a directory of files) on any Flink file system: "
          + "one domain per line, # comments, as `fedcheck audit --input`. From a directory, each"
          + " result also names its file, relative to the directory.")
  String input;

  @Option(names = "--output", required = true, paramLabel = "DIR",
      description = "The directory the JSON Lines part files are written to (part-*.jsonl).")
  String output;

  @Option(names = "--parallelism", paramLabel = "N",
      description = "Parallel audit tasks (default: the environment's, e.g. the cluster's default or"
          + " the number of cores locally).")
  Integer parallelism;

  @Option(names = "--capacity", paramLabel = "N", defaultValue = "64",
      description = "Domains in flight per task (default: ${DEFAULT-VALUE}).")
  int capacity;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Deadline of one domain's check, e.g. 10s, 1500ms, 1m (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--record-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "The async operator's per-record timeout; a record still running then becomes "
          + "UNKNOWN (default: --timeout plus 5s, so the validator's own UNKNOWN, which names the "
          + "step that hung, comes first).")
  Duration recordTimeout;

  @Option(names = "--qps", paramLabel = "N", defaultValue = "0",
      description = "DNS queries per second for the whole job, split evenly across the parallel "
          + "tasks (each gets ceil(N / parallelism)); 0 for no limit (default).")
  int qps;

  @Option(names = "--dns-server", paramLabel = "HOST[:PORT]",
      description = "DNS server to ask (repeatable; default: the system's).")
  List<String> dns = new ArrayList<>();

  @Option(names = "--resolver", paramLabel = "NAME", defaultValue = "dnsjava",
      description = "DNS backend: dnsjava or jdk (default: ${DEFAULT-VALUE}).")
  String resolver;

  @Option(names = "--tls-backend", paramLabel = "NAME",
      description = "TLS backend: jsse or netty (default: discovery, netty where BoringSSL loads).")
  String tlsBackend;

  @Option(names = "--no-sip-probe", description = "Stop after the TLS handshake (no SIP OPTIONS).")
  boolean noSipProbe;

  @Option(names = "--from-domain", paramLabel = "DOMAIN",
      description = "The From domain of the SIP OPTIONS probe (default: fedcheck.invalid).")
  String fromDomain = io.fedcheck.api.SipProbe.DEFAULT_FROM_DOMAIN;

  @Option(names = "--profile", paramLabel = "NAME", defaultValue = "on-premises",
      description = "Edge profile: on-premises or microsoft-365 (default: ${DEFAULT-VALUE}).")
  String profile;

  @Option(names = "--require-client-auth", description = "A missing clientAuth EKU fails.")
  boolean requireClientAuth;

  @Option(names = "--trust-store", paramLabel = "PEM",
      description = "Trust the roots in this PEM file too (read on the client, shipped with the job).")
  List<Path> trust = new ArrayList<>();

  @Option(names = "--no-public-roots", description = "Trust only the --trust-store roots.")
  boolean noPublicRoots;

  @Option(names = "--allow-private-addresses",
      description = "Connect to SRV targets on loopback, private and link-local addresses (off by "
          + "default: the names come from untrusted DNS; labs need it).")
  boolean allowPrivateAddresses;

  @Option(names = "--mode", paramLabel = "MODE", defaultValue = "batch",
      description = "batch (default: bounded input, restart of failed regions) or streaming "
          + "(checkpoints, for long runs: a restarted job resumes from the last checkpoint and "
          + "the exactly-once sink still writes every input line once).")
  String mode;

  @Option(names = "--checkpoint-interval", paramLabel = "DURATION", defaultValue = "30s",
      converter = DurationConverter.class,
      description = "Checkpoint interval in streaming mode (default: ${DEFAULT-VALUE}).")
  Duration checkpointInterval;

  /**
   * Parses and checks {@code args}.
   *
   * @param args the command line
   * @return the options
   * @throws CommandLine.ParameterException or IllegalArgumentException on a usage error
   */
  public static JobOptions parse(String... args) {
    JobOptions o = new JobOptions();
    new CommandLine(o).parseArgs(args);
    o.check();
    return o;
  }

  void check() {
    if (capacity < 1) {
      throw new IllegalArgumentException("--capacity must be at least 1");
    }
    if (parallelism != null && parallelism < 1) {
      throw new IllegalArgumentException("--parallelism must be at least 1");
    }
    if (qps < 0) {
      throw new IllegalArgumentException("--qps must not be negative");
    }
    if (!List.of("batch", "streaming").contains(mode)) {
      throw new IllegalArgumentException("--mode must be batch or streaming, not " + mode);
    }
    if (!List.of("dnsjava", "jdk").contains(resolver)) {
      throw new IllegalArgumentException("--resolver must be dnsjava or jdk, not " + resolver);
    }
    if (tlsBackend != null && !List.of("jsse", "netty").contains(tlsBackend)) {
      throw new IllegalArgumentException("--tls-backend must be jsse or netty, not " + tlsBackend);
    }
    profile();
    if (recordTimeout().compareTo(timeout) < 0) {
      throw new IllegalArgumentException("--record-timeout must not be shorter than --timeout");
    }
  }

  boolean streaming() {
    return mode.equals("streaming");
  }

  Duration recordTimeout() {
    return recordTimeout != null ? recordTimeout : timeout.plusSeconds(5);
  }

  private Profile profile() {
    return switch (profile.toLowerCase(Locale.ROOT)) {
      case "on-premises" -> Profile.ON_PREMISES;
      case "microsoft-365" -> Profile.MICROSOFT_365;
      default -> throw new IllegalArgumentException(
          "--profile must be on-premises or microsoft-365, not " + profile);
    };
  }

  /** The validator spec of these options, before the per-task split of {@code --qps}. */
  ValidatorSpec spec() {
    List<X509Certificate> anchors = new ArrayList<>();
    for (Path p : trust) {
      anchors.addAll(readPem(p));
    }
    return ValidatorSpec.builder()
        .profile(profile())
        .requireClientAuthEku(requireClientAuth)
        .allowPrivateAddresses(allowPrivateAddresses)
        .publicRoots(!noPublicRoots)
        .trustAnchors(anchors)
        .sipProbe(!noSipProbe)
        .sipFromDomain(fromDomain)
        .dnsServers(dns)
        .resolverName(resolver)
        .tlsBackend(tlsBackend)
        .deadline(timeout)
        .build();
  }

  /** Each task's share of the global rate: rounded up, so a small rate is never turned off. */
  static int perTask(int qps, int parallelism) {
    return qps == 0 ? 0 : (qps + parallelism - 1) / parallelism;
  }

  private static List<X509Certificate> readPem(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      List<X509Certificate> out = new ArrayList<>();
      CertificateFactory.getInstance("X.509").generateCertificates(in)
          .forEach(c -> out.add((X509Certificate) c));
      if (out.isEmpty()) {
        throw new IllegalArgumentException("--trust-store " + file + ": no certificate in the file");
      }
      return out;
    } catch (IOException e) {
      throw new IllegalArgumentException("--trust-store " + file + ": cannot read it (" + e.getMessage() + ")", e);
    } catch (CertificateException e) {
      throw new IllegalArgumentException("--trust-store " + file + ": not a PEM certificate bundle ("
          + e.getMessage() + ")", e);
    }
  }

  /** {@link DurationText}'s syntax, as the CLI's {@code --timeout}. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return DurationText.parsePositive(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
