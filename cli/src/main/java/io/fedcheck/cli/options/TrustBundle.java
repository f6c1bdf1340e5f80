package io.fedcheck.cli.options;

import io.fedcheck.api.BoundedInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine;

/**
 * The extra trust anchors of {@code --trust-store}: every certificate of a PEM (or DER) bundle.
 *
 * @param file where they were read from
 * @param anchors the certificates, at least one
 */
record TrustBundle(Path file, List<X509Certificate> anchors) {
  TrustBundle {
    Objects.requireNonNull(file, "file");
    anchors = List.copyOf(anchors);
    if (anchors.isEmpty()) {
      throw new IllegalArgumentException("a trust bundle holds at least one certificate");
    }
  }

  /** Reads a bundle; the JDK's X.509 factory accepts concatenated PEM blocks. */
  static TrustBundle read(Path file) throws IOException, CertificateException {
    byte[] bytes = BoundedInput.readFile(file, BoundedInput.CERTIFICATE_MAX_BYTES);
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      List<X509Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
              .filter(X509Certificate.class::isInstance)
              .map(X509Certificate.class::cast)
              .toList();
      if (certs.isEmpty()) {
        throw new CertificateException("no certificate in the file");
      }
      return new TrustBundle(file, certs);
    }
  }

  /** Converts {@code --trust-store FILE}, reading it at once so a bad file is a usage error. */
  static final class Converter implements CommandLine.ITypeConverter<TrustBundle> {
    @Override
    public TrustBundle convert(String value) {
      Path file = Path.of(value);
      if (Files.isDirectory(file)) {
        throw new CommandLine.TypeConversionException("cannot read trust store " + value + ": it is a directory");
      }
      try {
        return read(file);
      } catch (IOException e) {
        throw new CommandLine.TypeConversionException(
            "cannot read trust store " + value + ": " + IoMessages.describe(e));
      } catch (CertificateException | RuntimeException e) {
        throw new CommandLine.TypeConversionException(
            "trust store " + value + " is not a PEM certificate bundle: " + IoMessages.rootMessage(e));
      }
    }
  }
}
