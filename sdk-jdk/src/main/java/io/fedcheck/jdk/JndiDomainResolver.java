package io.fedcheck.jdk;

import io.fedcheck.api.AddressRecord;
import io.fedcheck.api.CnameRecord;
import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.DnsRecord;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.DomainResolver;
import io.fedcheck.api.RecordType;
import io.fedcheck.api.ResolverOptions;
import io.fedcheck.api.SrvRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.naming.CommunicationException;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.OperationNotSupportedException;
import javax.naming.ServiceUnavailableException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DomainResolver} on the JDK's JNDI DNS provider ({@code com.sun.jndi.dns.DnsContextFactory}):
 * no dependency beyond the JDK.
 *
 * <p>JNDI calls block, and one JNDI context sends its UDP queries one at a time, so this resolver
 * keeps a small pool of contexts, each used by one of its own worker threads at a time; {@link
 * #resolve} queues the lookup and returns at once. The deadline is enforced by completing the
 * returned stage with {@link DnsOutcome#TIMEOUT} on time, whatever the worker is still waiting for.
 *
 * <p>What JNDI cannot do, and how this resolver copes:
 *
 * <ul>
 *   <li>It does not expose TTLs: every record has TTL 0 (unknown).
 *   <li>It returns only the final records of a CNAME chain, so for A and AAAA the chain is walked
 *       with CNAME queries first (one extra round trip per lookup, more for aliases). A chain that
 *       loops, or that is longer than 16 hops, is {@link DnsOutcome#MALFORMED}, as with the dnsjava
 *       resolver.
 *   <li>It ignores answers with a foreign id and waits for the right one, so a wrong id ends as
 *       {@link DnsOutcome#TIMEOUT}, not MALFORMED.
 *   <li>An answer to another question surfaces as {@link NameNotFoundException}, which is
 *       indistinguishable from NXDOMAIN.
 *   <li>When the TCP retry after a truncated UDP answer fails (reset, hang, closed mid-answer) it
 *       silently uses the empty truncated answer: the outcome is NO_DATA.
 *   <li>Some malformed RDATA (an A record cut short) is read as data instead of rejected.
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} closes the contexts and stops the workers.
 */
public final class JndiDomainResolver implements DomainResolver {
  private static final Logger LOG = LoggerFactory.getLogger(JndiDomainResolver.class);
  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");
  /** The most CNAME hops a lookup follows, as BIND and the dnsjava resolver do: longer chains fail. */
  private static final int MAX_CNAME_HOPS = 16;
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final String providerUrl;
  private final Duration queryTimeout;
  private final int retries;
  private final BlockingQueue<DirContext> contexts;
  private final List<DirContext> allContexts = new ArrayList<>();
  private final ExecutorService workers;
  private final AtomicBoolean closed = new AtomicBoolean();

  private JndiDomainResolver(Builder b) {
    this.providerUrl = providerUrl(b.options.servers());
    this.queryTimeout = b.options.queryTimeout();
    this.retries = b.options.retries();
    this.contexts = new ArrayBlockingQueue<>(b.contexts);
    Hashtable<String, String> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
    env.put(Context.PROVIDER_URL, providerUrl);
    // JNDI doubles the timeout on each retry; the stage's own deadline caps the total anyway.
    env.put("com.sun.jndi.dns.timeout.initial", Long.toString(Math.max(1, queryTimeout.toMillis())));
    env.put("com.sun.jndi.dns.timeout.retries", Integer.toString(retries + 1));
    env.put("com.sun.jndi.dns.recursion", "true");
    try {
      for (int i = 0; i < b.contexts; i++) {
        DirContext ctx = new InitialDirContext(env);
        allContexts.add(ctx);
        contexts.add(ctx);
      }
    } catch (NamingException e) {
      allContexts.forEach(JndiDomainResolver::closeQuietly);
      throw new IllegalStateException("cannot create a JNDI DNS context for " + providerUrl + ": " + e, e);
    }
    int n = INSTANCES.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(b.contexts, r -> {
      Thread t = new Thread(r, "fedcheck-jndi-dns-" + n + "-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    LOG.debug("JNDI resolver on {} with {} contexts", providerUrl, b.contexts);
  }

  /** A builder; with no server given, JNDI asks the system's resolvers. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public CompletionStage<DnsResult> resolve(DnsQuery query) {
    Objects.requireNonNull(query, "query");
    if (closed.get()) {
      return CompletableFuture.failedFuture(new IllegalStateException("resolver is closed"));
    }
    long start = System.nanoTime();
    CompletableFuture<DnsResult> result = new CompletableFuture<>();
    try {
      workers.execute(() -> {
        if (result.isDone()) {
          return; // the deadline passed while queued
        }
        DirContext ctx = null;
        try {
          ctx = contexts.take();
          result.complete(lookup(ctx, query, start));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          result.complete(DnsResult.of(query, DnsOutcome.TIMEOUT, "resolver closed", elapsed(start)));
        } catch (RuntimeException e) {
          // JNDI's parser throws unchecked exceptions on some garbage
          result.complete(DnsResult.of(query, DnsOutcome.MALFORMED, "unusable answer: " + e, elapsed(start)));
        } finally {
          if (ctx != null) {
            contexts.offer(ctx);
          }
        }
      });
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new IllegalStateException("resolver is closed", e));
    }
    result.completeOnTimeout(
        DnsResult.of(query, DnsOutcome.TIMEOUT, "no answer within " + query.timeout() + " from " + providerUrl,
            query.timeout()),
        query.timeout().toNanos(), TimeUnit.NANOSECONDS);
    return result;
  }

  private DnsResult lookup(DirContext ctx, DnsQuery query, long start) {
    long deadline = start + query.timeout().toNanos();
    String name = query.name();
    List<DnsRecord> records = new ArrayList<>();
    try {
      if (query.type() == RecordType.A || query.type() == RecordType.AAAA) {
        // JNDI hides the CNAME chain of an address answer: walk it explicitly. A loop or an
        // over-long chain is the zone's fault and would otherwise read as an alias without data.
        Set<String> seen = new HashSet<>();
        seen.add(canonical(name));
        while (true) {
          if (System.nanoTime() - deadline > 0) {
            return DnsResult.of(query, DnsOutcome.TIMEOUT, "no answer within " + query.timeout()
                + " while following the CNAME chain from " + query.name(), elapsed(start));
          }
          List<String> cname = values(ctx.getAttributes(name, new String[] {"CNAME"}), "CNAME");
          if (cname.isEmpty()) {
            break;
          }
          String target = canonical(cname.get(0));
          records.add(new CnameRecord(name, target, 0));
          if (!seen.add(target)) {
            return DnsResult.of(query, DnsOutcome.MALFORMED, "CNAME chain from " + query.name() + " loops back to "
                + target, elapsed(start));
          }
          if (records.size() > MAX_CNAME_HOPS) {
            return DnsResult.of(query, DnsOutcome.MALFORMED, "CNAME chain from " + query.name() + " longer than "
                + MAX_CNAME_HOPS + " hops", elapsed(start));
          }
          name = target;
        }
      }
      List<String> values = values(ctx.getAttributes(name, new String[] {query.type().name()}), query.type().name());
      if (values.isEmpty()) {
        if (!records.isEmpty()) {
          return new DnsResult(query, DnsOutcome.ANSWER, records, "the CNAME chain ends at " + name + " without "
              + query.type() + " records", elapsed(start));
        }
        return DnsResult.of(query, DnsOutcome.NO_DATA, name + " has no " + query.type() + " records", elapsed(start));
      }
      for (String v : values) {
        records.add(parse(query.type(), name, v));
      }
      return DnsResult.answer(query, records, elapsed(start));
    } catch (NameNotFoundException e) {
      return DnsResult.of(query, DnsOutcome.NXDOMAIN, name + " does not exist: " + e.getExplanation(), elapsed(start));
    } catch (ServiceUnavailableException e) {
      return DnsResult.of(query, DnsOutcome.SERVFAIL, "SERVFAIL: " + e.getExplanation(), elapsed(start));
    } catch (OperationNotSupportedException e) {
      String why = String.valueOf(e.getExplanation());
      DnsOutcome outcome = why.contains("refused") ? DnsOutcome.REFUSED : DnsOutcome.MALFORMED;
      return DnsResult.of(query, outcome, why, elapsed(start));
    } catch (CommunicationException e) {
      return DnsResult.of(query, communicationOutcome(e), describe(e), elapsed(start));
    } catch (NamingException e) {
      return DnsResult.of(query, DnsOutcome.MALFORMED, describe(e), elapsed(start));
    } catch (IllegalArgumentException e) {
      return DnsResult.of(query, DnsOutcome.MALFORMED, "unusable record: " + e.getMessage(), elapsed(start));
    }
  }

  /** Timeouts and connection failures are TIMEOUT (no answer arrived); a malformed packet is MALFORMED. */
  private static DnsOutcome communicationOutcome(CommunicationException e) {
    Throwable root = e.getRootCause();
    if (root == null || root instanceof SocketTimeoutException || root instanceof SocketException) {
      return DnsOutcome.TIMEOUT;
    }
    String text = String.valueOf(e.getExplanation()) + " " + root.getMessage();
    if (text.contains("malformed") || text.contains("Invalid") || text.contains("compression")) {
      return DnsOutcome.MALFORMED;
    }
    return root instanceof IOException ? DnsOutcome.TIMEOUT : DnsOutcome.MALFORMED;
  }

  private static String describe(NamingException e) {
    return e.getExplanation() + (e.getRootCause() != null ? ": " + e.getRootCause() : "");
  }

  private static List<String> values(Attributes attrs, String id) throws NamingException {
    Attribute attr = attrs.get(id);
    List<String> out = new ArrayList<>();
    if (attr == null) {
      return out;
    }
    NamingEnumeration<?> e = attr.getAll();
    while (e.hasMore()) {
      out.add(String.valueOf(e.next()).trim());
    }
    return out;
  }

  /** Parses one JNDI attribute value (RFC 1035 presentation form). */
  static DnsRecord parse(RecordType type, String owner, String value) {
    switch (type) {
      case SRV -> {
        String[] f = value.split("\\s+");
        if (f.length != 4) {
          throw new IllegalArgumentException("bad SRV data: " + value);
        }
        return new SrvRecord(owner, Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]),
            canonical(f[3]), 0);
      }
      case A -> {
        return new AddressRecord(owner, literal(value, IPV4, 4), 0);
      }
      case AAAA -> {
        return new AddressRecord(owner, literal(value, IPV6, 16), 0);
      }
      case CNAME -> {
        return new CnameRecord(owner, canonical(value), 0);
      }
      default -> throw new IllegalArgumentException("unsupported type " + type);
    }
  }

  private static InetAddress literal(String value, Pattern shape, int length) {
    // Checked to be a literal first, so InetAddress never performs a lookup.
    if (!shape.matcher(value).matches()) {
      throw new IllegalArgumentException("bad address data: " + value);
    }
    try {
      InetAddress a = InetAddress.getByName(value);
      if (a.getAddress().length != length) {
        throw new IllegalArgumentException("bad address data: " + value);
      }
      return a;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bad address data: " + value, e);
    }
  }

  private static String canonical(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    return n.length() > 1 && n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static String providerUrl(List<InetSocketAddress> servers) {
    if (servers.isEmpty()) {
      return "dns:"; // JNDI reads the system's resolver configuration
    }
    List<String> urls = new ArrayList<>();
    for (InetSocketAddress s : servers) {
      InetAddress a = s.getAddress();
      String host = a == null ? s.getHostString() : a.getHostAddress();
      if (host.contains(":")) {
        host = "[" + host + "]";
      }
      urls.add("dns://" + host + ":" + s.getPort());
    }
    return String.join(" ", urls);
  }

  /** Closes the contexts and stops the workers; lookups in flight end as TIMEOUT. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    workers.shutdownNow();
    allContexts.forEach(JndiDomainResolver::closeQuietly);
  }

  private static void closeQuietly(DirContext ctx) {
    try {
      ctx.close();
    } catch (NamingException ignored) {
      // closing: nothing useful to do
    }
  }

  @Override
  public String toString() {
    return "JndiDomainResolver[" + providerUrl + "]";
  }

  /** Configures a {@link JndiDomainResolver}. Not thread-safe. */
  public static final class Builder {
    private ResolverOptions options = ResolverOptions.ofDefaults();
    private int contexts = 4;

    private Builder() {}

    /** Takes the servers, per-attempt timeout and retries of {@code value} (zone files are ignored). */
    public Builder options(ResolverOptions value) {
      options = Objects.requireNonNull(value, "options");
      return this;
    }

    /** Adds a server to ask (default: the system's resolvers). */
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

    /** How long JNDI's first attempt waits (default 2 s; JNDI doubles it on each retry). */
    public Builder queryTimeout(Duration timeout) {
      options = options.withQueryTimeout(timeout);
      return this;
    }

    /** How many times a timed-out attempt is repeated (default 2). */
    public Builder retries(int retries) {
      options = options.withRetries(retries);
      return this;
    }

    /** How many JNDI contexts (and worker threads) run lookups in parallel (default 4). */
    public Builder contexts(int contexts) {
      if (contexts < 1 || contexts > 256) {
        throw new IllegalArgumentException("contexts must be 1..256: " + contexts);
      }
      this.contexts = contexts;
      return this;
    }

    /** Builds the resolver. */
    public JndiDomainResolver build() {
      return new JndiDomainResolver(this);
    }
  }
}
