package io.fedcheck.api.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.SipExchange;
import io.fedcheck.api.SipOutcome;
import io.fedcheck.api.SipProbe;
import io.fedcheck.api.TlsProbe;
import io.fedcheck.api.sip.SipOptionsExchange.ReadEnd;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SipOptionsExchangeTest {
  private static final Duration T = Duration.ofMillis(5);

  private static TlsProbe probe() throws Exception {
    return new TlsProbe("sip.example.com", InetAddress.getByName("192.0.2.10"), 5061,
        Duration.ofSeconds(5), new SipProbe("vendor.example", "fedcheck/0.1.0"));
  }

  private static SipOptionsExchange exchange() throws Exception {
    return SipOptionsExchange.start(probe(), new InetSocketAddress(InetAddress.getByName("10.0.0.7"), 40001),
        new Random(7));
  }

  /** An answer to {@code x}'s request, with {@code extra} header lines. */
  private static String answer(SipOptionsExchange x, String statusLine, String... extra) {
    StringBuilder s = new StringBuilder(statusLine).append("\r\n")
        .append("Via: SIP/2.0/TLS 10.0.0.7:40001;branch=z9hG4bKx\r\n")
        .append("Call-ID: ").append(x.callId()).append("\r\n")
        .append("CSeq: 1 OPTIONS\r\n");
    for (String e : extra) {
      s.append(e).append("\r\n");
    }
    return s.append("Content-Length: 0\r\n\r\n").toString();
  }

  private static boolean feed(SipOptionsExchange x, String text) {
    return x.received(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
  }

  @Test
  void requestIsAWellFormedOptionsThatIdentifiesUs() throws Exception {
    SipOptionsExchange x = exchange();
    String r = new String(x.request(), StandardCharsets.US_ASCII);
    List<String> lines = List.of(r.split("\r\n", -1));
    assertEquals("OPTIONS sip:sip.example.com:5061;transport=tls SIP/2.0", lines.get(0));
    assertTrue(lines.get(1).matches("Via: SIP/2\\.0/TLS 10\\.0\\.0\\.7:40001;branch=z9hG4bK[0-9a-f]{24}"), lines.get(1));
    assertTrue(lines.contains("Max-Forwards: 70"));
    assertTrue(r.matches("(?s).*\r\nFrom: <sip:fedcheck@vendor\\.example>;tag=[0-9a-f]{16}\r\n.*"), r);
    assertTrue(lines.contains("To: <sip:sip.example.com>"));
    assertTrue(lines.contains("Call-ID: " + x.callId()));
    assertTrue(x.callId().matches("[0-9a-f]{32}@vendor\\.example"));
    assertTrue(lines.contains("CSeq: 1 OPTIONS"));
    assertTrue(lines.contains("Contact: <sip:fedcheck@10.0.0.7:40001;transport=tls>"));
    assertTrue(lines.contains("Accept: application/sdp"));
    assertTrue(lines.contains("User-Agent: fedcheck/0.1.0"));
    assertTrue(r.endsWith("Content-Length: 0\r\n\r\n"), r);
  }

  @Test
  void eachExchangeDrawsItsOwnIdentifiers() throws Exception {
    TlsProbe p = probe();
    InetSocketAddress local = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1);
    assertNotEquals(SipOptionsExchange.start(p, local).callId(), SipOptionsExchange.start(p, local).callId());
  }

  @Test
  void ipv6LocalAddressIsBracketed() throws Exception {
    SipOptionsExchange x = SipOptionsExchange.start(probe(),
        new InetSocketAddress(InetAddress.getByName("::1"), 5062), new Random(1));
    String r = new String(x.request(), StandardCharsets.US_ASCII);
    assertTrue(r.contains("Via: SIP/2.0/TLS [0:0:0:0:0:0:0:1]:5062;"), r);
  }

  @Test
  void probeWithoutSipIsRefused() throws Exception {
    TlsProbe p = new TlsProbe("a.example", InetAddress.getLoopbackAddress(), 5061, Duration.ofSeconds(1));
    assertThrows(IllegalArgumentException.class,
        () -> SipOptionsExchange.start(p, new InetSocketAddress(InetAddress.getLoopbackAddress(), 1)));
  }

  @Test
  void fromDomainMustBeAHostName() {
    assertThrows(IllegalArgumentException.class, () -> new SipProbe("evil>;x=1", "fedcheck/1"));
    assertThrows(IllegalArgumentException.class, () -> new SipProbe("a..b", "fedcheck/1"));
    assertEquals("vendor.example", new SipProbe("Vendor.Example.", "fedcheck/1").fromDomain());
  }

  @Test
  void a200AnswerIsParsedWithTheKeptHeaders() throws Exception {
    SipOptionsExchange x = exchange();
    assertTrue(feed(x, answer(x, "SIP/2.0 200 OK", "Server: TANDBERG/4132 (X14.2)",
        "Allow: INVITE,ACK,CANCEL,OPTIONS,BYE", "Supported: replaces,timer", "X-Other: dropped")));
    SipExchange e = x.finish(ReadEnd.ANSWER_COMPLETE, "", T);
    assertEquals(SipOutcome.RESPONDED, e.outcome());
    assertEquals(200, e.statusCode());
    assertEquals("OK", e.reason());
    assertEquals("TANDBERG/4132 (X14.2)", e.header("server").orElseThrow());
    assertEquals("INVITE,ACK,CANCEL,OPTIONS,BYE", e.header("allow").orElseThrow());
    assertEquals("replaces,timer", e.header("supported").orElseThrow());
    assertFalse(e.headers().containsKey("x-other"));
    assertTrue(e.request().startsWith("OPTIONS sip:"));
    assertTrue(e.excerpt().startsWith("SIP/2.0 200 OK\nVia:"), e.excerpt());
  }

  @Test
  void foldedHeadersCompactFormsAndBareLineFeeds() throws Exception {
    SipOptionsExchange x = exchange();
    String text = "\r\n\r\nSIP/2.0 403 Forbidden\n"
        + "i: " + x.callId() + "\n"
        + "CSeq : 1 OPTIONS\n"
        + "k: ms-dialog-route-set-update\n"
        + "ms-diagnostics: 1034;reason=\"Previous hop federated peer did not report diagnostic\n"
        + "\tinformation\";Domain=\"example.com\"\n"
        + "ms-diagnostics: 2;reason=\"second\"\n"
        + "User-Agent: RTC/6.0\n"
        + "l: 5\n\nhello";
    assertTrue(feed(x, text));
    SipExchange e = x.finish(ReadEnd.ANSWER_COMPLETE, "", T);
    assertEquals(403, e.statusCode());
    assertEquals("Forbidden", e.reason());
    assertEquals("ms-dialog-route-set-update", e.header("supported").orElseThrow());
    assertEquals(List.of("1034;reason=\"Previous hop federated peer did not report diagnostic information\";"
        + "Domain=\"example.com\"", "2;reason=\"second\""), e.headers().get("ms-diagnostics"));
    assertEquals("RTC/6.0", e.header("user-agent").orElseThrow());
  }

  @Test
  void answerSplitAcrossManyChunksCompletesOnItsLastByte() throws Exception {
    SipOptionsExchange x = exchange();
    byte[] a = answer(x, "SIP/2.0 486 Busy Here").getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < a.length - 1; i++) {
      assertFalse(x.received(ByteBuffer.wrap(a, i, 1)), "stopped early at byte " + i);
    }
    assertTrue(x.received(ByteBuffer.wrap(a, a.length - 1, 1)));
    assertEquals(486, x.finish(ReadEnd.ANSWER_COMPLETE, "", T).statusCode());
  }

  @Test
  void provisionalAnswersAreSkippedUntilTheFinalOne() throws Exception {
    SipOptionsExchange x = exchange();
    assertFalse(feed(x, answer(x, "SIP/2.0 100 Trying")));
    assertTrue(feed(x, answer(x, "SIP/2.0 200 OK")));
    assertEquals(200, x.finish(ReadEnd.ANSWER_COMPLETE, "", T).statusCode());
  }

  @Test
  void provisionalThenSilenceStillShowsSipIsSpoken() throws Exception {
    SipOptionsExchange x = exchange();
    assertFalse(feed(x, answer(x, "SIP/2.0 100 Trying")));
    SipExchange e = x.finish(ReadEnd.DEADLINE, "", T);
    assertEquals(SipOutcome.RESPONDED, e.outcome());
    assertEquals(100, e.statusCode());
    assertTrue(e.detail().contains("provisional"), e.detail());
  }

  @Test
  void answerToAnotherCallIdIsNotOurs() throws Exception {
    SipOptionsExchange x = exchange();
    String other = "SIP/2.0 200 OK\r\nCall-ID: someone-else\r\nCSeq: 1 OPTIONS\r\nl: 3\r\n\r\nabc";
    assertFalse(feed(x, other));
    SipExchange e = x.finish(ReadEnd.DEADLINE, "", T);
    assertEquals(SipOutcome.NO_RESPONSE, e.outcome());
    assertTrue(e.detail().contains("another request"), e.detail());
  }

  @Test
  void answerToAnotherCSeqIsNotOursButTheNextOneIs() throws Exception {
    SipOptionsExchange x = exchange();
    String other = "SIP/2.0 200 OK\r\nCall-ID: " + x.callId() + "\r\nCSeq: 2 INVITE\r\nContent-Length: 2\r\n\r\nxy";
    assertFalse(feed(x, other + answer(x, "SIP/2.0 404 Not Found").substring(0, 10)));
    assertTrue(feed(x, answer(x, "SIP/2.0 404 Not Found").substring(10)));
    assertEquals(404, x.finish(ReadEnd.ANSWER_COMPLETE, "", T).statusCode());
  }

  @Test
  void requestFromThePeerIsSkipped() throws Exception {
    SipOptionsExchange x = exchange();
    assertFalse(feed(x, "OPTIONS sip:fedcheck@10.0.0.7 SIP/2.0\r\nCall-ID: z\r\nContent-Length: 0\r\n\r\n"));
    assertTrue(feed(x, answer(x, "SIP/2.0 200 OK")));
    assertEquals(SipOutcome.RESPONDED, x.finish(ReadEnd.ANSWER_COMPLETE, "", T).outcome());
  }

  @Test
  void httpAnswerIsNotSipAtOnce() throws Exception {
    SipOptionsExchange x = exchange();
    assertTrue(feed(x, "HTTP/1.1 400 Bad Request\r\n"));
    SipExchange e = x.finish(ReadEnd.ANSWER_COMPLETE, "", T);
    assertEquals(SipOutcome.NOT_SIP, e.outcome());
    assertTrue(e.detail().contains("HTTP"), e.detail());
    assertEquals(0, e.statusCode());
  }

  @Test
  void httpIsRecognisedEvenByteByByte() throws Exception {
    SipOptionsExchange x = exchange();
    assertFalse(feed(x, "H"));
    assertFalse(feed(x, "TTP"));
    assertTrue(feed(x, "/1.0"));
    assertEquals(SipOutcome.NOT_SIP, x.finish(ReadEnd.ANSWER_COMPLETE, "", T).outcome());
  }

  @Test
  void garbageAndNulBytesAreNotSip() throws Exception {
    for (String bad : List.of("\u0000\u0000\u0000", "hello", "SIP/2.1 200 OK\r\n", "<html>", "\u0015\u0003\u0003")) {
      SipOptionsExchange x = exchange();
      assertTrue(feed(x, bad), bad);
      assertEquals(SipOutcome.NOT_SIP, x.finish(ReadEnd.ANSWER_COMPLETE, "", T).outcome(), bad);
    }
  }

  @Test
  void malformedStatusLinesAreNotSip() throws Exception {
    for (String bad : List.of("SIP/2.0 99 Low\r\n", "SIP/2.0 700 High\r\n", "SIP/2.0 2x0 OK\r\n", "SIP/2.0 2000 OK\r\n")) {
      SipOptionsExchange x = exchange();
      assertFalse(feed(x, bad), bad); // the status line is judged with its header section
      assertTrue(feed(x, "\r\n"), bad);
      assertEquals(SipOutcome.NOT_SIP, x.finish(ReadEnd.ANSWER_COMPLETE, "", T).outcome(), bad);
    }
  }

  @Test
  void statusLineWithoutLineEndIsNotSip() throws Exception {
    SipOptionsExchange x = exchange();
    assertTrue(feed(x, "SIP/2.0 200 " + "O".repeat(2000)));
    SipExchange e = x.finish(ReadEnd.ANSWER_COMPLETE, "", T);
    assertEquals(SipOutcome.NOT_SIP, e.outcome());
    assertTrue(e.detail().contains("line end"), e.detail());
  }

  @Test
  void headerSectionBeyondTheCapIsNotSipAndTheRestIsIgnored() throws Exception {
    SipOptionsExchange x = exchange();
    assertFalse(feed(x, "SIP/2.0 200 OK\r\n"));
    String line = "X-Pad: " + "p".repeat(100) + "\r\n";
    boolean stopped = false;
    for (int i = 0; i < 1000 && !stopped; i++) {
      stopped = feed(x, line);
    }
    assertTrue(stopped);
    ByteBuffer more = ByteBuffer.wrap(new byte[4096]);
    assertTrue(x.received(more));
    assertEquals(0, more.remaining(), "bytes past the cap are consumed");
    SipExchange e = x.finish(ReadEnd.ANSWER_COMPLETE, "", T);
    assertEquals(SipOutcome.NOT_SIP, e.outcome());
    assertTrue(e.detail().contains("64 KiB"), e.detail());
    assertTrue(e.excerpt().length() <= 512);
  }

  @Test
  void tenThousandHeadersWithinTheCapStillParse() throws Exception {
    SipOptionsExchange x = exchange();
    StringBuilder s = new StringBuilder("SIP/2.0 200 OK\r\nCall-ID: ").append(x.callId()).append("\r\n");
    for (int i = 0; i < 10_000; i++) {
      s.append("a:\n"); // 3 bytes each: 30,000 bytes, all Accept-Contact
    }
    s.append("Server: many\r\n\r\n");
    assertTrue(feed(x, s.toString()));
    SipExchange e = x.finish(ReadEnd.ANSWER_COMPLETE, "", T);
    assertEquals(200, e.statusCode());
    assertEquals("many", e.header("server").orElseThrow());
  }

  @Test
  void hugeContentLengthOnTheFinalAnswerDoesNotHoldTheProbe() throws Exception {
    SipOptionsExchange x = exchange();
    String a = answer(x, "SIP/2.0 200 OK").replace("Content-Length: 0", "Content-Length: 9223372036854775808");
    assertTrue(feed(x, a));
    assertEquals(200, x.finish(ReadEnd.ANSWER_COMPLETE, "", T).statusCode());
  }

  @Test
  void hugeContentLengthOnAProvisionalSwallowsTheRestUpToTheCap() throws Exception {
    SipOptionsExchange x = exchange();
    String a = answer(x, "SIP/2.0 100 Trying").replace("Content-Length: 0", "Content-Length: 9223372036854775807");
    assertFalse(feed(x, a));
    assertFalse(feed(x, answer(x, "SIP/2.0 200 OK")), "inside the provisional's body");
    assertTrue(x.received(ByteBuffer.wrap(new byte[70_000])));
    assertEquals(100, x.finish(ReadEnd.ANSWER_COMPLETE, "", T).statusCode());
  }

  @Test
  void unreadableContentLengthOnAProvisionalStopsReading() throws Exception {
    SipOptionsExchange x = exchange();
    assertTrue(feed(x, answer(x, "SIP/2.0 180 Ringing").replace("Content-Length: 0", "Content-Length: -1")));
    SipExchange e = x.finish(ReadEnd.ANSWER_COMPLETE, "", T);
    assertEquals(180, e.statusCode());
    assertTrue(e.detail().contains("provisional"), e.detail());
  }

  @Test
  void nothingBeforeTheDeadlineIsNoResponse() throws Exception {
    SipExchange e = exchange().finish(ReadEnd.DEADLINE, "", T);
    assertEquals(SipOutcome.NO_RESPONSE, e.outcome());
    assertTrue(e.detail().contains("deadline"), e.detail());
    assertEquals("", e.excerpt());
  }

  @Test
  void incompleteAnswerAtTheDeadlineIsNoResponseWithWhatCame() throws Exception {
    SipOptionsExchange x = exchange();
    assertFalse(feed(x, "SIP/2.0 200 OK\r\nVia: SIP/2.0/TLS"));
    SipExchange e = x.finish(ReadEnd.DEADLINE, "", T);
    assertEquals(SipOutcome.NO_RESPONSE, e.outcome());
    assertTrue(e.detail().contains("incomplete"), e.detail());
    assertTrue(e.excerpt().startsWith("SIP/2.0 200 OK"));
  }

  @Test
  void closeWithoutAnswerIsClosed() throws Exception {
    SipExchange e = exchange().finish(ReadEnd.PEER_CLOSED, "close_notify", T);
    assertEquals(SipOutcome.CLOSED, e.outcome());
    assertTrue(e.detail().contains("close_notify"), e.detail());
  }

  @Test
  void transportErrorWithoutAnswerIsNotSip() throws Exception {
    SipExchange e = exchange().finish(ReadEnd.TRANSPORT_ERROR, "TLS alert: unexpected_message", T);
    assertEquals(SipOutcome.NOT_SIP, e.outcome());
    assertTrue(e.detail().contains("unexpected_message"), e.detail());
  }

  @Test
  void keptValuesAreCleanedAndBounded() throws Exception {
    SipOptionsExchange x = exchange();
    String[] many = new String[40];
    for (int i = 0; i < many.length; i++) {
      many[i] = "Allow: A" + i;
    }
    String a = answer(x, "SIP/2.0 200 O\u0000K", many).replace("Content-Length: 0",
        "Server: x\u0001y" + "z".repeat(5000) + "\r\nContent-Length: 0");
    assertTrue(feed(x, a));
    SipExchange e = x.finish(ReadEnd.ANSWER_COMPLETE, "", T);
    assertEquals("O.K", e.reason());
    assertEquals(SipOptionsExchange.MAX_VALUES_PER_HEADER, e.headers().get("allow").size());
    String server = e.header("server").orElseThrow();
    assertTrue(server.startsWith("x.yzz") && server.length() <= SipOptionsExchange.MAX_VALUE, server);
  }

  @Test
  void sharedHeaderGrammar() {
    String line = "Content-Length : 12";
    int colon = SipHeaders.colon(line, 0, line.length());
    assertEquals(15, colon);
    assertEquals("content-length", SipHeaders.canonicalName(line.substring(0, SipHeaders.nameEnd(line, 0, colon))));
    assertEquals("call-id", SipHeaders.canonicalName("I"));
    assertEquals(-1, SipHeaders.colon("no colon here", 0, 13));
    assertEquals(-1, SipHeaders.colon(": empty name", 0, 12));
    String longName = "x".repeat(SipHeaders.MAX_NAME + 1) + ": v";
    assertEquals(-1, SipHeaders.colon(longName, 0, longName.length()));
  }
}
