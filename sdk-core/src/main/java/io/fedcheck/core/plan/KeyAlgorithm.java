package io.fedcheck.core.plan;

/** The key of a new edge certificate. */
public enum KeyAlgorithm {
  /** RSA 2048 bits, signed with SHA-256: accepted by every Microsoft edge. The default. */
  RSA_2048,
  /** ECDSA on NIST P-256 (secp256r1), signed with SHA-256. */
  EC_P256
}
