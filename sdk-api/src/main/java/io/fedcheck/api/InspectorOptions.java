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
  /**
   * Checks the options.
   *
   * @param certificateDirectory for the offline inspector: a directory of PEM chains named by FQDN;
   *     {@code null} for network inspectors
   * @param maxConcurrentHandshakes the most handshakes in flight at once (at least 1)
   * @param clientIdentity the certificate and key to present when asked, or {@code null} for none
   * @throws IllegalArgumentException when {@code maxConcurrentHandshakes} is less than 1
   */
  public InspectorOptions {
    if (maxConcurrentHandshakes < 1) {
      throw new IllegalArgumentException("maxConcurrentHandshakes must be at least 1");
    }
  }

  /**
   * Options without a client identity.
   *
   * @param certificateDirectory for the offline inspector: a directory of PEM chains named by FQDN;
   *     {@code null} for network inspectors
   * @param maxConcurrentHandshakes the most handshakes in flight at once (at least 1)
   */
  public InspectorOptions(Path certificateDirectory, int maxConcurrentHandshakes) {
    this(certificateDirectory, maxConcurrentHandshakes, null);
  }

  /**
   * Network inspection, 64 handshakes in flight, no client certificate.
   *
   * @return the default inspector options
   */
  public static InspectorOptions ofDefaults() {
    return new InspectorOptions(null, 64);
  }

  /**
   * The offline certificate directory, if set.
   *
   * @return the directory of PEM chains, or empty for network inspection
   */
  public Optional<Path> certificateDirectoryIfSet() {
    return Optional.ofNullable(certificateDirectory);
  }

  /**
   * The client identity, if set.
   *
   * @return the identity to present, or empty when none is presented
   */
  public Optional<ClientIdentity> clientIdentityIfSet() {
    return Optional.ofNullable(clientIdentity);
  }

  /**
   * The same options with another client identity ({@code null} for none).
   *
   * @param value the identity to present, or {@code null} for none
   * @return a copy with that identity
   */
  public InspectorOptions withClientIdentity(ClientIdentity value) {
    return new InspectorOptions(certificateDirectory, maxConcurrentHandshakes, value);
  }
}
