package io.fedcheck.api;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The certificate and key an inspector presents when a server asks for a client certificate, so
 * a vendor can probe with its real edge identity (federation is mutual TLS).
 *
 * @param key the private key of the leaf
 * @param chain the certificate chain to present, leaf first (at least one certificate)
 */
public record ClientIdentity(PrivateKey key, List<X509Certificate> chain) {
  /**
   * Checks the identity and copies the chain.
   *
   * @param key the private key of the leaf
   * @param chain the certificate chain to present, leaf first
   * @throws IllegalArgumentException when the chain is empty
   */
  public ClientIdentity {
    Objects.requireNonNull(key, "key");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("chain must hold at least the leaf certificate");
    }
  }

  @Override
  public String toString() {
    return "ClientIdentity[" + chain.get(0).getSubjectX500Principal().getName() + "]";
  }
}
