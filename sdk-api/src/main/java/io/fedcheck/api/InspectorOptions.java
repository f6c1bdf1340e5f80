package io.fedcheck.api;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How a discovered {@link CertificateInspector} is set up.
 *
 * @param certificateDirectory for the offline inspector: a directory of PEM chains named by FQDN
 *     ({@code vcse.example.com.pem}); {@code null} for network inspectors
 * @param maxConcurrentHandshakes the most handshakes in flight at once (at least 1)
 */
public record InspectorOptions(Path certificateDirectory, int maxConcurrentHandshakes) {
  public InspectorOptions {
    if (maxConcurrentHandshakes < 1) {
      throw new IllegalArgumentException("maxConcurrentHandshakes must be at least 1");
    }
  }

  /** Network inspection, 64 handshakes in flight. */
  public static InspectorOptions ofDefaults() {
    return new InspectorOptions(null, 64);
  }

  /** The offline certificate directory, if set. */
  public Optional<Path> certificateDirectoryIfSet() {
    return Optional.ofNullable(certificateDirectory);
  }
}
