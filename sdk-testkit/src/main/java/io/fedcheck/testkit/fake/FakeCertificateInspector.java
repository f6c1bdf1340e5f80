package io.fedcheck.testkit.fake;

import io.fedcheck.api.CertificateInspector;
import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.SipExchange;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.TlsProbe;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory {@link CertificateInspector} for users' unit tests: declare what each endpoint
 * (server name and port) presents or how it fails, with delays and hangs, then inspect the probes
 * that were made, which is how a test proves that no connection was attempted.
 *
 * <pre>{@code
 * FakeCertificateInspector tls = new FakeCertificateInspector();
 * tls.on("expe.example.com", 5061).present(leaf, intermediate);
 * tls.on("dead.example.com", 5061).outcome(TlsOutcome.CONNECT_FAILED, "refused");
 * }</pre>
 *
 * <p>Undeclared endpoints answer {@link TlsOutcome#CONNECT_FAILED}. Thread-safe. Close it to stop
 * the timer thread that delivers delayed observations.
 */
public final class FakeCertificateInspector implements CertificateInspector {

  /**
   * One probe this inspector received.
   *
   * @param probe the probe
   * @param nanoTime {@link System#nanoTime()} when it arrived
   */
  public record Call(TlsProbe probe, long nanoTime) {}

  private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final FakeDelivery delivery = new FakeDelivery("fake-tls-timer");

  /** An inspector with no endpoints: every probe fails to connect. */
  public FakeCertificateInspector() {}

  /** Declares (or re-declares) the endpoint {@code serverName:port}, whatever address is probed. */
  public Endpoint on(String serverName, int port) {
    Endpoint e = new Endpoint();
    endpoints.put(key(serverName, port), e);
    return e;
  }

  /** Every probe received so far, in arrival order. */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** How many probes named this server. */
  public long calls(String serverName) {
    String n = serverName.toLowerCase(Locale.ROOT);
    return calls.stream().filter(c -> c.probe().serverName().equals(n)).count();
  }

  /** The most probes that were unfinished at the same time. */
  public int maxInFlight() {
    return delivery.maxInFlight();
  }

  @Override
  public CompletionStage<CertificateObservation> inspect(TlsProbe probe) {
    calls.add(new Call(probe, System.nanoTime()));
    Endpoint e = endpoints.get(key(probe.serverName(), probe.port()));
    if (e != null && e.thrown != null) {
      throw e.thrown;
    }
    Duration delay = e == null ? Duration.ZERO : e.delay;
    return delivery.deliver(e != null && e.never, delay, e == null ? null : e.failure,
        () -> e == null
            ? CertificateObservation.failed(probe, TlsOutcome.CONNECT_FAILED, "no fake endpoint declared", delay)
            : e.observe(probe, delay));
  }

  @Override
  public void close() {
    delivery.close();
  }

  private static String key(String serverName, int port) {
    String n = serverName.endsWith(".") ? serverName.substring(0, serverName.length() - 1) : serverName;
    return n.toLowerCase(Locale.ROOT) + ":" + port;
  }

  /** What one declared endpoint does. Fluent; thread-safe. */
  public static final class Endpoint {
    private volatile TlsOutcome outcome = TlsOutcome.CONNECT_FAILED;
    private volatile List<X509Certificate> chain = List.of();
    private volatile String detail = "";
    private volatile String protocol = "TLSv1.3";
    private volatile boolean clientCertificateRequested;
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean never;
    private volatile RuntimeException thrown;
    private volatile Throwable failure;
    private volatile SipExchange sip;

    Endpoint() {}

    /**
     * Simulates the SIP exchange after a completed handshake: probes that ask for SIP get {@code
     * exchange}. Without it such probes get {@link io.fedcheck.api.SipOutcome#NOT_ATTEMPTED}.
     */
    public Endpoint answersSip(SipExchange exchange) {
      this.sip = java.util.Objects.requireNonNull(exchange, "exchange");
      return this;
    }

    /** Completes the handshake presenting {@code chain} (leaf first). */
    public Endpoint present(X509Certificate... certificates) {
      return present(List.of(certificates));
    }

    /** Completes the handshake presenting {@code chain} (leaf first, not empty). */
    public Endpoint present(List<X509Certificate> certificates) {
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException("a completed handshake presents at least one certificate");
      }
      this.outcome = TlsOutcome.HANDSHAKE_COMPLETED;
      this.chain = List.copyOf(certificates);
      return this;
    }

    /** Fails with this outcome and detail, presenting nothing. */
    public Endpoint outcome(TlsOutcome value, String why) {
      this.outcome = value;
      this.chain = List.of();
      this.detail = why;
      return this;
    }

    /** The negotiated protocol reported on success (default {@code TLSv1.3}). */
    public Endpoint protocol(String value) {
      this.protocol = value;
      return this;
    }

    /** Reports that the server asked for a client certificate. */
    public Endpoint requestsClientCertificate() {
      this.clientCertificateRequested = true;
      return this;
    }

    /** Delays the observation. */
    public Endpoint after(Duration value) {
      this.delay = value;
      return this;
    }

    /** Never completes: an inspector that ignores its own deadline. */
    public Endpoint never() {
      this.never = true;
      return this;
    }

    /** Throws from {@code inspect} itself. */
    public Endpoint throwing(RuntimeException e) {
      this.thrown = e;
      return this;
    }

    /** Completes the stage exceptionally. */
    public Endpoint failing(Throwable e) {
      this.failure = e;
      return this;
    }

    CertificateObservation observe(TlsProbe probe, Duration elapsed) {
      if (outcome != TlsOutcome.HANDSHAKE_COMPLETED) {
        return CertificateObservation.failed(probe, outcome, detail, elapsed);
      }
      SipExchange exchange = probe.sipIfSet().isEmpty() ? SipExchange.notAttempted("")
          : sip != null ? sip : SipExchange.notAttempted("the fake inspector simulates no SIP for this endpoint");
      return new CertificateObservation(
          probe.serverName(), probe.address().getHostAddress(), probe.port(), outcome, chain,
          protocol, "TLS_AES_128_GCM_SHA256", clientCertificateRequested, "", elapsed, exchange);
    }
  }
}
