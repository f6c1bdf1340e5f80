package io.fedcheck.testkit.dns;

import io.fedcheck.testkit.dns.ReceivedQuery.Transport;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * An authoritative DNS server on loopback for tests and benchmarks, in the spirit of OkHttp's
 * {@code MockWebServer}: it serves {@link DnsZone}s over UDP and TCP on one ephemeral port,
 * injects {@link DnsFault}s per name or globally, and records every query it receives.
 *
 * <pre>{@code
 * try (AuthoritativeDnsServer dns = AuthoritativeDnsServer.builder()
 *     .zone(DnsZone.builder("steven.lab").srv("_sipfederationtls._tcp", 0, 0, 5061, "vcse").a("vcse", "127.0.0.1").build())
 *     .start()) {
 *   dns.fault("vcse.steven.lab", DnsFault.servfail());
 *   resolver = newResolver(dns.address());
 *   ...
 *   assertEquals(1, dns.queries("vcse.steven.lab").size());
 * }
 * }</pre>
 *
 * <p>Answers follow RFC 1034/2308: the AA bit, CNAME chains followed inside the served zones,
 * NXDOMAIN and NODATA with the zone's SOA in the authority section, REFUSED for names outside every
 * zone. UDP answers honour the client's EDNS payload size (512 without EDNS); an answer that does
 * not fit is sent with the TC bit and no records, and the full answer is available over TCP.
 *
 * <p>Threads: one UDP receive loop (answers are built inline: a hash-map lookup per query), one TCP
 * accept loop, one scheduler for delayed answers, and TCP connection workers created on demand.
 * {@link #close()} closes the sockets and stops every thread. All methods are thread-safe; zones and
 * faults can be changed while the server runs.
 */
public final class AuthoritativeDnsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuthoritativeDnsServer.class);
  private static final int PLAIN_UDP_LIMIT = 512;
  private static final int SERVER_EDNS_PAYLOAD = 1232;
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final ZoneAnswerer answerer = new ZoneAnswerer();
  private final Map<Name, DnsFault> faults = new ConcurrentHashMap<>();
  private volatile DnsFault globalFault;
  private final Random random;
  private final Clock clock;
  private final boolean recordQueries;
  private final Duration tcpIdleTimeout;
  private final ConcurrentLinkedQueue<ReceivedQuery> queries = new ConcurrentLinkedQueue<>();
  private final AtomicLong queryCount = new AtomicLong();
  private final AtomicLong firstQueryNanos = new AtomicLong(Long.MIN_VALUE);
  private volatile long lastQueryNanos;
  private final Set<Socket> openConnections = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  private final DatagramChannel udp;
  private final ServerSocket tcp;
  private final InetSocketAddress address;
  private final Thread udpThread;
  private final Thread acceptThread;
  private final ExecutorService tcpWorkers;
  private final ScheduledExecutorService scheduler;

  private AuthoritativeDnsServer(Builder b) throws IOException {
    this.random = new Random(b.seed);
    this.clock = b.clock;
    this.recordQueries = b.recordQueries;
    this.tcpIdleTimeout = b.tcpIdleTimeout;
    b.zones.forEach(answerer::add);
    faults.putAll(b.faults);
    this.globalFault = b.globalFault;

    DatagramChannel boundUdp = null;
    ServerSocket boundTcp = null;
    IOException last = null;
    // UDP and TCP must share one ephemeral port; another process may hold the TCP side, so retry.
    for (int attempt = 0; attempt < 20 && boundTcp == null; attempt++) {
      DatagramChannel u = DatagramChannel.open();
      try {
        // The default receive buffer (~200 KB) drops packets under a bulk audit's bursts, and each
        // drop costs the client a retry: give the kernel room, as real servers do.
        u.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4 << 20);
        u.bind(new InetSocketAddress(b.bindAddress, b.port));
        int port = ((InetSocketAddress) u.getLocalAddress()).getPort();
        ServerSocket t = new ServerSocket();
        try {
          t.bind(new InetSocketAddress(b.bindAddress, port), 128);
        } catch (IOException e) {
          t.close();
          throw e;
        }
        boundUdp = u;
        boundTcp = t;
      } catch (BindException e) {
        u.close();
        last = e;
        if (b.port != 0) {
          break;
        }
      } catch (IOException e) {
        u.close();
        throw e;
      }
    }
    if (boundTcp == null) {
      throw last != null ? last : new BindException("cannot bind UDP and TCP on one port");
    }
    this.udp = boundUdp;
    this.tcp = boundTcp;
    this.address = new InetSocketAddress(b.bindAddress, tcp.getLocalPort());

    int n = INSTANCES.incrementAndGet();
    String prefix = "fedcheck-dns-" + n + "-";
    this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon(prefix + "delay"));
    this.tcpWorkers =
        new ThreadPoolExecutor(0, 256, 10, TimeUnit.SECONDS, new SynchronousQueue<>(), daemon(prefix + "tcp"));
    this.udpThread = daemon(prefix + "udp").newThread(this::udpLoop);
    this.acceptThread = daemon(prefix + "accept").newThread(this::acceptLoop);
    udpThread.start();
    acceptThread.start();
  }

  /** A builder for a server; {@link Builder#start()} binds and starts it. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a server on 127.0.0.1 serving these zones, with no faults. */
  public static AuthoritativeDnsServer start(DnsZone... zones) {
    Builder b = builder();
    for (DnsZone z : zones) {
      b.zone(z);
    }
    return b.start();
  }

  /** The address (127.0.0.1 and the ephemeral port) for both UDP and TCP. */
  public InetSocketAddress address() {
    return address;
  }

  /** The port shared by UDP and TCP. */
  public int port() {
    return address.getPort();
  }

  /** Serves one more zone (replacing a zone with the same origin). */
  public AuthoritativeDnsServer addZone(DnsZone zone) {
    answerer.add(Objects.requireNonNull(zone, "zone"));
    return this;
  }

  /** Applies {@code fault} to queries for exactly this name (any type); replaces a previous one. */
  public AuthoritativeDnsServer fault(String name, DnsFault fault) {
    faults.put(DnsZone.absolute(name), Objects.requireNonNull(fault, "fault"));
    return this;
  }

  /** Applies {@code fault} to every query whose name has no fault of its own; null clears it. */
  public AuthoritativeDnsServer globalFault(DnsFault fault) {
    this.globalFault = fault;
    return this;
  }

  /** Removes the per-name fault of this name. */
  public AuthoritativeDnsServer clearFault(String name) {
    faults.remove(DnsZone.absolute(name));
    return this;
  }

  /** Removes every per-name fault and the global fault. */
  public AuthoritativeDnsServer clearFaults() {
    faults.clear();
    globalFault = null;
    return this;
  }

  /** The queries received so far, in arrival order (empty when recording is off). */
  public List<ReceivedQuery> queries() {
    return List.copyOf(queries);
  }

  /** The queries received so far for this name (case-insensitive, trailing dot optional). */
  public List<ReceivedQuery> queries(String name) {
    String wanted = canonical(DnsZone.absolute(name));
    List<ReceivedQuery> out = new ArrayList<>();
    for (ReceivedQuery q : queries) {
      if (q.name().equals(wanted)) {
        out.add(q);
      }
    }
    return out;
  }

  /** How many queries were received (counted even when recording is off). */
  public long queryCount() {
    return queryCount.get();
  }

  /** The average query rate between the first and the last query received, or 0. */
  public double queriesPerSecond() {
    long count = queryCount.get();
    long first = firstQueryNanos.get();
    long span = lastQueryNanos - first;
    if (count < 2 || first == Long.MIN_VALUE || span <= 0) {
      return 0.0;
    }
    return (count - 1) * 1e9 / span;
  }

  /** Forgets the recorded queries and resets the counters. */
  public void clearQueries() {
    queries.clear();
    queryCount.set(0);
    firstQueryNanos.set(Long.MIN_VALUE);
  }

  /** Whether the server still accepts queries. */
  public boolean isRunning() {
    return !closed.get();
  }

  /**
   * Kills the server at once, as if the process died: sockets are closed, open TCP connections are
   * dropped, queries in flight get no answer. Same as {@link #close()}; named for tests that
   * simulate a server dying mid-audit.
   */
  public void stop() {
    close();
  }

  /** Closes the sockets, drops open connections and stops every thread. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeQuietly(udp);
    closeQuietly(tcp);
    for (Socket s : openConnections) {
      closeQuietly(s);
    }
    scheduler.shutdownNow();
    tcpWorkers.shutdownNow();
    try {
      udpThread.join(2000);
      acceptThread.join(2000);
      scheduler.awaitTermination(2, TimeUnit.SECONDS);
      tcpWorkers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.debug("DNS server {} closed after {} queries", address, queryCount.get());
  }

  @Override
  public String toString() {
    return "AuthoritativeDnsServer[" + address + (closed.get() ? ", closed]" : "]");
  }

  // ---------------------------------------------------------------------------------------------
  // UDP

  private void udpLoop() {
    ByteBuffer in = ByteBuffer.allocate(65535);
    while (!closed.get()) {
      SocketAddress client;
      try {
        in.clear();
        client = udp.receive(in);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (closed.get()) {
          return;
        }
        LOG.debug("UDP receive failed", e);
        continue;
      }
      in.flip();
      byte[] packet = new byte[in.remaining()];
      in.get(packet);
      try {
        handleUdp(packet, client);
      } catch (RuntimeException e) {
        // A hostile rewrite or a bug must not kill the receive loop.
        LOG.warn("failed to answer UDP query from {}", client, e);
      }
    }
  }

  private void handleUdp(byte[] packet, SocketAddress client) {
    Message query = parseQuery(packet);
    if (query == null) {
      byte[] formErr = formErr(packet);
      if (formErr != null) {
        sendUdp(formErr, client);
      }
      return;
    }
    record(query, Transport.UDP);
    DnsFault fault = faultFor(query);
    int limit = udpLimit(query);
    if (fault == null) {
      sendUdp(encodeUdp(answerer.answer(query), query, limit), client);
      return;
    }
    if (fault instanceof DnsFault.Drop d) {
      boolean drop;
      synchronized (random) {
        drop = random.nextDouble() < d.fraction();
      }
      if (!drop) {
        sendUdp(encodeUdp(answerer.answer(query), query, limit), client);
      }
    } else if (fault instanceof DnsFault.DropFirst d) {
      if (!d.shouldDrop()) {
        sendUdp(encodeUdp(answerer.answer(query), query, limit), client);
      }
    } else if (fault instanceof DnsFault.Delay d) {
      byte[] wire = encodeUdp(answerer.answer(query), query, limit);
      try {
        scheduler.schedule(() -> sendUdp(wire, client), d.delay().toNanos(), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        // the server is closing: the answer is lost, as with a real server dying
      }
    } else if (fault instanceof DnsFault.Truncate) {
      Message tc = withEdns(ZoneAnswerer.emptyResponse(query, 0), query);
      tc.getHeader().setFlag(Flags.AA);
      tc.getHeader().setFlag(Flags.TC);
      sendUdp(tc.toWire(), client);
    } else {
      sendUdp(faultyAnswer(fault, query, limit), client);
    }
  }

  private void sendUdp(byte[] wire, SocketAddress client) {
    try {
      udp.send(ByteBuffer.wrap(wire), client);
    } catch (IOException e) {
      if (!closed.get()) {
        LOG.debug("UDP send to {} failed", client, e);
      }
    }
  }

  private static int udpLimit(Message query) {
    OPTRecord opt = query.getOPT();
    return opt == null ? PLAIN_UDP_LIMIT : Math.max(PLAIN_UDP_LIMIT, Math.min(65507, opt.getPayloadSize()));
  }

  /** Encodes an answer for UDP: a TC answer without records when it does not fit. */
  private static byte[] encodeUdp(Message resp, Message query, int limit) {
    byte[] wire = withEdns(resp, query).toWire();
    if (wire.length <= limit) {
      return wire;
    }
    Message tc = ZoneAnswerer.emptyResponse(query, resp.getHeader().getRcode());
    if (resp.getHeader().getFlag(Flags.AA)) {
      tc.getHeader().setFlag(Flags.AA);
    }
    tc.getHeader().setFlag(Flags.TC);
    return withEdns(tc, query).toWire();
  }

  private static Message withEdns(Message resp, Message query) {
    if (query.getOPT() != null && resp.getOPT() == null) {
      resp.addRecord(new OPTRecord(SERVER_EDNS_PAYLOAD, 0, 0), Section.ADDITIONAL);
    }
    return resp;
  }

  // ---------------------------------------------------------------------------------------------
  // TCP

  private void acceptLoop() {
    while (!closed.get()) {
      Socket s;
      try {
        s = tcp.accept();
      } catch (IOException e) {
        if (!closed.get()) {
          LOG.debug("TCP accept failed", e);
        }
        continue;
      }
      openConnections.add(s);
      if (closed.get()) {
        closeQuietly(s);
        return;
      }
      try {
        tcpWorkers.execute(() -> serveConnection(s));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        forget(s);
      }
    }
  }

  private void serveConnection(Socket s) {
    boolean keepOpen = false;
    try {
      s.setSoTimeout((int) tcpIdleTimeout.toMillis());
      s.setTcpNoDelay(true);
      DataInputStream in = new DataInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      while (!closed.get()) {
        int length;
        try {
          length = in.readUnsignedShort();
        } catch (EOFException | SocketTimeoutException e) {
          return;
        }
        byte[] packet = new byte[length];
        in.readFully(packet);
        Message query = parseQuery(packet);
        if (query == null) {
          byte[] formErr = formErr(packet);
          if (formErr != null) {
            writeTcp(out, formErr, formErr.length);
          }
          continue;
        }
        record(query, Transport.TCP);
        DnsFault fault = faultFor(query);
        byte[] wire;
        if (fault == null || fault instanceof DnsFault.Drop || fault instanceof DnsFault.DropFirst) {
          wire = withEdns(answerer.answer(query), query).toWire();
        } else if (fault instanceof DnsFault.Delay d) {
          sleep(d.delay());
          wire = withEdns(answerer.answer(query), query).toWire();
        } else if (fault instanceof DnsFault.Truncate t) {
          switch (t.onTcp()) {
            case RESET -> {
              s.setSoLinger(true, 0); // close() now sends RST instead of FIN
              return;
            }
            case HANG -> {
              keepOpen = true; // closed by close(); the client must give up on its own deadline
              return;
            }
            case CLOSE_MID_ANSWER -> {
              byte[] full = withEdns(answerer.answer(query), query).toWire();
              writeTcp(out, full, Math.max(1, full.length / 2));
              return;
            }
            default -> wire = withEdns(answerer.answer(query), query).toWire();
          }
        } else {
          wire = faultyAnswer(fault, query, 65535);
        }
        writeTcp(out, wire, wire.length);
      }
    } catch (IOException e) {
      if (!closed.get()) {
        LOG.debug("TCP connection {} failed: {}", s.getRemoteSocketAddress(), e.toString());
      }
    } finally {
      if (!keepOpen) {
        forget(s);
      }
    }
  }

  /** Writes the 2-byte length of the whole message, then {@code count} bytes of it. */
  private static void writeTcp(OutputStream out, byte[] wire, int count) throws IOException {
    byte[] framed = new byte[2 + count];
    framed[0] = (byte) (wire.length >>> 8);
    framed[1] = (byte) wire.length;
    System.arraycopy(wire, 0, framed, 2, count);
    out.write(framed);
    out.flush();
  }

  private void forget(Socket s) {
    openConnections.remove(s);
    closeQuietly(s);
  }

  // ---------------------------------------------------------------------------------------------
  // Shared

  /** Answers for the faults that behave the same on UDP and TCP. */
  private byte[] faultyAnswer(DnsFault fault, Message query, int limit) {
    if (fault instanceof DnsFault.Rcode r) {
      return encodeUdp(ZoneAnswerer.emptyResponse(query, r.rcode()), query, limit);
    }
    if (fault instanceof DnsFault.WrongId) {
      Message resp = answerer.answer(query);
      int offset;
      synchronized (random) {
        offset = 1 + random.nextInt(0xFFFE);
      }
      resp.getHeader().setID((query.getHeader().getID() + offset) & 0xFFFF);
      return encodeUdp(resp, query, limit);
    }
    if (fault instanceof DnsFault.WrongQuestion) {
      Message resp = answerer.answer(query);
      Record q = query.getQuestion();
      resp.removeAllRecords(Section.QUESTION);
      Name other = Name.fromConstantString("wrong-question.invalid.");
      resp.addRecord(Record.newRecord(other, q.getType(), q.getDClass()), Section.QUESTION);
      return encodeUdp(resp, query, limit);
    }
    if (fault instanceof DnsFault.Rewrite r) {
      return encodeUdp(r.rewriter().rewrite(query, answerer.answer(query)), query, limit);
    }
    if (fault instanceof DnsFault.Raw r) {
      return r.responder().respond(query);
    }
    return encodeUdp(answerer.answer(query), query, limit);
  }

  private DnsFault faultFor(Message query) {
    DnsFault f = faults.isEmpty() ? null : faults.get(query.getQuestion().getName());
    return f != null ? f : globalFault;
  }

  private static Message parseQuery(byte[] packet) {
    try {
      Message m = new Message(packet);
      if (m.getHeader().getFlag(Flags.QR) || m.getQuestion() == null) {
        return null;
      }
      return m;
    } catch (IOException e) {
      return null;
    }
  }

  /** A FORMERR answer for an unparseable query, or null when not even the id can be read. */
  private static byte[] formErr(byte[] packet) {
    if (packet.length < 12 || (packet[2] & 0x80) != 0) {
      return null; // too short, or a response: never answer a response (no loops)
    }
    byte[] out = new byte[12];
    out[0] = packet[0];
    out[1] = packet[1];
    out[2] = (byte) 0x80;
    out[3] = 1; // FORMERR
    return out;
  }

  private void record(Message query, Transport transport) {
    long now = System.nanoTime();
    queryCount.incrementAndGet();
    firstQueryNanos.compareAndSet(Long.MIN_VALUE, now);
    lastQueryNanos = now;
    if (recordQueries) {
      Record q = query.getQuestion();
      queries.add(new ReceivedQuery(
          canonical(q.getName()), Type.string(q.getType()), query.getHeader().getID(), transport, clock.instant()));
    }
  }

  static String canonical(Name name) {
    String s = name.toString(true).toLowerCase(java.util.Locale.ROOT);
    return s.isEmpty() ? "." : s;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // closing: nothing useful to do
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name.endsWith("tcp") ? name + "-" + n.incrementAndGet() : name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Configures an {@link AuthoritativeDnsServer}. Not thread-safe. */
  public static final class Builder {
    private final List<DnsZone> zones = new ArrayList<>();
    private final Map<Name, DnsFault> faults = new ConcurrentHashMap<>();
    private DnsFault globalFault;
    private long seed = 1;
    private Clock clock = Clock.systemUTC();
    private boolean recordQueries = true;
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port;
    private Duration tcpIdleTimeout = Duration.ofSeconds(5);

    private Builder() {}

    /** Serves this zone. */
    public Builder zone(DnsZone zone) {
      zones.add(Objects.requireNonNull(zone, "zone"));
      return this;
    }

    /** Serves the zone in this master file. */
    public Builder zoneFile(String origin, Path file) {
      return zone(DnsZone.fromMasterFile(origin, file));
    }

    /** A fault for exactly this name. */
    public Builder fault(String name, DnsFault fault) {
      faults.put(DnsZone.absolute(name), Objects.requireNonNull(fault, "fault"));
      return this;
    }

    /** A fault for every name without its own. */
    public Builder globalFault(DnsFault fault) {
      this.globalFault = fault;
      return this;
    }

    /** The seed of the random that decides {@link DnsFault.Drop} (default 1: reproducible). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The clock stamping {@link ReceivedQuery#receivedAt()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Whether to keep every query (default true); turn off for long benchmarks. */
    public Builder recordQueries(boolean record) {
      this.recordQueries = record;
      return this;
    }

    /** The loopback address to bind (default 127.0.0.1; {@code ::1} for IPv6 tests). */
    public Builder bindAddress(InetAddress loopback) {
      if (!loopback.isLoopbackAddress()) {
        throw new IllegalArgumentException("the test DNS server binds to loopback only: " + loopback);
      }
      this.bindAddress = loopback;
      return this;
    }

    /** A fixed port (default 0: ephemeral). */
    public Builder port(int port) {
      if (port < 0 || port > 0xFFFF) {
        throw new IllegalArgumentException("port must be 0..65535: " + port);
      }
      this.port = port;
      return this;
    }

    /** How long an idle TCP connection is kept open (default 5 s). */
    public Builder tcpIdleTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("tcpIdleTimeout must be positive");
      }
      this.tcpIdleTimeout = timeout;
      return this;
    }

    /** Binds the sockets and starts the server. */
    public AuthoritativeDnsServer start() {
      long t0 = System.nanoTime();
      try {
        AuthoritativeDnsServer server = new AuthoritativeDnsServer(this);
        LOG.debug("DNS server on {} started in {} µs", server.address, (System.nanoTime() - t0) / 1000);
        return server;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the DNS server: " + e.getMessage(), e);
      }
    }
  }
}
