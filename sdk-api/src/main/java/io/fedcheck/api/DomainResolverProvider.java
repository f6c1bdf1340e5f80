package io.fedcheck.api;

/**
 * Discovers a {@link DomainResolver} backend through {@link java.util.ServiceLoader}: each backend
 * module registers one in {@code META-INF/services/io.fedcheck.api.DomainResolverProvider}.
 *
 * <p>The validator takes an explicitly passed resolver first; otherwise the provider named by the
 * {@code fedcheck.resolver} system property; otherwise the provider with the highest priority.
 */
public interface DomainResolverProvider {
  /**
   * The backend's short name, such as {@code dnsjava} or {@code jdk}.
   *
   * @return the name the {@code fedcheck.resolver} system property selects this backend by
   */
  String name();

  /**
   * Higher wins when no backend is named.
   *
   * @return this backend's priority among the discovered ones
   */
  int priority();

  /**
   * Builds a resolver; the caller owns and closes it.
   *
   * @param options how the resolver is set up
   * @return a new resolver
   */
  DomainResolver create(ResolverOptions options);
}
