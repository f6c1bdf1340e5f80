package io.fedcheck.api.tls;

/**
 * The words every TLS backend uses when a server answers a ClientHello with something that is not
 * a TLS record (a plaintext SIP or HTTP service on the federation port), so the finding reads the
 * same whichever backend saw it.
 */
public final class PlaintextAnswer {
  private PlaintextAnswer() {}

  /**
   * Whether the first byte received cannot start a TLS record (content types 20 to 24).
   *
   * @param firstBytes the first bytes the server sent, possibly none
   * @return whether they are there and are not TLS
   */
  public static boolean isNotTls(byte[] firstBytes) {
    return firstBytes.length > 0 && (firstBytes[0] < 20 || firstBytes[0] > 24);
  }

  /**
   * The handshake failure's detail, with the first line of what was sent, made printable.
   *
   * @param firstBytes the first bytes the server sent
   * @return such as {@code server answered with plaintext, not TLS (first bytes "SIP/2.0 400 Bad")}
   */
  public static String describe(byte[] firstBytes) {
    StringBuilder text = new StringBuilder();
    for (byte b : firstBytes) {
      char c = (char) (b & 0xFF);
      if (c == '\r' || c == '\n') {
        if (text.length() > 0) {
          break;
        }
      } else {
        text.append(c >= 0x20 && c < 0x7F ? c : '.');
      }
    }
    return "server answered with plaintext, not TLS (first bytes \"" + text + "\")";
  }
}
