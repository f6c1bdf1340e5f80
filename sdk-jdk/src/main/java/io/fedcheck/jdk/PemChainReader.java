package io.fedcheck.jdk;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a certificate chain from the bytes of a file: PEM (any number of {@code CERTIFICATE}
 * blocks, in file order, other blocks such as private keys ignored) or DER (one certificate, or a
 * PKCS#7 bundle). Stateless.
 */
final class PemChainReader {
  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----(.*?)-----END (?:X509 |TRUSTED )?CERTIFICATE-----",
      Pattern.DOTALL);

  /** Thrown for content that holds no readable chain; the message says what is wrong. */
  static final class MalformedChainException extends Exception {
    MalformedChainException(String message) {
      super(message);
    }
  }

  private PemChainReader() {}

  static List<X509Certificate> read(byte[] content) throws MalformedChainException {
    if (content.length == 0) {
      throw new MalformedChainException("the file is empty");
    }
    String text = new String(content, StandardCharsets.ISO_8859_1);
    if (text.contains("-----BEGIN")) {
      return readPem(text);
    }
    return readDer(content);
  }

  private static List<X509Certificate> readPem(String text) throws MalformedChainException {
    List<X509Certificate> chain = new ArrayList<>();
    Matcher block = BLOCK.matcher(text);
    while (block.find()) {
      byte[] der;
      try {
        der = Base64.getMimeDecoder().decode(block.group(1).trim());
      } catch (IllegalArgumentException e) {
        throw new MalformedChainException(
            "certificate " + (chain.size() + 1) + " is not valid Base64: " + e.getMessage());
      }
      chain.add(parseOne(der, chain.size() + 1));
    }
    if (chain.isEmpty()) {
      throw new MalformedChainException("the PEM file holds no complete CERTIFICATE block");
    }
    return List.copyOf(chain);
  }

  private static List<X509Certificate> readDer(byte[] content) throws MalformedChainException {
    try {
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate c : factory().generateCertificates(new ByteArrayInputStream(content))) {
        chain.add((X509Certificate) c);
      }
      if (chain.isEmpty()) {
        throw new MalformedChainException("the file holds no certificate");
      }
      return List.copyOf(chain);
    } catch (CertificateException | RuntimeException e) {
      throw new MalformedChainException("neither PEM nor a DER certificate: " + describe(e));
    }
  }

  private static X509Certificate parseOne(byte[] der, int position) throws MalformedChainException {
    try {
      return (X509Certificate) factory().generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      throw new MalformedChainException("certificate " + position + " cannot be parsed: " + describe(e));
    }
  }

  private static CertificateFactory factory() throws CertificateException {
    return CertificateFactory.getInstance("X.509");
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
