package io.fedcheck.dnsjava;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * How one attempt of a lookup reaches one server: the part of {@link DnsjavaResolver} that differs
 * between its transports. The outcome mapping, retries and CNAME following stay in the resolver.
 *
 * <p>The future of {@link #send} completes with an answer whose id and question match the query
 * (completed over TCP when the UDP answer was truncated), or exceptionally with {@link
 * java.util.concurrent.TimeoutException} (no usable answer in time), {@link
 * org.xbill.DNS.WireParseException} (an answer that must not be used), {@link java.io.EOFException}
 * (a TCP answer cut short) or another {@link java.io.IOException}. Cancelling the future abandons the
 * attempt. Implementations are thread-safe.
 */
interface DnsTransport extends AutoCloseable {

  /**
   * Sends {@code query} to {@code server}; the transport may set the query's id.
   *
   * @param attemptNanos how long this attempt may wait for an answer
   * @param deadlineNanos the {@link System#nanoTime()} after which the lookup is over, whatever
   *     {@code attemptNanos} says
   */
  CompletableFuture<Message> send(InetSocketAddress server, Message query, long attemptNanos, long deadlineNanos);

  /** Releases sockets and threads; attempts still pending fail with an {@link java.io.IOException}. Idempotent. */
  @Override
  void close();

  /** Why {@code answered} is not the answer to {@code asked}, or null when it is. */
  static String questionMismatch(Record asked, Record answered) {
    if (answered == null) {
      return "answer without a question section";
    }
    if (!asked.getName().equals(answered.getName())) {
      return "answer for " + answered.getName() + ", asked " + asked.getName();
    }
    if (asked.getType() != answered.getType() || asked.getDClass() != answered.getDClass()) {
      return "answer for " + Type.string(answered.getType()) + "/" + DClass.string(answered.getDClass())
          + ", asked " + Type.string(asked.getType()) + "/" + DClass.string(asked.getDClass());
    }
    return null;
  }
}
