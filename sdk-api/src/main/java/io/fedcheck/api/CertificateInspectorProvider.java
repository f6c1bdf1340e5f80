package io.fedcheck.api;

/**
 * Discovers a {@link CertificateInspector} backend through {@link java.util.ServiceLoader}: each
 * backend module registers one in {@code
 * META-INF/services/io.fedcheck.api.CertificateInspectorProvider}.
 */
public interface CertificateInspectorProvider {
  /**
   * The backend's short name, such as {@code jsse} or {@code pem}.
   *
   * @return the name a caller selects this backend by
   */
  String name();

  /**
   * Higher wins when no backend is named.
   *
   * @return this backend's priority among the discovered ones
   */
  int priority();

  /**
   * Builds an inspector; the caller owns and closes it.
   *
   * @param options how the inspector is set up
   * @return a new inspector
   */
  CertificateInspector create(InspectorOptions options);
}
