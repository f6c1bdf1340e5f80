package io.fedcheck.jdk;

import io.fedcheck.api.BoundedInput;
import io.fedcheck.api.CertificateInspector;
import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.SipExchange;
import io.fedcheck.api.InputTooLargeException;
import io.fedcheck.api.InspectorOptions;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.TlsProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * The offline {@link CertificateInspector}: answers from certificate chain files instead of the
 * network, to check certificates before they are deployed or where the edge cannot be reached.
 * Chains come from a directory keyed by FQDN ({@code <fqdn>.pem}, then {@code <fqdn>.crt}, then
 * {@code <fqdn>.cer}; PEM or DER, leaf first) or from an explicit map FQDN → file. The probe's
 * address and port are not used; no protocol or cipher suite is reported. Since no TLS stack is
 * involved, chains over the JDK's handshake limits (32 KiB messages, 10 certificates) are read in
 * full.
 *
 * <p>Outcomes: a chain read → {@link TlsOutcome#HANDSHAKE_COMPLETED}. No file for the FQDN →
 * {@link TlsOutcome#CONNECT_FAILED}: like a refused connection, there is no server to talk to, and
 * the detail names the files looked for. A file that exists but holds no readable chain (empty,
 * not PEM or DER, bad Base64, unparsable certificate, unreadable) → {@link
 * TlsOutcome#HANDSHAKE_FAILED}: something answered, but not with a usable certificate. Never throws
 * from {@link #inspect}; the returned stage is already complete (files are small and local).
 *
 * <p>Thread-safe and stateless apart from its configuration.
 */
public final class PemCertificateInspector implements CertificateInspector {
  private static final List<String> EXTENSIONS = List.of(".pem", ".crt", ".cer");
  /** Chain files larger than this are refused rather than read into memory. */
  private static final long MAX_FILE_BYTES = 16L << 20;
  /** Characters allowed in a name used as a file name: DNS names, and nothing that walks paths. */
  private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9_*-]+(\\.[a-z0-9_*-]+)*");

  private final Path directory;
  private final Map<String, Path> files;

  private PemCertificateInspector(Path directory, Map<String, Path> files) {
    this.directory = directory;
    this.files = files;
  }

  /**
   * An inspector reading {@code <fqdn>.pem}, {@code .crt} or {@code .cer} files from a directory.
   *
   * @throws IllegalArgumentException if {@code directory} is not a directory
   */
  public static PemCertificateInspector ofDirectory(Path directory) {
    Objects.requireNonNull(directory, "directory");
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("not a directory: " + directory);
    }
    return new PemCertificateInspector(directory.toAbsolutePath().normalize(), Map.of());
  }

  /** An inspector reading the chain of each FQDN from the given file; other FQDNs have none. */
  public static PemCertificateInspector ofFiles(Map<String, Path> chainFiles) {
    Map<String, Path> normalized = new java.util.HashMap<>();
    chainFiles.forEach((fqdn, file) -> normalized.put(canonical(fqdn), Objects.requireNonNull(file)));
    return new PemCertificateInspector(null, Map.copyOf(normalized));
  }

  /**
   * An inspector over {@link InspectorOptions#certificateDirectory()}.
   *
   * @throws IllegalArgumentException if the options name no directory, or not a directory
   */
  public static PemCertificateInspector create(InspectorOptions options) {
    Path directory = options.certificateDirectoryIfSet().orElseThrow(() ->
        new IllegalArgumentException(
            "the pem inspector needs InspectorOptions.certificateDirectory (a directory of <fqdn>.pem files)"));
    return ofDirectory(directory);
  }

  @Override
  public CompletionStage<CertificateObservation> inspect(TlsProbe probe) {
    long start = System.nanoTime();
    CertificateObservation seen;
    try {
      seen = observe(probe, start);
    } catch (RuntimeException e) {
      seen = CertificateObservation.failed(probe, TlsOutcome.HANDSHAKE_FAILED,
          "cannot read a chain for " + probe.serverName() + ": " + e, since(start));
    }
    return CompletableFuture.completedFuture(seen);
  }

  private CertificateObservation observe(TlsProbe probe, long start) {
    String name = probe.serverName();
    List<Path> candidates = candidates(name);
    Optional<Path> found = candidates.stream().filter(Files::exists).findFirst();
    if (found.isEmpty()) {
      String where = candidates.isEmpty()
          ? (directory == null ? "no chain file is configured for " + name
              : name + " cannot be used as a file name")
          : "looked for " + candidates.stream().map(Path::toString).toList();
      return CertificateObservation.failed(probe, TlsOutcome.CONNECT_FAILED,
          "no certificate file for " + name + " (offline inspection): " + where, since(start));
    }
    Path file = found.get();
    try {
      if (!Files.isRegularFile(file)) {
        return failed(probe, file, "not a regular file", start);
      }
      // Capped while reading (the file may grow or be swapped after the check above).
      List<X509Certificate> chain = PemChainReader.read(BoundedInput.readRegularFile(file, MAX_FILE_BYTES));
      // Files hold certificates only: there is no connection to speak SIP on.
      SipExchange sip = SipExchange.notAttempted(probe.sipIfSet().isPresent()
          ? "the offline inspector reads certificates from files and speaks no SIP" : "");
      return new CertificateObservation(name, probe.address().getHostAddress(), probe.port(),
          TlsOutcome.HANDSHAKE_COMPLETED, chain, "", "", false, "", since(start), sip);
    } catch (InputTooLargeException e) {
      return failed(probe, file, "larger than " + BoundedInput.describeSize(MAX_FILE_BYTES), start);
    } catch (PemChainReader.MalformedChainException e) {
      return failed(probe, file, e.getMessage(), start);
    } catch (IOException e) {
      return failed(probe, file, "cannot be read: " + e, start);
    }
  }

  private List<Path> candidates(String name) {
    if (directory == null) {
      Path file = files.get(name);
      return file == null ? List.of() : List.of(file);
    }
    if (!SAFE_NAME.matcher(name).matches()) {
      return List.of();
    }
    List<Path> paths = new ArrayList<>();
    for (String extension : EXTENSIONS) {
      paths.add(directory.resolve(name + extension));
    }
    return paths;
  }

  private static CertificateObservation failed(TlsProbe probe, Path file, String why, long start) {
    return CertificateObservation.failed(probe, TlsOutcome.HANDSHAKE_FAILED,
        "no usable certificate chain in " + file + ": " + why, since(start));
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static String canonical(String fqdn) {
    String name = fqdn.toLowerCase(Locale.ROOT);
    return name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
  }

  @Override
  public String toString() {
    return directory != null
        ? "PemCertificateInspector[" + directory + "]"
        : "PemCertificateInspector[" + files.size() + " files]";
  }
}
