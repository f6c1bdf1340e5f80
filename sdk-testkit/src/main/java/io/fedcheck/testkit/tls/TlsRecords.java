package io.fedcheck.testkit.tls;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;

/** Hand-made TLS records for endpoints that misbehave in ways JSSE will not. */
final class TlsRecords {
  static final int TLS10 = 0x0301;
  static final int TLS12 = 0x0303;
  private static final int TLS_RSA_WITH_AES_128_CBC_SHA = 0x002F;
  private static final SecureRandom RANDOM = new SecureRandom();

  private TlsRecords() {}

  /** A ServerHello record at {@code version} answering {@code hello}. */
  static byte[] serverHello(int version, ClientHello hello) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    u16(body, version);
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    random[31] = 0; // never the TLS 1.3 downgrade sentinel
    body.writeBytes(random);
    body.write(hello.sessionId().length);
    body.writeBytes(hello.sessionId());
    u16(body, version == TLS12 ? tls12Suite(hello.cipherSuites()) : TLS_RSA_WITH_AES_128_CBC_SHA);
    body.write(0); // null compression
    if (version == TLS12) {
      // renegotiation_info and extended_master_secret, as any modern TLS 1.2 server sends.
      u16(body, 9);
      u16(body, 0xFF01);
      u16(body, 1);
      body.write(0);
      u16(body, 0x0017);
      u16(body, 0);
    }
    return record(22, version, handshake(2, body.toByteArray()));
  }

  /** A fatal alert record. */
  static byte[] fatalAlert(int description) {
    return record(21, TLS12, new byte[] {2, (byte) description});
  }

  private static int tls12Suite(int[] offered) {
    for (int suite : offered) {
      // Skip TLS 1.3 suites (0x13xx) and signalling values (0x00FF, 0x5600).
      if ((suite >> 8) != 0x13 && suite != 0x00FF && suite != 0x5600) {
        return suite;
      }
    }
    return 0xC02F;
  }

  private static byte[] handshake(int type, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(type);
    out.write(body.length >> 16);
    u16(out, body.length & 0xFFFF);
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static byte[] record(int contentType, int version, byte[] fragment) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(contentType);
    u16(out, version);
    u16(out, fragment.length);
    out.writeBytes(fragment);
    return out.toByteArray();
  }

  private static void u16(ByteArrayOutputStream out, int value) {
    out.write((value >> 8) & 0xFF);
    out.write(value & 0xFF);
  }
}
