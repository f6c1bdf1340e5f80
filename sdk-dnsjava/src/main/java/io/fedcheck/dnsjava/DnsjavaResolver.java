package io.fedcheck.dnsjava;

import io.fedcheck.api.CnameRecord;
import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.DnsRecord;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.DomainResolver;
import io.fedcheck.api.ResolverOptions;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/**
 * A {@link DomainResolver} on dnsjava's wire codec ({@link Message}, {@link Record}): no thread
 * waits on the network, and results complete on an executor this resolver owns (or one the caller
 * gives and keeps owning).
 *
 * <p>Two transports carry the queries ({@link Builder#transport}):
 * <ul>
 *   <li>{@link Transport#MULTIPLEXED} (the default): a few long-lived non-blocking UDP channels
 *       shared by every query, answers matched to queries by server, random id and question, one
 *       IO thread and one timer thread; beyond {@link Builder#maxInFlight} queries wait in line
 *       (back-pressure) instead of failing. Built for bulk audits (tens of thousands of queries/s).
 *   <li>{@link Transport#PER_QUERY}: dnsjava's {@code SimpleResolver.sendAsync}, one UDP channel per
 *       query (about 10,000 queries/s at most).
 * </ul>
 *
 * <p>Each attempt asks one server over UDP (EDNS, 1232-byte payload); a truncated answer is asked
 * again over TCP within the same attempt, on a fresh connection per query that the attempt's
 * deadline closes (never on a connection shared with other queries, so one server that hangs a TCP
 * exchange cannot stall later ones). Only an attempt that timed out, failed on the network
 * (port unreachable, no route: no more telling than a timeout) or got SERVFAIL is retried, up to
 * {@code retries} times, rotating through the servers; NXDOMAIN, REFUSED, malformed and cut-short
 * answers are final at once. A server that timed out or failed on the network is also skipped by
 * the lookups that start afterwards (they begin at the next server), so a dead first server costs
 * one timeout, not one per lookup, even with no retries. The whole lookup never outlives {@link
 * DnsQuery#timeout()}. An answer whose question does not match the query, or that cannot be parsed,
 * is {@link DnsOutcome#MALFORMED}; so is an answer with a foreign id (RFC 5452: never used) — the
 * per-query transport reports it at once, the multiplexed one keeps waiting for the genuine answer
 * and reports MALFORMED only if none comes. CNAME records on the chain from the question name are
 * kept in {@link DnsResult#records()}, so an alias is visible; a chain that ends without data is
 * followed with another query.
 *
 * <p>Thread-safe; {@link #close()} ends pending lookups with {@link DnsOutcome#TIMEOUT} ("resolver
 * closed"), closes the channels and stops the threads it created.
 */
public final class DnsjavaResolver implements DomainResolver {
  private static final Logger LOG = LoggerFactory.getLogger(DnsjavaResolver.class);
  private static final int EDNS_PAYLOAD = 1232;
  private static final int MAX_CNAME_QUERIES = 8;
  /** The most CNAME hops a lookup follows in all, as BIND does: longer chains and loops fail. */
  private static final int MAX_CNAME_HOPS = 16;
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final List<InetSocketAddress> servers;
  private final Duration queryTimeout;
  private final int retries;
  private final Executor executor;
  private final ExecutorService ownedExecutor;
  private final DnsTransport transport;
  private final Set<Lookup> pending = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();
  /**
   * The server new lookups ask first; it moves on when that server times out or fails on the
   * network, so a dead first server is skipped even with no retries (the validator retries above
   * this backend by calling it again).
   */
  private final AtomicInteger preferred = new AtomicInteger();

  /** How queries travel to the servers. */
  public enum Transport {
    /** A small pool of long-lived UDP channels shared by all queries (the default). */
    MULTIPLEXED,
    /** dnsjava's {@code SimpleResolver}: one UDP channel per query. */
    PER_QUERY
  }

  private DnsjavaResolver(Builder b) {
    this.servers = b.options.servers().isEmpty() ? systemServers() : b.options.servers();
    this.queryTimeout = b.options.queryTimeout();
    this.retries = b.options.retries();
    if (b.executor != null) {
      this.executor = b.executor;
      this.ownedExecutor = null;
    } else {
      int n = INSTANCES.incrementAndGet();
      AtomicInteger threads = new AtomicInteger();
      this.ownedExecutor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "fedcheck-dnsjava-" + n + "-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      this.executor = ownedExecutor;
    }
    if (b.transport == Transport.PER_QUERY) {
      this.transport = new PerQueryTransport(EDNS_PAYLOAD, executor);
    } else {
      try {
        this.transport = new MultiplexedUdpTransport(b.udpChannels, b.maxInFlight);
      } catch (RuntimeException e) {
        if (ownedExecutor != null) {
          ownedExecutor.shutdownNow();
        }
        throw e;
      }
    }
    LOG.debug("dnsjava resolver: servers {}, attempt timeout {}, {} retries, transport {}",
        servers, queryTimeout, retries, transport);
  }

  /** A builder; with no server given the resolver asks the system's resolvers. */
  public static Builder builder() {
    return new Builder();
  }

  /** The servers asked, in order. */
  public List<InetSocketAddress> servers() {
    return servers;
  }

  @Override
  public CompletionStage<DnsResult> resolve(DnsQuery query) {
    Objects.requireNonNull(query, "query");
    if (closed.get()) {
      return CompletableFuture.failedFuture(new IllegalStateException("resolver is closed"));
    }
    long start = System.nanoTime();
    long deadline = start + query.timeout().toNanos();
    CompletableFuture<DnsResult> result = new CompletableFuture<>();
    Name qname;
    try {
      qname = Name.fromString(query.name(), Name.root);
    } catch (TextParseException e) {
      result.complete(DnsResult.of(query, DnsOutcome.MALFORMED, "not a valid DNS name: " + e.getMessage(),
          Duration.ZERO));
      return result;
    }
    Lookup lookup = new Lookup(query, start, deadline, result);
    pending.add(lookup);
    result.whenComplete((r, e) -> lookup.ended());
    if (closed.get()) {
      // close() may have swept the pending lookups before this one was added
      lookup.finish(DnsOutcome.TIMEOUT, "resolver closed");
      return result;
    }
    lookup.ask(qname, 0, new ArrayList<>());
    // The hard deadline: whatever happens below, the caller hears back on time.
    result.completeOnTimeout(
        DnsResult.of(query, DnsOutcome.TIMEOUT, "no answer within " + query.timeout(), query.timeout()),
        query.timeout().toNanos(), TimeUnit.NANOSECONDS);
    return result;
  }

  /**
   * Ends every pending lookup with {@link DnsOutcome#TIMEOUT} ("resolver closed"), closes the
   * transport's channels and threads, and stops the executor this resolver created (not one given
   * to the builder). Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (Lookup lookup : pending) {
      lookup.finish(DnsOutcome.TIMEOUT, "resolver closed");
    }
    transport.close();
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
  }

  /** The transport (for tests in this package). */
  DnsTransport transport() {
    return transport;
  }

  @Override
  public String toString() {
    return "DnsjavaResolver" + servers;
  }

  private static List<InetSocketAddress> systemServers() {
    List<InetSocketAddress> system = ResolverConfig.getCurrentConfig().servers();
    if (system.isEmpty()) {
      throw new IllegalStateException("no system DNS servers found; give servers to DnsjavaResolver.builder()");
    }
    return List.copyOf(system);
  }

  /** The state of one {@link #resolve} call. */
  private final class Lookup {
    private final DnsQuery query;
    private final long start;
    private final long deadline;
    private final CompletableFuture<DnsResult> result;
    private final int qtype;
    private final int firstServer = preferred.get();
    private int cnameQueries;
    /** The attempt on the wire, abandoned when the lookup ends first (deadline, close). */
    private volatile CompletableFuture<Message> current;

    Lookup(DnsQuery query, long start, long deadline, CompletableFuture<DnsResult> result) {
      this.query = query;
      this.start = start;
      this.deadline = deadline;
      this.result = result;
      this.qtype = AnswerReader.dnsType(query.type());
    }

    /** Asks for {@code name}, {@code attempt} being the 0-based attempt number. */
    void ask(Name name, int attempt, List<DnsRecord> chainSoFar) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0 || result.isDone()) {
        finish(DnsOutcome.TIMEOUT, "no answer within " + query.timeout());
        return;
      }
      int index = (firstServer + attempt) % servers.size();
      InetSocketAddress server = servers.get(index);
      Message message = Message.newQuery(Record.newRecord(name, qtype, DClass.IN));
      message.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0), Section.ADDITIONAL);
      CompletableFuture<Message> sent;
      try {
        sent = transport.send(server, message, queryTimeout.toNanos(), deadline);
        current = sent;
        // The transport completes attempts on its IO or timer thread: continue on the executor.
        sent.whenCompleteAsync((response, error) -> {
          try {
            if (error != null) {
              onError(name, attempt, chainSoFar, server, index, unwrap(error));
            } else {
              onResponse(name, attempt, chainSoFar, server, response);
            }
          } catch (RuntimeException e) {
            // a bug or an answer dnsjava parsed but we could not convert: never let it escape
            finish(DnsOutcome.MALFORMED, "unusable answer from " + server + ": " + e);
          }
        }, executor);
      } catch (RuntimeException e) {
        // the executor was shut down by close(), or dnsjava refused the query
        finish(closed.get() ? DnsOutcome.TIMEOUT : DnsOutcome.MALFORMED,
            closed.get() ? "resolver closed" : "query not sent: " + e);
      }
    }

    /** Called once the result is complete: forgets this lookup and abandons its attempt. */
    void ended() {
      pending.remove(this);
      CompletableFuture<Message> attempt = current;
      if (attempt != null) {
        attempt.cancel(false);
      }
    }

    private void onError(Name name, int attempt, List<DnsRecord> chain, InetSocketAddress server, int index,
        Throwable e) {
      if (e instanceof CancellationException || result.isDone()) {
        return; // the lookup already ended (deadline or close)
      }
      if (e instanceof WireParseException) {
        // id or question mismatch, or an unparseable answer (RFC 5452: never use it). Not retried:
        // only timeouts and SERVFAIL are (issue 7); asking again would only repeat it.
        finish(DnsOutcome.MALFORMED, "malformed answer from " + server + ": " + e.getMessage());
        return;
      }
      if (e instanceof EOFException) {
        finish(DnsOutcome.MALFORMED, "answer from " + server + " ended early: " + e.getMessage());
        return;
      }
      if (e instanceof IOException || e instanceof TimeoutException) {
        // A timeout, or a network error (port unreachable, no route) that says no more than a
        // timeout would: retried, on the next server if there is one; later lookups start there.
        preferred.compareAndSet(index, (index + 1) % servers.size());
        if (!retry(name, attempt, chain)) {
          String why = e instanceof SocketTimeoutException || e instanceof TimeoutException
              ? "timed out" : e.toString();
          finish(DnsOutcome.TIMEOUT, "no answer from " + server + " after " + (attempt + 1) + " attempt(s): " + why);
        }
        return;
      }
      finish(DnsOutcome.MALFORMED, "unusable answer from " + server + ": " + e);
    }

    /** Retries on the next server if an attempt and time are left. */
    private boolean retry(Name name, int attempt, List<DnsRecord> chain) {
      if (attempt < retries && deadline - System.nanoTime() > 0 && !result.isDone()) {
        ask(name, attempt + 1, chain);
        return true;
      }
      return false;
    }

    private void onResponse(Name name, int attempt, List<DnsRecord> chain, InetSocketAddress server, Message resp) {
      int rcode = resp.getRcode();
      if (resp.getHeader().getFlag(Flags.TC)) {
        // Both transports retry truncated answers over TCP; a TC answer here came over TCP.
        finish(DnsOutcome.MALFORMED, "truncated answer from " + server + " even over TCP");
        return;
      }
      switch (rcode) {
        case Rcode.NOERROR -> onNoError(name, chain, server, resp);
        case Rcode.NXDOMAIN -> finish(DnsOutcome.NXDOMAIN, name + " does not exist (NXDOMAIN from " + server + ")");
        case Rcode.SERVFAIL -> {
          if (!retry(name, attempt, chain)) {
            finish(DnsOutcome.SERVFAIL, "SERVFAIL from " + server);
          }
        }
        // An answer, not a transient failure: never retried (issue 7), like NXDOMAIN.
        case Rcode.REFUSED -> finish(DnsOutcome.REFUSED, "REFUSED by " + server);
        default -> finish(DnsOutcome.MALFORMED, "unexpected RCODE " + Rcode.string(rcode) + " from " + server);
      }
    }

    private void onNoError(Name name, List<DnsRecord> chainSoFar, InetSocketAddress server, Message resp) {
      AnswerReader.Chain read = AnswerReader.read(resp.getSection(Section.ANSWER), name, qtype);
      List<DnsRecord> records = new ArrayList<>(chainSoFar);
      records.addAll(read.records());
      long hops = records.stream().filter(r -> r instanceof CnameRecord).count();
      if (hops > MAX_CNAME_HOPS || !read.hasData() && !read.records().isEmpty() && read.end().equals(name)) {
        // A loop comes back to the name asked; without this it read as a conclusive NO_DATA.
        finish(DnsOutcome.MALFORMED, "CNAME chain from " + query.name()
            + (hops > MAX_CNAME_HOPS ? " longer than " + MAX_CNAME_HOPS + " hops" : " loops back to " + name));
        return;
      }
      if (read.hasData()) {
        complete(DnsResult.answer(query, records, elapsed()));
        return;
      }
      if (!read.end().equals(name) && cnameQueries < MAX_CNAME_QUERIES) {
        // The server gave the alias but not its target's data (the target is outside its zone).
        cnameQueries++;
        ask(read.end(), 0, records);
        return;
      }
      if (!read.end().equals(name)) {
        finish(DnsOutcome.MALFORMED, "CNAME chain from " + query.name() + " too long");
        return;
      }
      if (!resp.getHeader().getFlag(Flags.AA) && !resp.getHeader().getFlag(Flags.RA)
          && resp.getSection(Section.AUTHORITY).stream().anyMatch(r -> r.getType() == Type.NS)) {
        finish(DnsOutcome.MALFORMED, server + " sent a referral: it is not a recursive resolver");
        return;
      }
      finish(DnsOutcome.NO_DATA, name + " has no " + query.type() + " records (" + server + ")");
    }

    void finish(DnsOutcome outcome, String detail) {
      complete(DnsResult.of(query, outcome, detail, elapsed()));
    }

    private void complete(DnsResult r) {
      result.complete(r);
    }

    private Duration elapsed() {
      return Duration.ofNanos(System.nanoTime() - start);
    }
  }

  private static Throwable unwrap(Throwable t) {
    Throwable e = t;
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /** Configures a {@link DnsjavaResolver}. Not thread-safe. */
  public static final class Builder {
    private ResolverOptions options = ResolverOptions.ofDefaults();
    private Executor executor;
    private Transport transport = Transport.MULTIPLEXED;
    private int udpChannels = 2;
    private int maxInFlight = MultiplexedUdpTransport.DEFAULT_MAX_IN_FLIGHT;

    private Builder() {}

    /** Takes the servers, per-attempt timeout and retries of {@code value} (zone files are ignored). */
    public Builder options(ResolverOptions value) {
      options = Objects.requireNonNull(value, "options");
      return this;
    }

    /** Adds a server to ask (default: the system's resolvers, from dnsjava's {@link ResolverConfig}). */
    public Builder server(InetSocketAddress server) {
      List<InetSocketAddress> more = new ArrayList<>(options.servers());
      more.add(Objects.requireNonNull(server, "server"));
      options = options.withServers(more);
      return this;
    }

    /** Sets the servers to ask, in order. */
    public Builder servers(List<InetSocketAddress> list) {
      options = options.withServers(list);
      return this;
    }

    /** How long one attempt waits for an answer (default 2 s). */
    public Builder queryTimeout(Duration timeout) {
      options = options.withQueryTimeout(timeout);
      return this;
    }

    /**
     * How many times an attempt that timed out, failed on the network or got SERVFAIL is repeated
     * (default 2). Set 0 when a layer above retries already (the validator does), so that retries do
     * not multiply.
     */
    public Builder retries(int retries) {
      options = options.withRetries(retries);
      return this;
    }

    /**
     * The executor lookups continue and complete on; the caller keeps owning it. Default: two daemon
     * threads owned and stopped by the resolver. Never give a pool whose threads block.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** How queries travel (default {@link Transport#MULTIPLEXED}). */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /** How many UDP channels the multiplexed transport shares between queries (1..16, default 2). */
    public Builder udpChannels(int channels) {
      if (channels < 1 || channels > 16) {
        throw new IllegalArgumentException("udpChannels must be 1..16: " + channels);
      }
      this.udpChannels = channels;
      return this;
    }

    /**
     * How many UDP queries the multiplexed transport keeps on the wire at once (1..16,384 per channel,
     * default {@value MultiplexedUdpTransport#DEFAULT_MAX_IN_FLIGHT}); more wait in line, still bound
     * by their deadline. Too many at once overflow the socket buffers of the server and of the
     * network path and turn into timeouts.
     */
    public Builder maxInFlight(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxInFlight must be positive: " + max);
      }
      this.maxInFlight = max;
      return this;
    }

    /** Builds the resolver. */
    public DnsjavaResolver build() {
      return new DnsjavaResolver(this);
    }
  }
}
