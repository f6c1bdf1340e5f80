package io.fedcheck.core.plan;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.EnumSet;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads and writes unencrypted PEM private keys (PKCS#8 {@code PRIVATE KEY}, or the traditional
 * {@code RSA PRIVATE KEY} / {@code EC PRIVATE KEY}). Stateless and thread-safe.
 */
public final class PemKeys {
  private PemKeys() {}

  /**
   * The key pair of a PEM private key; the public key is derived from the private one when the PEM
   * does not carry it.
   *
   * @throws IllegalArgumentException when the text holds no usable private key (none, encrypted,
   *     or of another algorithm than RSA or EC)
   */
  public static KeyPair readKeyPair(String pem) {
    Objects.requireNonNull(pem, "pem");
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof PEMKeyPair kp) {
          return converter.getKeyPair(kp);
        }
        if (o instanceof PrivateKeyInfo info) {
          PrivateKey key = converter.getPrivateKey(info);
          return new KeyPair(publicKeyOf(info, key, converter), key);
        }
        if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
          throw new IllegalArgumentException("the private key is encrypted; decrypt it first"
              + " (openssl pkey -in key.pem -out plain.pem)");
        }
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("not a readable PEM private key: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("no PEM private key found");
  }

  private static PublicKey publicKeyOf(PrivateKeyInfo info, PrivateKey key, JcaPEMKeyConverter converter)
      throws IOException, GeneralSecurityException {
    if (key instanceof RSAPrivateCrtKey rsa) {
      return KeyFactory.getInstance("RSA")
          .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
    }
    if (X9ObjectIdentifiers.id_ecPublicKey.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
      ECPrivateKey ec = ECPrivateKey.getInstance(info.parsePrivateKey());
      DERBitString point = (DERBitString) ec.getPublicKey();
      byte[] encoded;
      if (point != null) {
        encoded = point.getBytes();
      } else {
        // No public point stored: compute Q = d·G on the named curve.
        ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(info.getPrivateKeyAlgorithm().getParameters());
        X9ECParameters params = ECNamedCurveTable.getByOID(curve);
        if (params == null) {
          throw new IllegalArgumentException("unsupported EC curve " + curve);
        }
        BigInteger d = ec.getKey();
        encoded = params.getG().multiply(d).normalize().getEncoded(false);
      }
      return converter.getPublicKey(new SubjectPublicKeyInfo(info.getPrivateKeyAlgorithm(), encoded));
    }
    throw new IllegalArgumentException("the key must be RSA or EC, not " + key.getAlgorithm());
  }

  /** The private key as unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}). */
  public static String toPem(PrivateKey key) {
    Objects.requireNonNull(key, "key");
    StringWriter out = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
      pem.writeObject(new JcaPKCS8Generator(key, null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Writes the private key to a new file, readable and writable by its owner only: on a POSIX file
   * system the file is created with permissions {@code rw-------}, so the key is never readable by
   * others, not even for a moment. An existing file is never overwritten.
   *
   * @throws java.nio.file.FileAlreadyExistsException when {@code file} exists
   * @throws IOException when the file cannot be written
   */
  public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
    Objects.requireNonNull(file, "file");
    byte[] pem = toPem(key).getBytes(StandardCharsets.US_ASCII);
    FileAttribute<?>[] attributes =
        file.getFileSystem().supportedFileAttributeViews().contains("posix")
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
            : new FileAttribute<?>[0];
    try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(
        file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes))) {
      out.write(pem);
    }
  }
}
