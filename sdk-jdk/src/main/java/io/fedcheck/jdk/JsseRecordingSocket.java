package io.fedcheck.jdk;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * A plain socket that counts the bytes the server sent and keeps the first few, so a failure can
 * be explained ("sent nothing", "sent 3 bytes", "answered with plaintext: SIP/2.0 400"). JSSE is
 * layered over it and reads through {@link #getInputStream()}.
 */
final class JsseRecordingSocket extends Socket {
  private static final int KEEP = 48;
  private final byte[] first = new byte[KEEP];
  private volatile int received;
  private InputStream input;

  @Override
  public synchronized InputStream getInputStream() throws IOException {
    if (input == null) {
      input = new FilterInputStream(super.getInputStream()) {
        @Override
        public int read() throws IOException {
          int b = super.read();
          if (b >= 0) {
            keep(new byte[] {(byte) b}, 0, 1);
          }
          return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          int n = super.read(buffer, offset, length);
          if (n > 0) {
            keep(buffer, offset, n);
          }
          return n;
        }
      };
    }
    return input;
  }

  private void keep(byte[] buffer, int offset, int length) {
    int had = received;
    if (had < KEEP) {
      System.arraycopy(buffer, offset, first, had, Math.min(length, KEEP - had));
    }
    received = had + length;
  }

  /** How many bytes the server sent. */
  int received() {
    return received;
  }

  /** The first bytes the server sent (at most 48). */
  byte[] firstBytes() {
    int n = Math.min(received, KEEP);
    byte[] copy = new byte[n];
    System.arraycopy(first, 0, copy, 0, n);
    return copy;
  }
}
