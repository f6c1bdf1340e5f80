package io.fedcheck.api.tls;

import io.fedcheck.api.ClientIdentity;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A client-side key manager, always installed: it tells the backend that the server asked for a
 * client certificate (with the socket or engine of that handshake) and presents the configured
 * {@link ClientIdentity} when its key type is one the server accepts, or none without one. The
 * server's issuer list is not checked: the vendor's real edge certificate is what the far side
 * should judge, and its rejection (with ms-diagnostics) is the answer an inspector came for.
 */
public final class RecordingKeyManager extends X509ExtendedKeyManager {
  private static final String ALIAS = "fedcheck-client";

  private final ClientIdentity identity;
  private final Consumer<Socket> onSocketRequest;
  private final Consumer<SSLEngine> onEngineRequest;

  /**
   * A key manager that reports each CertificateRequest.
   *
   * @param identity the identity to present, or {@code null} to present none
   * @param onSocketRequest called with the socket of a handshake whose server asked for a certificate
   * @param onEngineRequest called with the engine of a handshake whose server asked for a certificate
   */
  public RecordingKeyManager(
      ClientIdentity identity, Consumer<Socket> onSocketRequest, Consumer<SSLEngine> onEngineRequest) {
    this.identity = identity;
    this.onSocketRequest = java.util.Objects.requireNonNull(onSocketRequest, "onSocketRequest");
    this.onEngineRequest = java.util.Objects.requireNonNull(onEngineRequest, "onEngineRequest");
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    onSocketRequest.accept(socket);
    return alias(keyType);
  }

  @Override
  public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
    onEngineRequest.accept(engine);
    return alias(keyType);
  }

  /** The identity's alias when its key answers one of the offered key types (JSSE and BoringSSL names). */
  private String alias(String[] keyType) {
    if (identity == null || keyType == null) {
      return null;
    }
    String algorithm = identity.key().getAlgorithm();
    for (String type : keyType) {
      if (type.equals(algorithm) || ("RSA".equals(algorithm) && type.startsWith("RSA"))
          || ("EC".equals(algorithm) && type.startsWith("EC"))) {
        return ALIAS;
      }
    }
    return null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return identity == null ? null : new String[] {ALIAS};
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return identity != null && ALIAS.equals(alias) ? identity.chain().toArray(X509Certificate[]::new) : null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return identity != null && ALIAS.equals(alias) ? identity.key() : null;
  }
}
