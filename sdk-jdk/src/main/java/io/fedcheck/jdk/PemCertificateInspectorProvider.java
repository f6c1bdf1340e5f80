package io.fedcheck.jdk;

import io.fedcheck.api.CertificateInspector;
import io.fedcheck.api.CertificateInspectorProvider;
import io.fedcheck.api.InspectorOptions;

/**
 * Discovers {@link PemCertificateInspector} as backend {@code pem}, priority 10: never the default
 * network choice, meant to be chosen when {@link InspectorOptions#certificateDirectory()} is set.
 * Stateless and thread-safe.
 */
public final class PemCertificateInspectorProvider implements CertificateInspectorProvider {
  /** The backend name. */
  public static final String NAME = "pem";

  /** Public no-argument constructor, for {@link java.util.ServiceLoader}. */
  public PemCertificateInspectorProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return 10;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the options name no certificate directory
   */
  @Override
  public CertificateInspector create(InspectorOptions options) {
    return PemCertificateInspector.create(options);
  }
}
