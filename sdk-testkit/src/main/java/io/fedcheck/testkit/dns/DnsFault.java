package io.fedcheck.testkit.dns;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Message;

/**
 * A misbehaviour the {@link AuthoritativeDnsServer} applies to queries, for one name or globally
 * ({@link AuthoritativeDnsServer#fault(String, DnsFault)}, {@link
 * AuthoritativeDnsServer#globalFault(DnsFault)}).
 *
 * <p>Faults are immutable values except {@link DropFirst}, whose counter is shared by every query
 * it applies to; all are safe to share between threads. Hostile answers (malformed wire data, huge
 * or odd record sets) are built by {@link HostileAnswers} on top of {@link Rewrite} and {@link Raw}.
 */
public sealed interface DnsFault {

  /** Drops this fraction (0..1) of UDP queries, decided by the server's seeded random. */
  static DnsFault drop(double fraction) {
    return new Drop(fraction);
  }

  /** Drops every UDP query: the client sees a timeout. */
  static DnsFault dropAll() {
    return new Drop(1.0);
  }

  /** Drops the first {@code count} UDP queries this fault sees, then answers normally. */
  static DnsFault dropFirst(int count) {
    return new DropFirst(count);
  }

  /** Answers normally after this delay (UDP and TCP). */
  static DnsFault delay(Duration delay) {
    return new Delay(delay);
  }

  /** Answers with RCODE 2 (SERVFAIL) and no records. */
  static DnsFault servfail() {
    return new Rcode(org.xbill.DNS.Rcode.SERVFAIL);
  }

  /** Answers with RCODE 5 (REFUSED) and no records. */
  static DnsFault refused() {
    return new Rcode(org.xbill.DNS.Rcode.REFUSED);
  }

  /** Answers over UDP with the TC bit and no records; over TCP behaves as {@code onTcp}. */
  static DnsFault truncate(TcpBehaviour onTcp) {
    return new Truncate(onTcp);
  }

  /** Answers normally but with another message id. */
  static DnsFault wrongId() {
    return new WrongId();
  }

  /** Answers with records for another question (another name in the question section). */
  static DnsFault wrongQuestion() {
    return new WrongQuestion();
  }

  /** Drops a fraction of UDP queries. */
  record Drop(double fraction) implements DnsFault {
    public Drop {
      if (!(fraction >= 0.0 && fraction <= 1.0)) {
        throw new IllegalArgumentException("fraction must be 0..1: " + fraction);
      }
    }
  }

  /** Drops the first {@code count} UDP queries it applies to; the counter is shared and atomic. */
  final class DropFirst implements DnsFault {
    private final int count;
    private final AtomicInteger seen = new AtomicInteger();

    /** A fault dropping the first {@code count} UDP queries. */
    public DropFirst(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("count must not be negative: " + count);
      }
      this.count = count;
    }

    /** How many queries are dropped. */
    public int count() {
      return count;
    }

    boolean shouldDrop() {
      return seen.getAndIncrement() < count;
    }

    @Override
    public String toString() {
      return "DropFirst[count=" + count + "]";
    }
  }

  /** Answers after a delay. */
  record Delay(Duration delay) implements DnsFault {
    public Delay {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative: " + delay);
      }
    }
  }

  /** Answers with this RCODE and no records. */
  record Rcode(int rcode) implements DnsFault {
    public Rcode {
      if (rcode < 0 || rcode > 15) {
        throw new IllegalArgumentException("rcode must be 0..15: " + rcode);
      }
    }

    @Override
    public String toString() {
      return "Rcode[" + org.xbill.DNS.Rcode.string(rcode) + "]";
    }
  }

  /** Sets TC over UDP; over TCP behaves as {@code onTcp}. */
  record Truncate(TcpBehaviour onTcp) implements DnsFault {
    public Truncate {
      Objects.requireNonNull(onTcp, "onTcp");
    }
  }

  /** Answers with a message id that differs from the query's. */
  record WrongId() implements DnsFault {}

  /** Answers a different question than the one asked. */
  record WrongQuestion() implements DnsFault {}

  /**
   * Replaces the server's answer with what {@code rewriter} returns; the result still goes through
   * the server's encoding (EDNS size limit, TC over UDP).
   */
  record Rewrite(ResponseRewriter rewriter) implements DnsFault {
    public Rewrite {
      Objects.requireNonNull(rewriter, "rewriter");
    }
  }

  /** Sends exactly the bytes {@code responder} returns, on UDP and TCP, without any check. */
  record Raw(RawResponder responder) implements DnsFault {
    public Raw {
      Objects.requireNonNull(responder, "responder");
    }
  }

  /** Builds a replacement answer from the query and the answer the server would have sent. */
  @FunctionalInterface
  interface ResponseRewriter {
    /** Returns the message to send; may modify and return {@code normal}. */
    Message rewrite(Message query, Message normal);
  }

  /** Builds the raw bytes of an answer (without the TCP length prefix). */
  @FunctionalInterface
  interface RawResponder {
    /** Returns the bytes to send in reply to {@code query}. */
    byte[] respond(Message query);
  }
}
