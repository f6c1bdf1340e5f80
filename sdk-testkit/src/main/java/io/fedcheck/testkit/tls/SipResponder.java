package io.fedcheck.testkit.tls;

import io.fedcheck.api.sip.SipHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The SIP side of a test endpoint after its handshake: reads one request (up to its blank line)
 * and answers it, echoing Via, From, To (with a tag), Call-ID and CSeq as RFC 3261 section 8.2.6
 * asks, so the probe sees its own transaction. Package-private; one call per connection.
 */
final class SipResponder {
  private static final int MAX_REQUEST = 64 * 1024;

  private SipResponder() {}

  /** The request text up to and including its blank line, or what came before EOF/the cap. */
  static String readRequest(InputStream in) throws IOException {
    StringBuilder text = new StringBuilder();
    int b;
    while (text.length() < MAX_REQUEST && (b = in.read()) >= 0) {
      text.append((char) b);
      int n = text.length();
      if (n >= 2 && text.charAt(n - 1) == '\n'
          && (text.charAt(n - 2) == '\n' || (n >= 4 && text.charAt(n - 2) == '\r' && text.charAt(n - 3) == '\n'))) {
        break;
      }
    }
    return text.toString();
  }

  /** A response to {@code request} with this status line and extra headers, Content-Length 0. */
  static String answer(String request, int status, String reason, List<Map.Entry<String, String>> headers) {
    StringBuilder out = new StringBuilder("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
    for (String name : List.of("via", "from", "to", "call-id", "cseq")) {
      for (String value : values(request, name)) {
        out.append(display(name)).append(": ").append(value);
        if (name.equals("to") && !value.contains(";tag=")) {
          out.append(";tag=lab").append(Integer.toHexString(value.hashCode()));
        }
        out.append("\r\n");
      }
    }
    for (Map.Entry<String, String> h : headers) {
      out.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    return out.append("Content-Length: 0\r\n\r\n").toString();
  }

  /** Writes {@code answer}'s bytes, one per {@code interval}, until done or {@code stop} says so. */
  static void drip(OutputStream out, byte[] answer, Duration interval, java.util.function.BooleanSupplier stop)
      throws IOException {
    for (byte b : answer) {
      if (stop.getAsBoolean()) {
        return;
      }
      out.write(b);
      out.flush();
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** A status line plus 80 KiB of headers with no blank line: more than the probe reads. */
  static byte[] oversized() {
    StringBuilder out = new StringBuilder("SIP/2.0 200 OK\r\n");
    while (out.length() < 80 * 1024) {
      out.append("X-Padding: ").append("p".repeat(100)).append("\r\n");
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }

  static final String HTTP_ANSWER = "HTTP/1.1 400 Bad Request\r\nServer: nginx\r\nContent-Type: text/html\r\n"
      + "Content-Length: 11\r\nConnection: close\r\n\r\nBad Request";

  /** The values of header {@code name} (full or compact form) in {@code request}, in order. */
  static List<String> values(String request, String name) {
    List<String> found = new java.util.ArrayList<>();
    String[] lines = request.split("\r?\n");
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      int colon = SipHeaders.colon(line, 0, line.length());
      if (colon > 0 && SipHeaders.canonicalName(line.substring(0, SipHeaders.nameEnd(line, 0, colon))).equals(name)) {
        found.add(line.substring(colon + 1).strip());
      }
    }
    return found;
  }

  private static String display(String name) {
    return switch (name) {
      case "via" -> "Via";
      case "from" -> "From";
      case "to" -> "To";
      case "call-id" -> "Call-ID";
      default -> "CSeq";
    };
  }

  /** Renders a custom answer: the function gets the request text and returns the bytes to send. */
  static byte[] custom(Function<String, byte[]> answer, String request) {
    byte[] bytes = answer.apply(request);
    return bytes == null ? new byte[0] : bytes;
  }
}
