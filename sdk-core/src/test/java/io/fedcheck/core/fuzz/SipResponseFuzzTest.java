package io.fedcheck.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fedcheck.api.SipExchange;
import io.fedcheck.api.SipOutcome;
import io.fedcheck.api.SipProbe;
import io.fedcheck.api.TlsProbe;
import io.fedcheck.api.sip.SipOptionsExchange;
import io.fedcheck.api.sip.SipOptionsExchange.ReadEnd;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;

/**
 * Fuzzes the SIP response parser every inspector shares: any bytes (after the first, which picks a
 * chunk size) fed in chunks or all at once give the same outcome, status and headers, never an
 * exception, a well-formed {@link SipExchange} with bounded text. Seeds: {@code
 * SipResponseFuzzTestInputs/parse}. Regression mode runs the seeds in every build; {@code
 * scripts/fuzz.sh} fuzzes.
 */
class SipResponseFuzzTest {
  private static final TlsProbe PROBE;
  private static final InetSocketAddress LOCAL;

  static {
    try {
      PROBE = new TlsProbe("sip.example.com", InetAddress.getByName("192.0.2.1"), 5061, Duration.ofSeconds(1),
          SipProbe.ofDefaults());
      LOCAL = new InetSocketAddress(InetAddress.getByName("192.0.2.2"), 40000);
    } catch (java.net.UnknownHostException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void parse(byte[] input) {
    if (input.length == 0) {
      return;
    }
    int chunk = 1 + (input[0] & 0x3f);
    byte[] answer = Arrays.copyOfRange(input, 1, input.length);
    SipExchange whole = feed(answer, Math.max(1, answer.length));
    SipExchange split = feed(answer, chunk);
    assertEquals(whole.outcome(), split.outcome(), "framing must not depend on chunking");
    assertEquals(whole.statusCode(), split.statusCode());
    assertEquals(whole.reason(), split.reason());
    assertEquals(whole.headers(), split.headers());
    assertTrue(whole.excerpt().length() <= 512);
    assertTrue(whole.reason().length() <= 256);
    assertTrue(whole.outcome() != SipOutcome.NOT_ATTEMPTED);
    whole.headers().values().forEach(v -> assertTrue(v.size() <= 16));
  }

  private static SipExchange feed(byte[] answer, int chunk) {
    SipOptionsExchange x = SipOptionsExchange.start(PROBE, LOCAL);
    boolean done = false;
    for (int i = 0; i < answer.length && !done; i += chunk) {
      done = x.received(ByteBuffer.wrap(answer, i, Math.min(chunk, answer.length - i)));
    }
    SipExchange e = x.finish(done ? ReadEnd.ANSWER_COMPLETE : ReadEnd.DEADLINE, "", Duration.ZERO);
    assertNotNull(e);
    return e;
  }
}
