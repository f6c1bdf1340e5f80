package io.fedcheck.cli.options;

import io.fedcheck.api.BoundedInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine;

/**
 * A certificate chain read from a local file: PEM blocks (leaf first, then intermediates) or one DER
 * certificate. Read when the command line is parsed, so an unreadable or garbage file is a usage
 * error with one line.
 *
 * @param file where it was read from
 * @param chain the certificates in file order, at least one
 */
public record CertChainFile(Path file, List<X509Certificate> chain) {
  public CertChainFile {
    Objects.requireNonNull(file, "file");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a chain holds at least one certificate");
    }
  }

  static CertChainFile read(Path file) throws IOException, CertificateException {
    // Capped while reading: a device such as /dev/zero has no size to check beforehand.
    byte[] bytes = BoundedInput.readFile(file, BoundedInput.CERTIFICATE_MAX_BYTES);
    List<X509Certificate> certs = CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(bytes)).stream()
        .filter(X509Certificate.class::isInstance)
        .map(X509Certificate.class::cast)
        .toList();
    if (certs.isEmpty()) {
      throw new CertificateException("no certificate in the file");
    }
    return new CertChainFile(file, certs);
  }

  /** Converts a certificate file argument, reading it at once. */
  public static final class Converter implements CommandLine.ITypeConverter<CertChainFile> {
    @Override
    public CertChainFile convert(String value) {
      Path file = Path.of(value);
      if (Files.isDirectory(file)) {
        throw new CommandLine.TypeConversionException("cannot read certificate " + value + ": it is a directory");
      }
      try {
        return read(file);
      } catch (IOException e) {
        throw new CommandLine.TypeConversionException(
            "cannot read certificate " + value + ": " + IoMessages.describe(e));
      } catch (CertificateException | RuntimeException e) {
        throw new CommandLine.TypeConversionException(
            value + " is not a PEM or DER certificate (chain): " + IoMessages.rootMessage(e));
      }
    }
  }
}
