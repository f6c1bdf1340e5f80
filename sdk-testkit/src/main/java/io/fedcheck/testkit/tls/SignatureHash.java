package io.fedcheck.testkit.tls;

/** The hash a certificate signature uses; SHA-1 is there to exercise the weak-signature rule. */
public enum SignatureHash {
  /** SHA-1: weak, still seen on old private CAs. */
  SHA1("SHA1"),
  /** SHA-256: the default. */
  SHA256("SHA256"),
  /** SHA-384. */
  SHA384("SHA384");

  private final String jcaName;

  SignatureHash(String jcaName) {
    this.jcaName = jcaName;
  }

  String jcaName() {
    return jcaName;
  }
}
