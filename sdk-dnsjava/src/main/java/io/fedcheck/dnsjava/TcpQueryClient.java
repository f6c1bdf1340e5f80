package io.fedcheck.dnsjava;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;
import org.xbill.DNS.WireParseException;

/**
 * DNS over TCP for the fallback after a truncated UDP answer: a fresh connection per query (RFC
 * 7766 §6.2.1 allows it), closed when the query ends, however it ends.
 *
 * <p>Why not dnsjava's {@code SimpleResolver} over TCP: its NIO client keeps one connection per
 * (local, remote) address for the whole JVM and queues later queries on it, so one server that
 * takes a query and never answers makes every later TCP query to it time out, in every resolver of
 * the process. Here nothing is shared between queries but the IO thread.
 *
 * <p>Each query gets its own random id (from {@link SecureRandom}); the answer (2-byte length
 * prefix, then at most 65,535 bytes of dnsjava wire format) is used only if its id and question
 * match. The deadline is hard: when it passes the future fails with {@link TimeoutException} and the
 * connection is closed, so a server that drips its answer byte by byte cannot hold it longer.
 * Cancelling the future closes the connection too.
 *
 * <p>One non-blocking IO thread, started on the first query, serves every connection. Thread-safe;
 * {@link #close()} fails the queries still open and stops the thread.
 */
final class TcpQueryClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TcpQueryClient.class);
  private static final int HEADER_LENGTH = 12;
  /** The largest message a 2-byte length prefix can announce. */
  static final int MAX_MESSAGE_BYTES = 65_535;

  private final String threadName;
  private final SecureRandom random = new SecureRandom();
  private final Queue<Exchange> added = new ConcurrentLinkedQueue<>();
  private final Set<Exchange> open = ConcurrentHashMap.newKeySet();
  /** Guarded by {@code this}; both created on the first query. */
  private Selector selector;
  private Thread ioThread;
  private volatile boolean closed;

  TcpQueryClient(String threadName) {
    this.threadName = threadName;
  }

  /**
   * Asks {@code query} (copied, with an id of its own) of {@code server} over a new TCP connection.
   * The future completes with an answer whose id and question match, or fails with {@link
   * TimeoutException} at {@code deadlineNanos} ({@link System#nanoTime()}), {@link
   * WireParseException} (an answer that must not be used), {@link EOFException} (an answer cut short)
   * or another {@link IOException} (refused, reset, closed).
   */
  CompletableFuture<Message> send(InetSocketAddress server, Message query, long deadlineNanos) {
    CompletableFuture<Message> future = new CompletableFuture<>();
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      future.completeExceptionally(new TimeoutException("no time left for TCP to " + server));
      return future;
    }
    Message copy = query.clone();
    int id = random.nextInt(0x10000);
    copy.getHeader().setID(id);
    byte[] wire = copy.toWire();
    if (wire.length > MAX_MESSAGE_BYTES) {
      future.completeExceptionally(new IOException("query of " + wire.length + " bytes is too long for TCP"));
      return future;
    }
    ByteBuffer out = ByteBuffer.allocate(2 + wire.length);
    out.putShort((short) wire.length).put(wire).flip();
    Exchange x = new Exchange(server, id, copy, out, future);
    Selector sel;
    try {
      sel = selector();
    } catch (IOException | IllegalStateException e) {
      future.completeExceptionally(e instanceof IOException io ? io : new IOException("resolver closed", e));
      return future;
    }
    open.add(x);
    // Whatever ends the exchange (answer, error, deadline, cancel, close) closes its connection.
    future.whenComplete((m, e) -> {
      open.remove(x);
      x.closeChannel();
      sel.wakeup(); // a closed channel's socket is released at the selector's next select
    });
    future.orTimeout(left, TimeUnit.NANOSECONDS);
    added.add(x);
    sel.wakeup();
    if (closed) {
      future.completeExceptionally(new IOException("resolver closed"));
    }
    return future;
  }

  private synchronized Selector selector() throws IOException {
    if (closed) {
      throw new IllegalStateException("closed");
    }
    if (selector == null) {
      Selector sel = Selector.open();
      Thread t = new Thread(() -> loop(sel), threadName);
      t.setDaemon(true);
      t.start();
      selector = sel;
      ioThread = t;
    }
    return selector;
  }

  /** Fails the exchanges still open and stops the IO thread. Idempotent. */
  @Override
  public void close() {
    Selector sel;
    Thread t;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      sel = selector;
      t = ioThread;
    }
    IOException closedError = new IOException("resolver closed");
    for (Exchange x : List.copyOf(open)) {
      x.future.completeExceptionally(closedError);
    }
    if (sel != null) {
      sel.wakeup();
      try {
        t.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      closeQuietly(sel);
    }
  }

  @Override
  public String toString() {
    return "TCP, a connection per query";
  }

  /** Exchanges not yet ended (for tests). */
  int openExchanges() {
    return open.size();
  }

  // ---------------------------------------------------------------------------------------------
  // IO thread

  private void loop(Selector sel) {
    try {
      while (!closed) {
        sel.select();
        Exchange x;
        while ((x = added.poll()) != null) {
          begin(sel, x);
        }
        var keys = sel.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          Exchange k = (Exchange) key.attachment();
          try {
            step(key, k);
          } catch (IOException e) {
            k.future.completeExceptionally(e);
          } catch (CancelledKeyException e) {
            // the exchange ended on another thread (deadline, cancel) and closed its channel
          } catch (RuntimeException e) {
            // a bug or a hostile answer must not kill the IO thread
            LOG.warn("TCP exchange with {} failed", k.server, e);
            k.future.completeExceptionally(new IOException("TCP exchange failed: " + e, e));
          }
        }
      }
    } catch (IOException | ClosedSelectorException e) {
      if (!closed) {
        LOG.warn("DNS TCP selector failed; TCP fallbacks fail from now on", e);
      }
    } finally {
      List<Exchange> left = new ArrayList<>(added);
      added.clear();
      left.addAll(open);
      IOException closedError = new IOException("resolver closed");
      left.forEach(x -> x.future.completeExceptionally(closedError));
    }
  }

  private static void begin(Selector sel, Exchange x) {
    if (x.future.isDone()) {
      return;
    }
    try {
      SocketChannel ch = SocketChannel.open();
      x.channel = ch;
      if (x.future.isDone()) {
        // ended between the check above and the store: its closer may have seen no channel
        closeQuietly(ch);
        return;
      }
      ch.configureBlocking(false);
      ch.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
      boolean connected = ch.connect(x.server);
      ch.register(sel, connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, x);
    } catch (IOException | RuntimeException e) {
      // refused at once, an unresolved address, or the channel closed under us by the deadline
      x.future.completeExceptionally(e instanceof IOException io ? io : new IOException(e.toString(), e));
    }
  }

  private static void step(SelectionKey key, Exchange x) throws IOException {
    if (!key.isValid() || x.future.isDone()) {
      key.cancel();
      return;
    }
    SocketChannel ch = x.channel;
    if (key.isConnectable()) {
      if (!ch.finishConnect()) {
        return;
      }
      key.interestOps(SelectionKey.OP_WRITE);
    }
    if (key.isConnectable() || key.isWritable()) {
      ch.write(x.out);
      if (!x.out.hasRemaining()) {
        key.interestOps(SelectionKey.OP_READ);
      }
      return;
    }
    if (key.isReadable()) {
      read(ch, x);
    }
  }

  private static void read(SocketChannel ch, Exchange x) throws IOException {
    while (true) {
      int n = ch.read(x.in);
      if (n < 0) {
        throw new EOFException(x.body == null
            ? "TCP connection closed by " + x.server + " before the answer's length"
            : "TCP answer from " + x.server + " cut short at " + x.body.position() + " of "
                + x.body.capacity() + " bytes");
      }
      if (x.in.hasRemaining()) {
        return; // n == 0: wait for more
      }
      if (x.body == null) {
        int length = ((x.in.get(0) & 0xFF) << 8) | (x.in.get(1) & 0xFF);
        if (length < HEADER_LENGTH) {
          throw new WireParseException("TCP answer from " + x.server + " of " + length + " bytes: no DNS message");
        }
        x.body = ByteBuffer.allocate(length); // at most 65,535 bytes: the prefix cannot say more
        x.in = x.body;
        continue;
      }
      x.future.complete(check(x, new Message(x.body.array())));
      return;
    }
  }

  /** The answer if its id and question match the query; throws otherwise (RFC 5452). */
  private static Message check(Exchange x, Message answer) throws WireParseException {
    int id = answer.getHeader().getID();
    if (id != x.id) {
      throw new WireParseException("TCP answer from " + x.server + " with id " + id + ", expected " + x.id);
    }
    String mismatch = DnsTransport.questionMismatch(x.query.getQuestion(), answer.getQuestion());
    if (mismatch != null) {
      throw new WireParseException(mismatch);
    }
    return answer;
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception ignored) {
      // closing: nothing useful to do
    }
  }

  /** One query on one connection. Buffers are touched only by the IO thread. */
  private static final class Exchange {
    final InetSocketAddress server;
    final int id;
    final Message query;
    final ByteBuffer out;
    final CompletableFuture<Message> future;
    volatile SocketChannel channel;
    ByteBuffer in = ByteBuffer.allocate(2);
    ByteBuffer body;

    Exchange(InetSocketAddress server, int id, Message query, ByteBuffer out, CompletableFuture<Message> future) {
      this.server = server;
      this.id = id;
      this.query = query;
      this.out = out;
      this.future = future;
    }

    void closeChannel() {
      closeQuietly(channel);
    }
  }
}
