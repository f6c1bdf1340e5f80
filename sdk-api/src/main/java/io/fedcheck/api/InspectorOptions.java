package io.fedcheck.api;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How a discovered {@link CertificateInspector} is set up.
 *
 * @param certificateDirectory for the offline inspector: a directory of PEM chains named by FQDN
 *     ({@code vcse.example.com.pem}); {@code null} for network inspectors
 * @param maxConcurrentHandshakes the most handshakes in flight at once (at least 1)
 * @param clientIdentity the certificate and key to present when a server asks for one, or {@code
 *     null} to present none
 */
public record InspectorOptions(Path certificateDirectory, int maxConcurrentHandshakes, ClientIdentity clientIdentity) {
  public InspectorOptions {
    if (maxConcurrentHandshakes < 1) {
      throw new IllegalArgumentException("maxConcurrentHandshakes must be at least 1");
    }
  }

  /** Options without a client identity. */
  public InspectorOptions(Path certificateDirectory, int maxConcurrentHandshakes) {
    this(certificateDirectory, maxConcurrentHandshakes, null);
  }

  /** Network inspection, 64 handshakes in flight, no client certificate. */
  public static InspectorOptions ofDefaults() {
    return new InspectorOptions(null, 64);
  }

  /** The offline certificate directory, if set. */
  public Optional<Path> certificateDirectoryIfSet() {
    return Optional.ofNullable(certificateDirectory);
  }

  /** The client identity, if set. */
  public Optional<ClientIdentity> clientIdentityIfSet() {
    return Optional.ofNullable(clientIdentity);
  }

  /** The same options with another client identity ({@code null} for none). */
  public InspectorOptions withClientIdentity(ClientIdentity value) {
    return new InspectorOptions(certificateDirectory, maxConcurrentHandshakes, value);
  }
}
