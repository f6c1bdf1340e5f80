package io.fedcheck.cli.plan;

import io.fedcheck.api.BoundedInput;
import io.fedcheck.cli.options.CertChainFile;
import io.fedcheck.cli.options.ErrorReporting;
import io.fedcheck.cli.options.ExitCodes;
import io.fedcheck.cli.options.IoMessages;
import io.fedcheck.cli.options.PathConverters;
import io.fedcheck.cli.options.UsageException;
import io.fedcheck.cli.options.VersionInfo;
import io.fedcheck.cli.options.ZoneFileOptions;
import io.fedcheck.core.plan.CertificateRequests;
import io.fedcheck.core.plan.EdgeCsr;
import io.fedcheck.core.plan.EdgePlan;
import io.fedcheck.core.plan.InvalidPlanException;
import io.fedcheck.core.plan.PemKeys;
import io.fedcheck.core.plan.PlanDiscrepancy;
import io.fedcheck.core.plan.PlanVerifier;
import io.fedcheck.dnsjava.ZoneFileResolver;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fedcheck plan}: the DNS records and the certificate one edge needs to federate several SIP
 * domains with Microsoft, a CSR for that certificate, and a comparison of an existing certificate
 * or zone with the plan. Everything printed is valid zone-file text (notes are {@code ;} comments),
 * so the output can be pasted into a zone as it is.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    sortOptions = false,
    headerHeading = "%n",
    header = "Plan the DNS records and certificate of an edge serving several SIP domains.",
    description = {
      "A Microsoft edge accepts an SRV target only when it is directly inside the SIP domain, and"
          + " its certificate must name that target. So an edge (an Expressway-E, say) serving"
          + " several SIP domains needs one target per domain, A records for each, and every target"
          + " in its certificate's subjectAltName list. This prints those records (BIND syntax) and"
          + " the SAN list, writes a PKCS#10 request (--csr) and compares an existing certificate"
          + " (--verify-cert) or zone file (--verify-zone) with the plan.",
      "Example:  fedcheck plan steven.lab acano.steven.lab cms.steven.lab --edge-host vcse"
          + " --address 198.51.100.47 --csr edge.csr --new-key edge.key",
      ""
    },
    footer = {
      "%nExit codes:%n"
          + "  0  the plan was printed (and what was verified matches it)%n"
          + "  1  --verify-cert or --verify-zone found something missing or different%n"
          + "  2  usage error (bad domain or target, no address, unreadable file, key exists)%n"
          + "  4  internal error%n"
    })
public final class PlanCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "DOMAIN", description = "SIP domains the edge serves.")
  List<String> positionalDomains = new ArrayList<>();

  @Option(names = "--domain", paramLabel = "DOMAIN", description = "A SIP domain the edge serves (repeatable).")
  List<String> domains = new ArrayList<>();

  @Option(
      names = "--edge-host",
      paramLabel = "LABEL",
      description = "Host label of the edge: each domain's target is LABEL.<domain> (such as vcse).")
  String edgeHost;

  @Option(
      names = "--target",
      paramLabel = "DOMAIN=FQDN",
      description = "Explicit SRV target of a domain, directly inside it (repeatable; wins over --edge-host).")
  Map<String, String> targets = new LinkedHashMap<>();

  @Option(
      names = "--address",
      paramLabel = "IPv4",
      description = "Public IPv4 address of the edge (repeatable): each target gets an A record.")
  List<String> addresses = new ArrayList<>();

  @Option(names = "--ttl", paramLabel = "SECONDS", description = "TTL of the records. Default: 3600.")
  long ttl = EdgePlan.DEFAULT_TTL;

  @Option(names = "--port", paramLabel = "PORT", description = "SIP TLS port of the edge. Default: 5061.")
  int port = EdgePlan.DEFAULT_PORT;

  @Option(names = "--csr", paramLabel = "FILE", description = "Write a PKCS#10 request (PEM) naming every target.")
  Path csr;

  @Option(
      names = "--key",
      paramLabel = "FILE",
      converter = PathConverters.ReadableFile.class,
      description = "Existing unencrypted PEM private key (RSA or EC) for the CSR.")
  Path key;

  @Option(
      names = "--new-key",
      paramLabel = "FILE",
      description = "Generate a new key for the CSR and write it here (owner-only permissions; never overwrites).")
  Path newKey;

  @Option(
      names = "--key-type",
      paramLabel = "rsa2048|ec256",
      converter = PlanKeyType.Converter.class,
      description = "Type of the --new-key. Default: rsa2048.")
  PlanKeyType keyType = PlanKeyType.RSA_2048;

  @Option(
      names = "--verify-cert",
      paramLabel = "FILE",
      converter = CertChainFile.Converter.class,
      description = "PEM (or DER) certificate chain to compare with the plan: missing SANs and EKUs.")
  CertChainFile verifyCert;

  @Option(
      names = "--verify-zone",
      paramLabel = "FILE",
      converter = PathConverters.ReadableFile.class,
      description = "Zone file, or a snippet of records such as this command prints, to compare with the plan:"
          + " missing SRV and A records (repeatable).")
  List<Path> verifyZones = new ArrayList<>();

  @Mixin ZoneFileOptions zoneFileOptions = new ZoneFileOptions();

  @Override
  public Integer call() {
    checkKeyOptions();
    EdgePlan plan = plan();
    KeyPair existing = key == null ? null : readKey(key);
    if (newKey != null && Files.exists(newKey)) {
      throw new UsageException("refusing to overwrite " + newKey + ": it exists (give --key to reuse a key)");
    }
    ZoneFileResolver zones = verifyZones.isEmpty() ? null : loadZones();
    try {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      for (String w : plan.warnings()) {
        err.println(ErrorReporting.line("warning: " + w));
      }
      err.flush();
      PlanText.writePlan(out, plan);
      if (csr != null) {
        writeCsr(out, plan, existing);
      }
      boolean complete = true;
      if (verifyCert != null) {
        List<PlanDiscrepancy> d = PlanVerifier.verifyCertificate(plan, verifyCert.chain());
        PlanText.writeVerification(out, "Certificate " + verifyCert.file(), d);
        complete &= d.isEmpty();
      }
      if (zones != null) {
        List<PlanDiscrepancy> d = PlanVerifier.verifyZone(plan, zones);
        PlanText.writeVerification(out, "Zone " + String.join(", ", verifyZones.stream().map(Path::toString).toList()), d);
        complete &= d.isEmpty();
      }
      out.flush();
      return complete ? ExitCodes.OK : ExitCodes.FAIL;
    } finally {
      if (zones != null) {
        zones.close();
      }
    }
  }

  private void checkKeyOptions() {
    if (key != null && newKey != null) {
      throw new UsageException("give --key FILE (an existing key) or --new-key FILE, not both");
    }
    if (csr == null && (key != null || newKey != null)) {
      throw new UsageException("--key and --new-key are for the CSR: give --csr FILE too");
    }
    if (csr != null && key == null && newKey == null) {
      throw new UsageException("--csr needs a key: --key FILE (existing) or --new-key FILE (generated)");
    }
    if (newKey == null && spec.commandLine().getParseResult().hasMatchedOption("--key-type")) {
      throw new UsageException("--key-type applies to --new-key only");
    }
  }

  private EdgePlan plan() {
    EdgePlan.Builder b = EdgePlan.builder().domains(positionalDomains).domains(domains).targets(targets)
        .ttl(ttl).port(port);
    if (edgeHost != null) {
      b.hostLabel(edgeHost);
    }
    addresses.forEach(b::address);
    try {
      return b.build();
    } catch (InvalidPlanException e) {
      throw new UsageException(String.join("; ", e.problems()), e);
    }
  }

  private static KeyPair readKey(Path file) {
    try {
      return PemKeys.readKeyPair(new String(
          BoundedInput.readFile(file, BoundedInput.CERTIFICATE_MAX_BYTES), StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UsageException("cannot read key " + file + ": " + IoMessages.describe(e), e);
    } catch (IllegalArgumentException e) {
      throw new UsageException("key " + file + ": " + IoMessages.firstLine(e), e);
    }
  }

  private ZoneFileResolver loadZones() {
    return ZoneFileOptions.load(verifyZones, zoneFileOptions.limits());
  }

  private void writeCsr(PrintWriter out, EdgePlan plan, KeyPair existing) {
    KeyPair pair = existing;
    if (pair == null) {
      pair = CertificateRequests.generateKeyPair(keyType.algorithm());
      try {
        PemKeys.writePrivateKey(newKey, pair.getPrivate());
      } catch (FileAlreadyExistsException e) {
        throw new UsageException("refusing to overwrite " + newKey + ": it exists", e);
      } catch (IOException e) {
        throw new UsageException("cannot write key " + newKey + ": " + IoMessages.describe(e), e);
      }
    }
    EdgeCsr request = CertificateRequests.create(plan, pair);
    try {
      Files.writeString(csr, request.pem(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UsageException("cannot write CSR " + csr + ": " + IoMessages.describe(e), e);
    }
    out.println();
    if (newKey != null) {
      out.println("; New " + keyType.cliName() + " private key written to " + newKey + " (readable by its owner only)");
    }
    out.println("; CSR written to " + csr + ": " + request.subject() + ", " + request.subjectAltNames().size()
        + " subjectAltName(s), serverAuth + clientAuth, " + request.signatureAlgorithm());
  }

}
