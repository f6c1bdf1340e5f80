package io.fedcheck.testkit.tls;

import org.bouncycastle.asn1.x509.KeyPurposeId;

/** An extended key usage purpose to put in a test certificate's EKU extension. */
public enum KeyPurpose {
  /** TLS server authentication (1.3.6.1.5.5.7.3.1). */
  SERVER_AUTH(KeyPurposeId.id_kp_serverAuth),
  /** TLS client authentication (1.3.6.1.5.5.7.3.2). */
  CLIENT_AUTH(KeyPurposeId.id_kp_clientAuth),
  /** Code signing: a purpose that is neither server nor client auth. */
  CODE_SIGNING(KeyPurposeId.id_kp_codeSigning),
  /** E-mail protection: a purpose that is neither server nor client auth. */
  EMAIL_PROTECTION(KeyPurposeId.id_kp_emailProtection),
  /** anyExtendedKeyUsage (2.5.29.37.0). */
  ANY(KeyPurposeId.anyExtendedKeyUsage);

  private final KeyPurposeId id;

  KeyPurpose(KeyPurposeId id) {
    this.id = id;
  }

  KeyPurposeId id() {
    return id;
  }

  /** The dotted OID, as {@link java.security.cert.X509Certificate#getExtendedKeyUsage()} reports it. */
  public String oid() {
    return id.getId();
  }
}
