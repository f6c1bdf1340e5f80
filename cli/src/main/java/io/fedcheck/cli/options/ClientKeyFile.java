package io.fedcheck.cli.options;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The private key of {@code --client-cert}: an unencrypted PKCS#8 PEM block ({@code BEGIN PRIVATE
 * KEY}), checked against the certificate's public key when read, so a key of another certificate
 * is a one-line usage error rather than a handshake that fails far away.
 */
final class ClientKeyFile {
  private static final long MAX_BYTES = 1L << 20;
  private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String END = "-----END PRIVATE KEY-----";

  private ClientKeyFile() {}

  static PrivateKey read(Path file, X509Certificate leaf) throws IOException, GeneralSecurityException {
    if (Files.size(file) > MAX_BYTES) {
      throw new GeneralSecurityException("larger than 1 MiB: not a key file");
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    if (text.contains("ENCRYPTED PRIVATE KEY")) {
      throw new GeneralSecurityException("the key is encrypted; decrypt it with"
          + " `openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pem`");
    }
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < begin) {
      String hint = text.contains("PRIVATE KEY-----") ? " (a traditional RSA/EC key: convert it with"
          + " `openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pem`)" : "";
      throw new GeneralSecurityException("no PKCS#8 \"" + BEGIN + "\" block" + hint);
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("the PEM block is not base64");
    }
    String algorithm = leaf.getPublicKey().getAlgorithm();
    PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    if (!matches(key, leaf)) {
      throw new GeneralSecurityException("the key does not belong to the --client-cert leaf "
          + leaf.getSubjectX500Principal().getName());
    }
    return key;
  }

  /** Whether {@code key} signs what the leaf's public key verifies. */
  private static boolean matches(PrivateKey key, X509Certificate leaf) throws GeneralSecurityException {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
      default -> throw new GeneralSecurityException("unsupported key algorithm " + key.getAlgorithm());
    };
    byte[] probe = "fedcheck client key check".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(leaf.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (InvalidKeyException e) {
      return false;
    }
  }
}
