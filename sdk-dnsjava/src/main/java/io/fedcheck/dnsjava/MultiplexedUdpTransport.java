package io.fedcheck.dnsjava;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/**
 * A {@link DnsTransport} that multiplexes every query over a few long-lived, unconnected,
 * non-blocking UDP channels.
 *
 * <p>Each query gets a random id (from {@link SecureRandom}) unused on its channel. One IO thread
 * reads every channel; an answer is used only if it comes from the server the query went to, with
 * the query's id and question (RFC 5452). An answer with a known id but another question, or one
 * that cannot be parsed, fails its query with {@link WireParseException}. An answer whose id matches
 * no query is dropped, so that a spoofed or stray packet can never end a lookup early; but if its
 * question is one a query to that server is waiting for, the query notes it and, should no genuine
 * answer come, fails with {@link WireParseException} instead of {@link TimeoutException}. A truncated
 * answer is asked again over TCP ({@link TcpQueryClient}: a fresh connection per query) within the
 * same attempt timeout.
 *
 * <p>Attempt timeouts run on one timer thread. The id of a query that timed out stays reserved for
 * {@link #LATE_ANSWER_GRACE_NANOS}, so that its late answer is recognised and dropped quietly. At most
 * {@code maxInFlight} queries are on the wire; the rest wait in a queue (their attempt timeout starts
 * when they are sent, their lookup deadline keeps running). Thread-safe.
 */
final class MultiplexedUdpTransport implements DnsTransport {
  /** Default of {@link DnsjavaResolver.Builder#maxInFlight}. */
  static final int DEFAULT_MAX_IN_FLIGHT = 1024;
  static final int MAX_IN_FLIGHT_PER_CHANNEL = 16_384;
  static final long LATE_ANSWER_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

  private static final Logger LOG = LoggerFactory.getLogger(MultiplexedUdpTransport.class);
  private static final int SOCKET_BUFFER_BYTES = 4 << 20;
  private static final int HEADER_LENGTH = 12;
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final String threadPrefix;
  private final int maxInFlight;
  private final Selector selector;
  private final Channel[] channels;
  private final Thread ioThread;
  private final ScheduledThreadPoolExecutor timer;
  private final TcpQueryClient tcp;
  private final SecureRandom random = new SecureRandom();
  private final AtomicInteger nextChannel = new AtomicInteger();
  /** Guards {@link #inFlight} and {@link #waiting}. */
  private final Object permits = new Object();
  private int inFlight;
  private final ArrayDeque<Attempt> waiting = new ArrayDeque<>();
  private final AtomicLong lateAnswers = new AtomicLong();
  private final AtomicLong strayAnswers = new AtomicLong();
  private volatile boolean closed;

  MultiplexedUdpTransport(int channelCount, int maxInFlight) {
    if (maxInFlight > channelCount * MAX_IN_FLIGHT_PER_CHANNEL) {
      throw new IllegalArgumentException("maxInFlight " + maxInFlight + " is more than "
          + MAX_IN_FLIGHT_PER_CHANNEL + " per UDP channel (" + channelCount + " channels)");
    }
    this.maxInFlight = maxInFlight;
    this.threadPrefix = "fedcheck-dns-mux-" + INSTANCES.incrementAndGet() + "-";
    List<DatagramChannel> opened = new ArrayList<>();
    Selector sel = null;
    try {
      sel = Selector.open();
      this.channels = new Channel[channelCount];
      for (int i = 0; i < channelCount; i++) {
        DatagramChannel ch = DatagramChannel.open();
        opened.add(ch);
        // Bursts of answers must not overflow the receive buffer while the IO thread is busy.
        ch.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
        ch.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
        ch.bind(null);
        ch.configureBlocking(false);
        channels[i] = new Channel(ch);
        ch.register(sel, SelectionKey.OP_READ, channels[i]);
      }
    } catch (IOException e) {
      opened.forEach(MultiplexedUdpTransport::closeQuietly);
      closeQuietly(sel);
      throw new UncheckedIOException("cannot open UDP channels for DNS: " + e.getMessage(), e);
    }
    this.selector = sel;
    this.timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, threadPrefix + "timer"));
    timer.setRemoveOnCancelPolicy(true);
    this.tcp = new TcpQueryClient(threadPrefix + "tcp");
    this.ioThread = daemon(this::readLoop, threadPrefix + "io");
    ioThread.start();
  }

  @Override
  public CompletableFuture<Message> send(
      InetSocketAddress server, Message query, long attemptNanos, long deadlineNanos) {
    Attempt a = new Attempt(server, query, attemptNanos, deadlineNanos);
    a.future.whenComplete((m, e) -> ended(a, e == null));
    if (closed) {
      a.future.completeExceptionally(new IOException("resolver closed"));
      return a.future;
    }
    boolean now;
    synchronized (permits) {
      now = inFlight < maxInFlight;
      if (now) {
        inFlight++;
        a.holdsPermit = true;
      } else {
        waiting.add(a);
      }
    }
    if (now && !start(a)) {
      passPermitOn();
    }
    return a.future;
  }

  /**
   * Puts an attempt holding a permit on the wire. Returns false, giving the permit back to the
   * caller, when the attempt is already over (abandoned, or its deadline passed while it waited);
   * true when the permit is taken care of (on the wire, or released by {@link #ended}).
   */
  private boolean start(Attempt a) {
    long now = System.nanoTime();
    long timeout = Math.min(a.attemptNanos, a.deadlineNanos - now);
    if (a.future.isDone() || timeout <= 0 || closed) {
      boolean had;
      synchronized (a) {
        had = a.holdsPermit;
        a.holdsPermit = false;
      }
      a.future.completeExceptionally(closed
          ? new IOException("resolver closed")
          : new TimeoutException("the deadline passed before the query could be sent"));
      return !had;
    }
    try {
      transmit(a, timeout, now);
    } catch (RuntimeException e) {
      // an unresolved server address, no free id: this attempt fails, the transport goes on
      a.future.completeExceptionally(e);
    }
    return true;
  }

  private void transmit(Attempt a, long timeout, long now) {
    Channel ch = pickChannel();
    int id = ch.reserve(a, random);
    a.id = id;
    a.channel = ch;
    a.sentNanos = now;
    if (a.future.isDone()) {
      ch.pending.remove(id, a); // abandoned while the id was being reserved: ended() saw no channel
      return;
    }
    a.query.getHeader().setID(id);
    byte[] wire = a.query.toWire();
    try {
      a.timeout = timer.schedule(() -> onTimeout(a), timeout, TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      a.future.completeExceptionally(new IOException("resolver closed"));
      return;
    }
    if (a.future.isDone()) {
      a.timeout.cancel(false); // answered (or abandoned) before the timer was stored
    }
    try {
      if (ch.channel.send(ByteBuffer.wrap(wire), a.server) == 0) {
        // The socket buffer is full: as good as lost on the network, the timeout retries it.
        LOG.debug("UDP send buffer full, query {} to {} dropped", id, a.server);
      }
    } catch (IOException e) {
      a.future.completeExceptionally(e);
    }
  }

  /** The channel with the fewest queries in flight, starting the search round-robin. */
  private Channel pickChannel() {
    int start = Math.floorMod(nextChannel.getAndIncrement(), channels.length);
    Channel best = channels[start];
    for (int i = 1; i < channels.length; i++) {
      Channel c = channels[(start + i) % channels.length];
      if (c.pending.size() < best.pending.size()) {
        best = c;
      }
    }
    return best;
  }

  /** Runs once per attempt, when its future completes however it does. */
  private void ended(Attempt a, boolean answered) {
    ScheduledFuture<?> t = a.timeout;
    if (t != null) {
      t.cancel(false);
    }
    Channel ch = a.channel;
    if (ch != null) {
      if (answered || closed) {
        ch.pending.remove(a.id, a);
      } else {
        // Keep the id reserved so that a late answer is recognised as late and dropped quietly.
        try {
          timer.schedule(() -> ch.pending.remove(a.id, a), LATE_ANSWER_GRACE_NANOS, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
          ch.pending.remove(a.id, a);
        }
      }
    }
    boolean release;
    synchronized (a) {
      release = a.holdsPermit;
      a.holdsPermit = false;
    }
    if (release) {
      passPermitOn();
    }
  }

  /** Gives a freed permit to the next waiting attempt that still wants it, or returns it. */
  private void passPermitOn() {
    while (true) {
      Attempt next;
      synchronized (permits) {
        next = waiting.poll();
        if (next == null) {
          inFlight--;
          return;
        }
      }
      synchronized (next) {
        next.holdsPermit = true;
      }
      if (start(next)) {
        return;
      }
    }
  }

  private void onTimeout(Attempt a) {
    String mismatch = a.mismatch;
    a.future.completeExceptionally(mismatch != null
        ? new WireParseException(mismatch)
        : new TimeoutException("no answer from " + a.server));
  }

  // ---------------------------------------------------------------------------------------------
  // IO thread

  private void readLoop() {
    ByteBuffer buffer = ByteBuffer.allocate(65_535);
    while (!closed) {
      try {
        selector.select();
      } catch (IOException | java.nio.channels.ClosedSelectorException e) {
        if (!closed) {
          LOG.warn("DNS selector failed; the resolver stops answering", e);
        }
        return;
      }
      var keys = selector.selectedKeys().iterator();
      while (keys.hasNext()) {
        SelectionKey key = keys.next();
        keys.remove();
        drain((Channel) key.attachment(), buffer);
      }
    }
  }

  private void drain(Channel ch, ByteBuffer buffer) {
    while (!closed) {
      SocketAddress source;
      try {
        buffer.clear();
        source = ch.channel.receive(buffer);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        // e.g. an ICMP error reported on the socket: it names no query, the timeouts handle it
        LOG.debug("UDP receive failed: {}", e.toString());
        return;
      }
      if (source == null) {
        return;
      }
      try {
        onPacket(ch, source, Arrays.copyOf(buffer.array(), buffer.position()));
      } catch (RuntimeException e) {
        // a bug or a hostile packet must not kill the IO thread
        LOG.warn("failed to handle a DNS answer from {}", source, e);
      }
    }
  }

  private void onPacket(Channel ch, SocketAddress source, byte[] packet) {
    if (packet.length < HEADER_LENGTH) {
      return; // no DNS message; cannot even be tied to a query
    }
    int id = ((packet[0] & 0xFF) << 8) | (packet[1] & 0xFF);
    Attempt a = ch.pending.get(id);
    if (a == null || !a.server.equals(source)) {
      strayAnswers.incrementAndGet();
      foreign(ch, source, id, packet);
      return;
    }
    if (a.answered || a.future.isDone()) {
      lateAnswers.incrementAndGet(); // a duplicate or late answer: the attempt is over
      return;
    }
    a.answered = true;
    Message response;
    try {
      response = new Message(packet);
    } catch (IOException e) {
      a.future.completeExceptionally(new WireParseException("unparseable answer: " + e.getMessage()));
      return;
    }
    String mismatch = DnsTransport.questionMismatch(a.question, response.getQuestion());
    if (mismatch != null) {
      a.future.completeExceptionally(new WireParseException(mismatch));
      return;
    }
    if (response.getHeader().getFlag(Flags.TC)) {
      overTcp(a);
      return;
    }
    a.future.complete(response);
  }

  /** An answer that matches no query waiting on this channel for this source. */
  private static void foreign(Channel ch, SocketAddress source, int id, byte[] packet) {
    Record question;
    try {
      question = new Message(packet).getQuestion();
    } catch (IOException e) {
      return;
    }
    if (question == null) {
      return;
    }
    // Rare (a wrong id, or a late answer after its id was freed): a scan is cheap enough.
    for (Map.Entry<Integer, Attempt> e : ch.pending.entrySet()) {
      Attempt a = e.getValue();
      if (a.server.equals(source) && !a.future.isDone() && DnsTransport.questionMismatch(a.question, question) == null) {
        a.mismatch = "answer from " + source + " with id " + id + ", expected " + a.id;
      }
    }
  }

  /** Asks a truncated question again over TCP, within what is left of the attempt. */
  private void overTcp(Attempt a) {
    long attemptEnd = a.sentNanos + a.attemptNanos;
    CompletableFuture<Message> tcpAnswer =
        tcp.send(a.server, a.query, attemptEnd - a.deadlineNanos < 0 ? attemptEnd : a.deadlineNanos);
    // The attempt may end first (abandoned, closed): the TCP exchange then ends and closes too.
    a.future.whenComplete((m, e) -> tcpAnswer.cancel(false));
    tcpAnswer.whenComplete((m, e) -> {
      if (e != null) {
        a.future.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
      } else {
        a.future.complete(m);
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Lifecycle

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    selector.wakeup();
    try {
      ioThread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Channel ch : channels) {
      closeQuietly(ch.channel);
    }
    closeQuietly(selector);
    tcp.close();
    List<Attempt> left = new ArrayList<>();
    synchronized (permits) {
      left.addAll(waiting);
      waiting.clear();
    }
    for (Channel ch : channels) {
      left.addAll(ch.pending.values());
    }
    IOException closedError = new IOException("resolver closed");
    for (Attempt a : left) {
      a.future.completeExceptionally(closedError);
    }
    timer.shutdownNow();
    for (Channel ch : channels) {
      ch.pending.clear(); // ids kept for late answers: no answer will come any more
    }
  }

  @Override
  public String toString() {
    return "multiplexed UDP (" + channels.length + " channels, " + maxInFlight + " in flight)";
  }

  /** Answers dropped because their attempt was over (timed out, abandoned, or already answered). */
  long lateAnswers() {
    return lateAnswers.get();
  }

  /** Answers dropped because their id or source matched no query on their channel. */
  long strayAnswers() {
    return strayAnswers.get();
  }

  /** The prefix of this transport's thread names (for tests). */
  String threadPrefix() {
    return threadPrefix;
  }

  /** Queries in flight plus ids still reserved for late answers, over every channel (for tests). */
  int reservedIds() {
    int n = 0;
    for (Channel ch : channels) {
      n += ch.pending.size();
    }
    return n;
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
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

  /** One UDP channel and the queries waiting on it, by id. */
  static final class Channel {
    final DatagramChannel channel;
    final Map<Integer, Attempt> pending = new ConcurrentHashMap<>();

    Channel(DatagramChannel channel) {
      this.channel = channel;
    }

    /** Reserves a random id not in use on this channel for {@code a}. */
    int reserve(Attempt a, SecureRandom random) {
      // At most 16,384 queries plus their late-answer reservations share 65,536 ids: a free one is
      // found in a few draws; the scan is a safety net, not a path taken in practice.
      for (int tries = 0; tries < 64; tries++) {
        int id = random.nextInt(0x10000);
        if (pending.putIfAbsent(id, a) == null) {
          return id;
        }
      }
      for (int id = 0; id < 0x10000; id++) {
        if (pending.putIfAbsent(id, a) == null) {
          return id;
        }
      }
      throw new IllegalStateException("all 65,536 DNS ids in use on one channel");
    }
  }

  /** One query sent (or waiting to be sent) to one server. */
  static final class Attempt {
    final InetSocketAddress server;
    final Message query;
    final Record question;
    final long attemptNanos;
    final long deadlineNanos;
    volatile long sentNanos;
    final CompletableFuture<Message> future = new CompletableFuture<>();
    /** Guarded by {@code this}. */
    boolean holdsPermit;
    volatile Channel channel;
    volatile int id;
    volatile ScheduledFuture<?> timeout;
    /** Set by the IO thread on the first answer with this attempt's id (later ones are dropped). */
    volatile boolean answered;
    /** Why a foreign answer to this question was dropped, reported if no genuine answer comes. */
    volatile String mismatch;

    Attempt(InetSocketAddress server, Message query, long attemptNanos, long deadlineNanos) {
      this.server = server;
      this.query = query;
      this.question = query.getQuestion();
      this.attemptNanos = attemptNanos;
      this.deadlineNanos = deadlineNanos;
    }
  }
}
