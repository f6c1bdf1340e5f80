package io.fedcheck.dnsjava;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.xbill.DNS.Message;
import org.xbill.DNS.SimpleResolver;

/**
 * One attempt = one {@link SimpleResolver#sendAsync(Message, Executor)}: dnsjava opens a UDP channel
 * per query, checks the answer's id and question (RFC 5452) and retries truncated answers over TCP.
 * Simple and robust, but the channel per query limits it to about 10,000 queries/s. Thread-safe.
 */
final class PerQueryTransport implements DnsTransport {
  private final int ednsPayload;
  private final Executor executor;

  PerQueryTransport(int ednsPayload, Executor executor) {
    this.ednsPayload = ednsPayload;
    this.executor = executor;
  }

  @Override
  public CompletableFuture<Message> send(
      InetSocketAddress server, Message query, long attemptNanos, long deadlineNanos) {
    long timeout = Math.min(attemptNanos, deadlineNanos - System.nanoTime());
    if (timeout <= 0) {
      return CompletableFuture.failedFuture(new java.util.concurrent.TimeoutException("deadline passed"));
    }
    SimpleResolver resolver = new SimpleResolver(server);
    resolver.setTimeout(Duration.ofNanos(timeout));
    resolver.setEDNS(0, ednsPayload, 0, List.of());
    return resolver.sendAsync(query, executor).toCompletableFuture();
  }

  /** Nothing to release: dnsjava's channels live only as long as their query. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "per-query UDP";
  }
}
