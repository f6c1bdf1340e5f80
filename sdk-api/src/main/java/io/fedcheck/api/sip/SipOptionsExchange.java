package io.fedcheck.api.sip;

import io.fedcheck.api.SipExchange;
import io.fedcheck.api.TlsProbe;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The SIP {@code OPTIONS} codec every inspector shares: it builds the request for one probe,
 * frames the answer as bytes arrive and parses it into a {@link SipExchange}. Inspectors only move
 * bytes: write {@link #request()}, hand every chunk read to {@link #received(ByteBuffer)} until it
 * returns {@code true}, then call {@link #finish}; on close, deadline or a transport error call
 * {@link #finish} with that end. Pure (no I/O, no clock); one instance per probe, not thread-safe.
 *
 * <p>It lives in {@code sdk-api} because the backends depend on the API only; {@code sdk-core}'s
 * explainer reuses its header parsing.
 */
public final class SipOptionsExchange {
  /** The most bytes of an answer that are read; the rest is ignored. */
  public static final int MAX_RESPONSE_BYTES = 64 * 1024;

  /** Why reading stopped. */
  public enum ReadEnd {
    /** {@link #received} returned {@code true}: a whole message (or the cap, or clearly not SIP). */
    ANSWER_COMPLETE,
    /** The peer closed the connection (EOF or close_notify). */
    PEER_CLOSED,
    /** The probe's deadline passed. */
    DEADLINE,
    /** A transport error after the handshake (reset, TLS alert); the detail says which. */
    TRANSPORT_ERROR
  }

  private SipOptionsExchange(TlsProbe probe, InetSocketAddress local) {
    throw new UnsupportedOperationException("implemented by the SIP probe work (issue 10)");
  }

  /**
   * Starts the exchange for {@code probe}, whose {@link TlsProbe#sip()} must be set; {@code local}
   * is the connection's local address (for {@code Via} and {@code Contact}).
   */
  public static SipOptionsExchange start(TlsProbe probe, InetSocketAddress local) {
    return new SipOptionsExchange(probe, local);
  }

  /** The request bytes to write, once. */
  public byte[] request() {
    throw new UnsupportedOperationException();
  }

  /**
   * Feeds bytes read from the connection (consumed from {@code chunk}); returns {@code true} when
   * reading should stop: a whole message has arrived, the cap is reached, or the bytes cannot be SIP.
   */
  public boolean received(ByteBuffer chunk) {
    throw new UnsupportedOperationException();
  }

  /** The exchange, now that reading has ended as {@code end}; {@code detail} may be empty. */
  public SipExchange finish(ReadEnd end, String detail, Duration elapsed) {
    throw new UnsupportedOperationException();
  }
}
