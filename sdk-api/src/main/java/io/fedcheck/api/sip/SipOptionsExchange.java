package io.fedcheck.api.sip;

import io.fedcheck.api.SipExchange;
import io.fedcheck.api.SipOutcome;
import io.fedcheck.api.SipProbe;
import io.fedcheck.api.TlsProbe;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The SIP {@code OPTIONS} codec every inspector shares: it builds the request for one probe,
 * frames the answer as bytes arrive and parses it into a {@link SipExchange}. Inspectors only move
 * bytes: write {@link #request()}, hand every chunk read to {@link #received(ByteBuffer)} until it
 * returns {@code true}, then call {@link #finish}; on close, deadline or a transport error call
 * {@link #finish} with that end. Pure (no I/O, no clock); one instance per probe, not thread-safe.
 *
 * <p>Framing follows RFC 3261 section 7 for a stream transport: CRLFs before a message are
 * skipped, lines end in CRLF or a bare LF, a line starting with a space or tab continues the
 * previous header, compact names count ({@code l:} is {@code Content-Length}), and a message ends
 * after its header section plus {@code Content-Length} body bytes. Provisional (1xx) answers,
 * answers to another Call-ID or CSeq and requests from the peer are skipped; the first final
 * answer to our request ends the exchange as soon as its header section is complete (its body is
 * not needed, so a hostile {@code Content-Length} cannot hold the probe). Bytes that cannot begin
 * a SIP message (an HTTP answer, a TLS record, NUL) end it at once as {@link SipOutcome#NOT_SIP}.
 *
 * <p>It lives in {@code sdk-api} because the backends depend on the API only; {@code sdk-core}'s
 * explainer reuses its header grammar ({@link SipHeaders}).
 */
public final class SipOptionsExchange {
  /** The most bytes of an answer that are read; the rest is ignored. */
  public static final int MAX_RESPONSE_BYTES = 64 * 1024;

  /** The longest first line taken as a SIP start line. */
  static final int MAX_START_LINE = 1024;
  /** Kept header values are cut to this many characters, and at most this many kept per name. */
  static final int MAX_VALUE = 2048;
  static final int MAX_VALUES_PER_HEADER = 16;
  static final int MAX_EXCERPT = 512;

  /** The headers a report keeps, by lower-case full name. */
  static final Set<String> KEPT = Set.of(
      "server", "user-agent", "allow", "supported", "ms-diagnostics", "ms-diagnostics-public");

  private static final byte[] SIP_VERSION = "SIP/2.0 ".getBytes(StandardCharsets.US_ASCII);
  private static final RandomGenerator RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  /** Why reading stopped. */
  public enum ReadEnd {
    /** {@link #received} returned {@code true}: a whole message (or the cap, or clearly not SIP). */
    ANSWER_COMPLETE,
    /** The peer closed the connection (EOF, close_notify, or a reset). */
    PEER_CLOSED,
    /** The probe's deadline passed. */
    DEADLINE,
    /**
     * A transport error after the handshake other than a close or reset (a TLS alert, a record
     * that does not decrypt); the detail says which. Without a SIP answer it counts as {@link
     * SipOutcome#NOT_SIP}: the bytes that came were not SIP.
     */
    TRANSPORT_ERROR
  }

  private final String callId;
  private final String requestText;
  private final byte[] requestBytes;

  // Grown on demand up to the cap: most answers are a few hundred bytes, and audits run many probes.
  private byte[] buf = new byte[1024];
  private int len;
  private boolean stop;

  // The message being framed: where it starts, its first line end and header section end (-1
  // while unknown), and how far the line scanner got, so feeding byte by byte stays linear.
  private int msgStart;
  private int firstLineEnd = -1;
  private int headersEnd = -1;
  private int scanned;
  private int lineStart;
  private long skipTo = -1; // the end of a skipped message's body, which may lie past the cap

  private Parsed finalAnswer;
  private Parsed provisional;
  private String notSip;
  private String skipped; // what was skipped that was not ours, for the detail
  private String stopReason;

  /** A parsed start line plus headers. */
  private record Parsed(int status, String reason, Map<String, List<String>> kept) {}

  private SipOptionsExchange(TlsProbe probe, InetSocketAddress local, RandomGenerator random) {
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(local, "local");
    SipProbe sip = probe.sipIfSet().orElseThrow(
        () -> new IllegalArgumentException("the probe asks for no SIP exchange"));
    String host = host(local);
    String target = probe.serverName();
    String from = sip.fromDomain();
    this.callId = hex(random, 16) + "@" + from;
    String crlf = "\r\n";
    this.requestText = "OPTIONS sip:" + target + ":" + probe.port() + ";transport=tls SIP/2.0" + crlf
        + "Via: SIP/2.0/TLS " + host + ":" + local.getPort() + ";branch=z9hG4bK" + hex(random, 12) + crlf
        + "Max-Forwards: 70" + crlf
        + "From: <sip:fedcheck@" + from + ">;tag=" + hex(random, 8) + crlf
        + "To: <sip:" + target + ">" + crlf
        + "Call-ID: " + callId + crlf
        + "CSeq: 1 OPTIONS" + crlf
        + "Contact: <sip:fedcheck@" + host + ":" + local.getPort() + ";transport=tls>" + crlf
        + "Accept: application/sdp" + crlf
        + "User-Agent: " + sip.userAgent() + crlf
        + "Content-Length: 0" + crlf
        + crlf;
    this.requestBytes = requestText.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Starts the exchange for {@code probe}, whose {@link TlsProbe#sip()} must be set; {@code local}
   * is the connection's local address (for {@code Via} and {@code Contact}).
   *
   * @param probe the probe, with its SIP probe set
   * @param local the connection's local address
   * @return a new exchange, with its request built
   */
  public static SipOptionsExchange start(TlsProbe probe, InetSocketAddress local) {
    return new SipOptionsExchange(probe, local, RANDOM);
  }

  /** As {@link #start(TlsProbe, InetSocketAddress)}, with the branch, tag and Call-ID drawn from {@code random}. */
  static SipOptionsExchange start(TlsProbe probe, InetSocketAddress local, RandomGenerator random) {
    return new SipOptionsExchange(probe, local, random);
  }

  /**
   * The request bytes to write, once.
   *
   * @return a copy of the request, US-ASCII
   */
  public byte[] request() {
    return requestBytes.clone();
  }

  /**
   * The Call-ID of the request (an answer with another one is not ours).
   *
   * @return the request's Call-ID
   */
  public String callId() {
    return callId;
  }

  /**
   * Feeds bytes read from the connection (consumed from {@code chunk}); returns {@code true} when
   * reading should stop: a whole message has arrived, the cap is reached, or the bytes cannot be SIP.
   *
   * @param chunk the bytes read; all are consumed, and those past {@link #MAX_RESPONSE_BYTES} ignored
   * @return {@code true} when reading should stop
   */
  public boolean received(ByteBuffer chunk) {
    int n = Math.min(chunk.remaining(), MAX_RESPONSE_BYTES - len);
    if (len + n > buf.length) {
      buf = java.util.Arrays.copyOf(buf, Math.min(MAX_RESPONSE_BYTES, Math.max(buf.length * 2, len + n)));
    }
    chunk.get(buf, len, n);
    chunk.position(chunk.limit()); // past the cap is ignored
    len += n;
    if (!stop) {
      frame();
    }
    if (!stop && len == MAX_RESPONSE_BYTES) {
      stop = true;
      if (finalAnswer == null && provisional == null && notSip == null) {
        notSip = firstLineEnd < 0 ? "no line end in the first 64 KiB"
            : headersEnd < 0 ? "no end of the header section within 64 KiB" : null;
      }
      stopReason = "the answer reached the 64 KiB read limit";
    }
    return stop;
  }

  /**
   * The exchange, now that reading has ended as {@code end}; {@code detail} may be empty.
   *
   * @param end why reading stopped
   * @param detail the transport's words about the end, or empty or {@code null}
   * @param elapsed from sending the request to the end of reading
   * @return what happened, parsed from the bytes received
   */
  public SipExchange finish(ReadEnd end, String detail, Duration elapsed) {
    Objects.requireNonNull(end, "end");
    String why = detail == null ? "" : detail.strip();
    String excerpt = excerpt();
    if (finalAnswer != null) {
      return new SipExchange(SipOutcome.RESPONDED, finalAnswer.status(), finalAnswer.reason(),
          finalAnswer.kept(), requestText, excerpt, "", elapsed);
    }
    if (provisional != null) {
      String words = "only a provisional " + provisional.status() + " answer: " + endWords(end, why);
      return new SipExchange(SipOutcome.RESPONDED, provisional.status(), provisional.reason(),
          provisional.kept(), requestText, excerpt, words, elapsed);
    }
    if (notSip != null) {
      return exchange(SipOutcome.NOT_SIP, notSip, excerpt, elapsed);
    }
    SipOutcome outcome = switch (end) {
      case TRANSPORT_ERROR -> SipOutcome.NOT_SIP;
      case PEER_CLOSED -> SipOutcome.CLOSED;
      case DEADLINE, ANSWER_COMPLETE -> SipOutcome.NO_RESPONSE;
    };
    String words = endWords(end, why);
    if (len > 0 && outcome != SipOutcome.NOT_SIP) {
      words += " (after " + len + " bytes of an incomplete answer)";
    }
    if (skipped != null) {
      words += "; skipped " + skipped;
    }
    if (stopReason != null) {
      words += "; " + stopReason;
    }
    return exchange(outcome, words, excerpt, elapsed);
  }

  private SipExchange exchange(SipOutcome outcome, String detail, String excerpt, Duration elapsed) {
    return new SipExchange(outcome, 0, "", Map.of(), requestText, excerpt, detail, elapsed);
  }

  private static String endWords(ReadEnd end, String detail) {
    String base = switch (end) {
      case PEER_CLOSED -> "the peer closed the connection";
      case DEADLINE -> "no answer before the deadline";
      case TRANSPORT_ERROR -> "transport error after the handshake";
      case ANSWER_COMPLETE -> "reading stopped";
    };
    return detail.isEmpty() ? base : base + ": " + detail;
  }

  // ---------------------------------------------------------------------------------------------
  // Framing

  private void frame() {
    while (!stop) {
      if (skipTo >= 0) {
        if (skipTo > len) {
          return; // the skipped body is still arriving
        }
        beginMessage((int) skipTo);
      }
      if (firstLineEnd < 0) {
        // CRLFs before a start line are keep-alives (RFC 5626) or padding: skip them.
        while (msgStart < len && (buf[msgStart] == '\r' || buf[msgStart] == '\n')) {
          msgStart++;
        }
        scanned = Math.max(scanned, msgStart);
        lineStart = Math.max(lineStart, msgStart);
        String bad = notAStart();
        if (bad != null) {
          notSip = bad;
          stop = true;
          return;
        }
      }
      if (!scanLines()) {
        if (firstLineEnd < 0 && len - msgStart > MAX_START_LINE) {
          notSip = "no line end in the first " + MAX_START_LINE + " bytes";
          stop = true;
        }
        return;
      }
      message();
    }
  }

  private void beginMessage(int at) {
    msgStart = at;
    scanned = at;
    lineStart = at;
    firstLineEnd = -1;
    headersEnd = -1;
    skipTo = -1;
  }

  /**
   * Why the bytes at the message start cannot begin a SIP message, or null while they still can:
   * a prefix of {@code SIP/2.0 } (a status line) or of a request line's method token.
   */
  private String notAStart() {
    int avail = len - msgStart;
    if (avail == 0) {
      return null;
    }
    int k = Math.min(avail, SIP_VERSION.length);
    boolean sipPrefix = true;
    for (int i = 0; i < k; i++) {
      if (buf[msgStart + i] != SIP_VERSION[i]) {
        sipPrefix = false;
        break;
      }
    }
    if (sipPrefix) {
      return null;
    }
    byte first = buf[msgStart];
    if (first == 0x14 || first == 0x15 || first == 0x16 || first == 0x17) {
      return "a TLS record inside the TLS session, not a SIP answer";
    }
    if (startsWith("HTTP/")) {
      return "an HTTP answer, not SIP: " + printable(msgStart, Math.min(len, msgStart + 40)).split("\n", 2)[0];
    }
    // A request from the peer starts with a method token and a space.
    for (int i = msgStart; i < len && i - msgStart <= 32; i++) {
      byte b = buf[i];
      if (b == ' ' && i > msgStart) {
        return null;
      }
      if (b < 'A' || b > 'Z') {
        return "bytes that do not start a SIP message: " + firstWords();
      }
    }
    return len - msgStart > 32 ? "bytes that do not start a SIP message: " + firstWords() : null;
  }

  private boolean startsWith(String ascii) {
    if (len - msgStart < ascii.length()) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (buf[msgStart + i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private String firstWords() {
    return "\"" + printable(msgStart, Math.min(len, msgStart + 24)).replace('\n', ' ') + "\"";
  }

  /** Moves the line scanner on; true once the header section of the current message is complete. */
  private boolean scanLines() {
    while (scanned < len) {
      if (buf[scanned] == '\n') {
        int end = scanned > lineStart && buf[scanned - 1] == '\r' ? scanned - 1 : scanned;
        if (firstLineEnd < 0) {
          firstLineEnd = end;
        } else if (end == lineStart) {
          headersEnd = scanned + 1;
          scanned++;
          lineStart = scanned;
          return true;
        }
        lineStart = scanned + 1;
      }
      scanned++;
    }
    return false;
  }

  /** Parses the complete header section of the current message and decides what it is. */
  private void message() {
    if (firstLineEnd - msgStart > MAX_START_LINE) {
      // The same verdict whether the line end came in this chunk or later: framing must not
      // depend on how the bytes were split.
      notSip = "no line end in the first " + MAX_START_LINE + " bytes";
      stop = true;
      return;
    }
    String text = new String(buf, msgStart, headersEnd - msgStart, StandardCharsets.ISO_8859_1);
    int firstEnd = firstLineEnd - msgStart;
    String first = text.substring(0, firstEnd);
    Fields fields = fields(text, nextLine(text, firstEnd));
    long contentLength = fields.contentLength();
    if (first.startsWith("SIP/2.0 ")) {
      int status = status(first);
      if (status < 0) {
        notSip = "a malformed SIP status line: \"" + clean(first, 80) + "\"";
        stop = true;
        return;
      }
      String reason = clean(first.length() > 12 ? first.substring(12) : "", 256);
      boolean ours = (fields.callId() == null || fields.callId().equals(callId))
          && (fields.cseq() == null || fields.cseq().matches("0*1[ \t]+OPTIONS"));
      if (ours && status >= 200) {
        finalAnswer = new Parsed(status, reason, fields.kept());
        stop = true;
        return;
      }
      if (ours) {
        provisional = new Parsed(status, reason, fields.kept());
      } else {
        skipped = "an answer " + status + " to another request (Call-ID "
            + clean(String.valueOf(fields.callId()), 80) + ", CSeq " + clean(String.valueOf(fields.cseq()), 40) + ")";
      }
    } else if (first.endsWith(" SIP/2.0") && first.indexOf(' ') > 0) {
      skipped = "a " + clean(first.substring(0, first.indexOf(' ')), 32) + " request from the peer";
    } else {
      notSip = "a first line that is not a SIP start line: \"" + clean(first, 80) + "\"";
      stop = true;
      return;
    }
    if (contentLength < 0) {
      stopReason = "a Content-Length that cannot be read";
      stop = true;
      return;
    }
    long bodyEnd = headersEnd + contentLength;
    skipTo = bodyEnd < 0 ? Long.MAX_VALUE : bodyEnd; // overflow: the body never ends within the cap
    firstLineEnd = -1;
  }

  /** The status code of {@code SIP/2.0 NNN[ reason]}, or -1. */
  private static int status(String line) {
    if (line.length() < 11 || (line.length() > 11 && line.charAt(11) != ' ')) {
      return -1;
    }
    int code = 0;
    for (int i = 8; i < 11; i++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      code = code * 10 + (c - '0');
    }
    return code >= 100 && code <= 699 ? code : -1;
  }

  private record Fields(Map<String, List<String>> kept, String callId, String cseq, long contentLength) {}

  /**
   * The header fields of {@code text} from {@code from} on (lines ending in LF or CRLF, folded
   * lines joined with a space): the kept ones, Call-ID, CSeq and Content-Length (0 when absent,
   * -1 when unreadable, {@code Long.MAX_VALUE} when too large).
   */
  static Fields fields(String text, int from) {
    Map<String, List<String>> kept = new LinkedHashMap<>();
    String callId = null;
    String cseq = null;
    long contentLength = 0;
    List<String[]> all = new ArrayList<>();
    int line = from;
    while (line < text.length()) {
      int eol = text.indexOf('\n', line);
      eol = eol < 0 ? text.length() : eol;
      int end = eol > line && text.charAt(eol - 1) == '\r' ? eol - 1 : eol;
      if (end > line) {
        char c = text.charAt(line);
        if ((c == ' ' || c == '\t') && !all.isEmpty()) {
          String[] last = all.get(all.size() - 1);
          if (last[1].length() < MAX_VALUE) {
            last[1] = last[1] + " " + text.substring(line, Math.min(end, line + MAX_VALUE)).strip();
          }
        } else {
          int colon = SipHeaders.colon(text, line, end);
          if (colon > 0) {
            String name = SipHeaders.canonicalName(text.substring(line, SipHeaders.nameEnd(text, line, colon)));
            all.add(new String[] {name, text.substring(colon + 1, Math.min(end, colon + 1 + MAX_VALUE)).strip()});
          }
          // A line that is no header field is ignored: the answer is still read for what it says.
        }
      }
      line = eol + 1;
    }
    for (String[] f : all) {
      String name = f[0];
      String value = f[1];
      switch (name) {
        case "call-id" -> callId = callId == null ? value : callId;
        case "cseq" -> cseq = cseq == null ? value : cseq;
        case "content-length" -> contentLength = contentLength(value);
        default -> {
          if (KEPT.contains(name)) {
            List<String> values = kept.computeIfAbsent(name, k -> new ArrayList<>());
            if (values.size() < MAX_VALUES_PER_HEADER) {
              values.add(clean(value, MAX_VALUE));
            }
          }
        }
      }
    }
    return new Fields(kept, callId, cseq, contentLength);
  }

  private static long contentLength(String value) {
    if (value.isEmpty() || value.length() > 40 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    String digits = value.replaceFirst("^0+(?=.)", "");
    return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
  }

  private static int nextLine(String text, int firstEnd) {
    int lf = text.indexOf('\n', firstEnd);
    return lf < 0 ? text.length() : lf + 1;
  }

  // ---------------------------------------------------------------------------------------------
  // Text for the report

  private String excerpt() {
    return printable(0, Math.min(len, MAX_EXCERPT));
  }

  /** Bytes as text for a report: ISO-8859-1 printable, CR dropped, LF and tab kept, others as '.'. */
  private String printable(int from, int to) {
    StringBuilder out = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      int b = buf[i] & 0xff;
      if (b == '\r') {
        continue;
      }
      out.append(b == '\n' || b == '\t' || (b >= 0x20 && b < 0x7f) ? (char) b : '.');
    }
    return out.toString();
  }

  /** A header value or reason as printable text of at most {@code max} characters. */
  static String clean(String s, int max) {
    StringBuilder out = new StringBuilder(Math.min(s.length(), max));
    for (int i = 0; i < s.length() && out.length() < max; i++) {
      char c = s.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '.');
    }
    return out.toString();
  }

  private static String host(InetSocketAddress local) {
    InetAddress a = local.getAddress();
    if (a == null) {
      return local.getHostString();
    }
    String h = a.getHostAddress();
    int scope = h.indexOf('%');
    h = scope >= 0 ? h.substring(0, scope) : h;
    return a instanceof Inet6Address ? "[" + h + "]" : h;
  }

  private static String hex(RandomGenerator random, int bytes) {
    byte[] b = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      b[i] = (byte) random.nextInt(256);
    }
    return HEX.formatHex(b);
  }
}
