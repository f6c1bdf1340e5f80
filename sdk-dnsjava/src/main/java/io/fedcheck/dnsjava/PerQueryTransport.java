package io.fedcheck.dnsjava;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.SimpleResolver;

/**
 * One attempt = one {@link SimpleResolver#sendAsync(Message, Executor)} over UDP: dnsjava opens a
 * UDP channel per query and checks the answer's id and question (RFC 5452). A truncated answer is
 * asked again over TCP by a {@link TcpQueryClient} (a fresh connection per query), not by dnsjava,
 * whose TCP client shares one connection per server across the JVM. Simple and robust, but the
 * channel per query limits it to about 10,000 queries/s. Thread-safe.
 */
final class PerQueryTransport implements DnsTransport {
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final int ednsPayload;
  private final Executor executor;
  private final TcpQueryClient tcp =
      new TcpQueryClient("fedcheck-dns-perquery-" + INSTANCES.incrementAndGet() + "-tcp");

  PerQueryTransport(int ednsPayload, Executor executor) {
    this.ednsPayload = ednsPayload;
    this.executor = executor;
  }

  @Override
  public CompletableFuture<Message> send(
      InetSocketAddress server, Message query, long attemptNanos, long deadlineNanos) {
    long sent = System.nanoTime();
    long timeout = Math.min(attemptNanos, deadlineNanos - sent);
    if (timeout <= 0) {
      return CompletableFuture.failedFuture(new TimeoutException("deadline passed"));
    }
    SimpleResolver resolver = new SimpleResolver(server);
    resolver.setTimeout(Duration.ofNanos(timeout));
    resolver.setEDNS(0, ednsPayload, 0, List.of());
    resolver.setIgnoreTruncation(true); // TCP is ours: see the class comment
    CompletableFuture<Message> attempt = new CompletableFuture<>();
    resolver.sendAsync(query, executor).whenComplete((udpAnswer, error) -> {
      if (error != null) {
        attempt.completeExceptionally(unwrap(error));
      } else if (udpAnswer.getHeader().getFlag(Flags.TC)) {
        CompletableFuture<Message> tcpAnswer = tcp.send(server, query, sent + timeout);
        // An abandoned attempt ends its TCP exchange (and connection) too.
        attempt.whenComplete((m, e) -> tcpAnswer.cancel(false));
        tcpAnswer.whenComplete((m, e) -> {
          if (e != null) {
            attempt.completeExceptionally(unwrap(e));
          } else {
            attempt.complete(m);
          }
        });
      } else {
        attempt.complete(udpAnswer);
      }
    });
    return attempt;
  }

  /** Fails TCP exchanges still open and stops the TCP thread; UDP channels live only as long as their query. */
  @Override
  public void close() {
    tcp.close();
  }

  @Override
  public String toString() {
    return "per-query UDP";
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }
}
