package io.fedcheck.jdk;

import io.fedcheck.api.CertificateInspector;
import io.fedcheck.api.CertificateInspectorProvider;
import io.fedcheck.api.InspectorOptions;

/**
 * Discovers {@link JsseCertificateInspector} as backend {@code jsse}, priority 100: the default
 * network inspector. Registered in {@code META-INF/services}. Stateless and thread-safe.
 */
public final class JsseCertificateInspectorProvider implements CertificateInspectorProvider {
  /** The backend name. */
  public static final String NAME = "jsse";

  /** Public no-argument constructor, for {@link java.util.ServiceLoader}. */
  public JsseCertificateInspectorProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return 100;
  }

  @Override
  public CertificateInspector create(InspectorOptions options) {
    return JsseCertificateInspector.create(options);
  }
}
