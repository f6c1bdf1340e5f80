package io.fedcheck.api;

import java.util.concurrent.CompletionStage;

/**
 * The DNS service provider interface: answers SRV, A, AAAA and CNAME questions.
 *
 * <p>Implementations are thread-safe and asynchronous: {@link #resolve} returns at once and never
 * blocks the calling thread on the network. Every DNS outcome (NXDOMAIN, no data, SERVFAIL,
 * refused, timeout, malformed answer) completes the stage normally with a {@link DnsResult}; the
 * stage completes exceptionally only on a programming or configuration error. The stage completes
 * within the query's timeout (plus scheduling slack).
 *
 * <p>Backends: {@code sdk-dnsjava} (dnsjava, the default), {@code sdk-jdk} (JNDI), the offline
 * zone-file resolver, and the test kit's in-memory fake.
 */
public interface DomainResolver extends AutoCloseable {

  /**
   * Looks up one name.
   *
   * @param query the name, record type and deadline
   * @return a stage that completes normally with the result for every DNS outcome, failures included
   */
  CompletionStage<DnsResult> resolve(DnsQuery query);

  /** Releases sockets and threads this resolver owns. Idempotent. */
  @Override
  default void close() {}
}
