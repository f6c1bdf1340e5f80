package io.fedcheck.testkit.tls;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Objects;

/**
 * The kind of key a {@link HeldCertificate} carries: RSA of a given size, or EC on a named curve.
 *
 * <p>Curves the JDK does not support (small legacy curves such as {@code secp192r1}) are generated
 * with Bouncy Castle; such certificates parse with the JDK but cannot be served over JSSE, so they
 * are for offline (PEM) tests. Immutable and thread-safe.
 *
 * @param algorithm {@code RSA} or {@code EC}
 * @param bits the RSA modulus size, or the EC field size
 * @param curve the EC curve name, or empty for RSA
 */
public record KeyType(String algorithm, int bits, String curve) {
  /** EC on P-256: fast to generate, the default. */
  public static final KeyType EC_P256 = new KeyType("EC", 256, "secp256r1");
  /** EC on P-384. */
  public static final KeyType EC_P384 = new KeyType("EC", 384, "secp384r1");
  /** EC on the 192-bit curve P-192: a weak key, generated with Bouncy Castle. */
  public static final KeyType EC_P192 = new KeyType("EC", 192, "secp192r1");
  /** RSA 2048. */
  public static final KeyType RSA_2048 = rsa(2048);

  public KeyType {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(curve, "curve");
    if (!algorithm.equals("RSA") && !algorithm.equals("EC")) {
      throw new IllegalArgumentException("algorithm must be RSA or EC: " + algorithm);
    }
    if (bits < 1) {
      throw new IllegalArgumentException("bits must be positive: " + bits);
    }
    if (algorithm.equals("EC") && curve.isEmpty()) {
      throw new IllegalArgumentException("an EC key needs a curve");
    }
  }

  /** RSA with the given modulus size (512, 1024, 2048, ...). */
  public static KeyType rsa(int bits) {
    return new KeyType("RSA", bits, "");
  }

  /** EC on a named curve, such as {@code secp256r1}. */
  public static KeyType ec(String curve, int bits) {
    return new KeyType("EC", bits, curve);
  }

  /** The JCA name of a signature with this key and the given hash, such as {@code SHA256withECDSA}. */
  String signatureAlgorithm(SignatureHash hash) {
    return hash.jcaName() + "with" + (algorithm.equals("RSA") ? "RSA" : "ECDSA");
  }

  /** Generates a new key pair; slow for large RSA keys, which is why {@link KeyPairCache} exists. */
  KeyPair generate() {
    try {
      if (algorithm.equals("RSA")) {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
      }
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
      } catch (InvalidAlgorithmParameterException unsupportedByJdk) {
        // JDK 16+ dropped the legacy curves; Bouncy Castle still has them.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a " + this + " key pair", e);
    }
  }

  @Override
  public String toString() {
    return algorithm.equals("RSA") ? "RSA-" + bits : "EC-" + curve;
  }
}
