package io.fedcheck.core;

/**
 * No backend could be chosen for a {@link io.fedcheck.api.DomainResolver} or {@link
 * io.fedcheck.api.CertificateInspector}: none is on the class path, or the one named by a system
 * property or the builder is not there. The message says which module to add.
 */
public final class BackendNotFoundException extends IllegalStateException {
  /** Creates the exception with an actionable message. */
  public BackendNotFoundException(String message) {
    super(message);
  }
}
