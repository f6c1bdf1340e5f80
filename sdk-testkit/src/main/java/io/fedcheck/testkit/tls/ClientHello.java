package io.fedcheck.testkit.tls;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The parts of a TLS ClientHello an endpoint needs: the SNI host name, the session id and cipher
 * suites (to forge a ServerHello), and the raw bytes read, which are replayed into JSSE.
 */
record ClientHello(byte[] consumed, byte[] sessionId, int[] cipherSuites, String serverName) {
  private static final int MAX_MESSAGE = 1 << 17;

  /** Thrown when the peer's first bytes are not a TLS handshake record. */
  static final class NotTlsException extends IOException {
    NotTlsException(String message) {
      super(message);
    }
  }

  /** Reads one ClientHello, however many records it spans. */
  static ClientHello read(InputStream in) throws IOException {
    ByteArrayOutputStream consumed = new ByteArrayOutputStream();
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    while (true) {
      byte[] header = readFully(in, 5);
      consumed.write(header);
      if (header[0] != 22) {
        throw new NotTlsException("first record is not a handshake record: type " + header[0]);
      }
      int length = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
      byte[] fragment = readFully(in, length);
      consumed.write(fragment);
      message.write(fragment);
      byte[] m = message.toByteArray();
      if (m.length >= 4) {
        if (m[0] != 1) {
          throw new NotTlsException("first handshake message is not a ClientHello: type " + m[0]);
        }
        int messageLength = ((m[1] & 0xFF) << 16) | ((m[2] & 0xFF) << 8) | (m[3] & 0xFF);
        if (messageLength > MAX_MESSAGE) {
          throw new NotTlsException("ClientHello too large: " + messageLength);
        }
        if (m.length >= 4 + messageLength) {
          return parse(consumed.toByteArray(), ByteBuffer.wrap(m, 4, messageLength).slice());
        }
      }
    }
  }

  private static ClientHello parse(byte[] consumed, ByteBuffer body) throws NotTlsException {
    try {
      body.getShort(); // legacy_version
      body.position(body.position() + 32); // random
      byte[] sessionId = new byte[body.get() & 0xFF];
      body.get(sessionId);
      int[] suites = new int[(body.getShort() & 0xFFFF) / 2];
      for (int i = 0; i < suites.length; i++) {
        suites[i] = body.getShort() & 0xFFFF;
      }
      int compressionMethods = body.get() & 0xFF;
      body.position(body.position() + compressionMethods);
      String serverName = "";
      if (body.remaining() >= 2) {
        int end = (body.getShort() & 0xFFFF) + body.position();
        while (body.position() + 4 <= end) {
          int type = body.getShort() & 0xFFFF;
          int length = body.getShort() & 0xFFFF;
          int next = body.position() + length;
          if (type == 0 && length > 5) {
            body.getShort(); // server_name_list length
            if (body.get() == 0) { // host_name
              byte[] name = new byte[body.getShort() & 0xFFFF];
              body.get(name);
              serverName = new String(name, StandardCharsets.US_ASCII);
            }
          }
          body.position(next);
        }
      }
      return new ClientHello(consumed, sessionId, suites, serverName);
    } catch (RuntimeException e) {
      throw new NotTlsException("malformed ClientHello: " + e);
    }
  }

  private static byte[] readFully(InputStream in, int length) throws IOException {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length < length) {
      throw new EOFException("peer closed after " + bytes.length + " of " + length + " bytes");
    }
    return bytes;
  }
}
