package io.fedcheck.testkit.fake;

import io.fedcheck.api.AddressRecord;
import io.fedcheck.api.CnameRecord;
import io.fedcheck.api.DnsOutcome;
import io.fedcheck.api.DnsQuery;
import io.fedcheck.api.DnsRecord;
import io.fedcheck.api.DnsResult;
import io.fedcheck.api.DomainResolver;
import io.fedcheck.api.RecordType;
import io.fedcheck.api.SrvRecord;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link DomainResolver} for users' unit tests: declare records (a tiny zone) or
 * scripted answers per question, with outcomes, delays, hangs and failures, then inspect the
 * questions that were asked.
 *
 * <pre>{@code
 * FakeDomainResolver dns = new FakeDomainResolver()
 *     .srv("example.com", 0, 0, 5061, "expe.example.com")
 *     .a("expe.example.com", "203.0.113.10");
 * dns.on("slow.example.com", RecordType.A).outcome(DnsOutcome.TIMEOUT).after(Duration.ofMillis(50));
 * }</pre>
 *
 * <p>Names without any declared data answer {@link DnsOutcome#NXDOMAIN}. A scripted question
 * ({@link #on}) wins over declared records. Thread-safe: declare, then use from any thread. Close it
 * to stop the timer thread that delivers delayed answers.
 */
public final class FakeDomainResolver implements DomainResolver {

  /**
   * One question this resolver received.
   *
   * @param query the question
   * @param nanoTime {@link System#nanoTime()} when it arrived, for rate assertions
   */
  public record Call(DnsQuery query, long nanoTime) {}

  private final Map<String, List<SrvRecord>> srv = new ConcurrentHashMap<>();
  private final Map<String, List<AddressRecord>> addresses = new ConcurrentHashMap<>();
  private final Map<String, String> cnames = new ConcurrentHashMap<>();
  private final Map<String, Script> scripts = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final FakeDelivery delivery = new FakeDelivery("fake-dns-timer");
  private volatile long ttl = 300;
  private volatile Duration latency = Duration.ZERO;

  /** An empty fake: every name is NXDOMAIN until declared. */
  public FakeDomainResolver() {}

  /** Sets the TTL given to records declared afterwards (default 300 s). */
  public FakeDomainResolver ttl(long seconds) {
    this.ttl = seconds;
    return this;
  }

  /** Delays every answer that comes from declared records (not scripts) by {@code delay}. */
  public FakeDomainResolver latency(Duration delay) {
    this.latency = delay;
    return this;
  }

  /** Adds an SRV record {@code _sipfederationtls._tcp.<domain>} pointing at {@code target:port}. */
  public FakeDomainResolver srv(String domain, int priority, int weight, int port, String target) {
    String owner = "_sipfederationtls._tcp." + canonical(domain);
    srv.computeIfAbsent(owner, k -> new CopyOnWriteArrayList<>())
        .add(new SrvRecord(owner, priority, weight, port, target, ttl));
    return this;
  }

  /** Adds A/AAAA records for {@code name}; {@code ips} are IP literals (never looked up). */
  public FakeDomainResolver a(String name, String... ips) {
    String n = canonical(name);
    for (String ip : ips) {
      addresses.computeIfAbsent(n, k -> new CopyOnWriteArrayList<>())
          .add(new AddressRecord(n, literal(ip), ttl));
    }
    return this;
  }

  /** Declares {@code alias} as a CNAME of {@code target}: its A answer carries the chain. */
  public FakeDomainResolver cname(String alias, String target) {
    cnames.put(canonical(alias), canonical(target));
    return this;
  }

  /** Scripts the answers to one question; the script wins over declared records. */
  public Script on(String name, RecordType type) {
    Script s = new Script();
    scripts.put(key(canonical(name), type), s);
    return s;
  }

  /** Every question received so far, in arrival order. */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** How many times this question was asked. */
  public long calls(String name, RecordType type) {
    String n = canonical(name);
    return calls.stream().filter(c -> c.query().name().equals(n) && c.query().type() == type).count();
  }

  /** The most questions that were unanswered at the same time. */
  public int maxInFlight() {
    return delivery.maxInFlight();
  }

  /** Forgets the recorded calls (declarations stay). */
  public void clearCalls() {
    calls.clear();
    delivery.resetMaxInFlight();
  }

  @Override
  public CompletionStage<DnsResult> resolve(DnsQuery query) {
    calls.add(new Call(query, System.nanoTime()));
    Script script = scripts.get(key(query.name(), query.type()));
    Step step = script == null ? null : script.next();
    if (step != null && step.thrown != null) {
      throw step.thrown;
    }
    Duration delay = step == null ? latency : step.delay;
    return delivery.deliver(step != null && step.never, delay, step == null ? null : step.failure,
        () -> step == null ? fromZone(query, delay) : step.result(query, delay));
  }

  private DnsResult fromZone(DnsQuery q, Duration elapsed) {
    if (q.type() == RecordType.SRV) {
      List<SrvRecord> rr = srv.get(q.name());
      return rr == null || rr.isEmpty()
          ? DnsResult.of(q, known(q.name()) ? DnsOutcome.NO_DATA : DnsOutcome.NXDOMAIN, "fake", elapsed)
          : DnsResult.answer(q, rr, elapsed);
    }
    List<DnsRecord> answer = new ArrayList<>();
    String name = q.name();
    for (int hops = 0; cnames.containsKey(name) && hops < 16; hops++) {
      String target = cnames.get(name);
      answer.add(new CnameRecord(name, target, ttl));
      name = target;
    }
    final String last = name;
    List<AddressRecord> rr = addresses.getOrDefault(last, List.of());
    for (AddressRecord r : rr) {
      boolean v4 = r.address() instanceof java.net.Inet4Address;
      if ((q.type() == RecordType.A && v4) || (q.type() == RecordType.AAAA && !v4)) {
        answer.add(r);
      }
    }
    if (answer.isEmpty()) {
      return DnsResult.of(q, known(last) ? DnsOutcome.NO_DATA : DnsOutcome.NXDOMAIN, "fake", elapsed);
    }
    return DnsResult.answer(q, answer, elapsed);
  }

  private boolean known(String name) {
    return srv.containsKey(name) || addresses.containsKey(name) || cnames.containsKey(name);
  }

  @Override
  public void close() {
    delivery.close();
  }

  private static String key(String name, RecordType type) {
    return name + "/" + type;
  }

  private static String canonical(String name) {
    String n = name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
    return n.toLowerCase(Locale.ROOT);
  }

  static InetAddress literal(String ip) {
    if (!ip.matches("[0-9a-fA-F:.%]+")) {
      throw new IllegalArgumentException("not an IP literal: " + ip);
    }
    try {
      return InetAddress.getByName(ip); // an IP literal: parsed, never looked up
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP literal: " + ip, e);
    }
  }

  /**
   * The scripted answers to one question. Each call consumes the next step; the last step repeats.
   * Methods set the current step; {@link #then()} starts the next one. Thread-safe.
   */
  public static final class Script {
    private final List<Step> steps = new CopyOnWriteArrayList<>(List.of(new Step()));
    private final AtomicInteger used = new AtomicInteger();

    Script() {}

    private Step current() {
      return steps.get(steps.size() - 1);
    }

    /** Answers with these records (outcome {@link DnsOutcome#ANSWER}). */
    public Script answer(DnsRecord... records) {
      current().outcome = DnsOutcome.ANSWER;
      current().records = List.of(records);
      return this;
    }

    /** Answers with an outcome and no records, such as SERVFAIL or TIMEOUT. */
    public Script outcome(DnsOutcome outcome) {
      current().outcome = outcome;
      current().records = List.of();
      return this;
    }

    /** Delays the current step's answer. */
    public Script after(Duration delay) {
      current().delay = delay;
      return this;
    }

    /** Never completes the stage: a resolver that ignores its own deadline. */
    public Script never() {
      current().never = true;
      return this;
    }

    /** Throws from {@code resolve} itself (a broken backend). */
    public Script throwing(RuntimeException e) {
      current().thrown = e;
      return this;
    }

    /** Completes the stage exceptionally. */
    public Script failing(Throwable e) {
      current().failure = e;
      return this;
    }

    /** Starts the next step, used by the next call. */
    public Script then() {
      steps.add(new Step());
      return this;
    }

    Step next() {
      int i = used.getAndIncrement();
      return steps.get(Math.min(i, steps.size() - 1));
    }
  }

  private static final class Step {
    volatile DnsOutcome outcome = DnsOutcome.NXDOMAIN;
    volatile List<DnsRecord> records = List.of();
    volatile Duration delay = Duration.ZERO;
    volatile boolean never;
    volatile RuntimeException thrown;
    volatile Throwable failure;

    DnsResult result(DnsQuery q, Duration elapsed) {
      return outcome == DnsOutcome.ANSWER
          ? DnsResult.answer(q, records, elapsed)
          : DnsResult.of(q, outcome, "fake " + outcome, elapsed);
    }
  }
}
