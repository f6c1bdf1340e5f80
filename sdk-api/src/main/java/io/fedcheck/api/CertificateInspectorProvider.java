package io.fedcheck.api;

/**
 * Discovers a {@link CertificateInspector} backend through {@link java.util.ServiceLoader}: each
 * backend module registers one in {@code
 * META-INF/services/io.fedcheck.api.CertificateInspectorProvider}.
 */
public interface CertificateInspectorProvider {
  /** The backend's short name, such as {@code jsse} or {@code pem}. */
  String name();

  /** Higher wins when no backend is named. */
  int priority();

  /** Builds an inspector; the caller owns and closes it. */
  CertificateInspector create(InspectorOptions options);
}
