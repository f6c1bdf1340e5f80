package io.fedcheck.api;

import java.util.Iterator;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Validates whether domains are ready for Microsoft SIP federation. The default implementation is
 * built with {@code io.fedcheck.core.FederationValidators.builder()} in {@code sdk-core}.
 *
 * <p>Thread-safe. A validation never fails with an exception for anything the network or the input
 * did: a malformed domain, a hostile DNS answer, a broken certificate or a hanging server all become
 * findings in a {@link FederationReport}, delivered within the validator's per-domain deadline.
 */
public interface FederationValidator extends AutoCloseable {

  /**
   * Validates one domain (Unicode or ASCII, any case, trailing dot allowed).
   *
   * @param domain the domain to validate
   * @return a stage that completes with the report, also when the domain fails the checks
   */
  CompletionStage<FederationReport> validate(String domain);

  /**
   * Validates one domain and waits for the report.
   *
   * @param domain the domain to validate (Unicode or ASCII, any case, trailing dot allowed)
   * @return the report
   */
  default FederationReport validateAndWait(String domain) {
    try {
      return validate(domain).toCompletableFuture().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /**
   * Validates many domains with bounded concurrency, handing each report to {@code consumer} as
   * soon as it is complete (in completion order, from one thread at a time). Memory is bounded by
   * the number in flight, not by the number of domains. Completes when every domain's report has
   * been delivered: N domains in, N reports out.
   *
   * @param domains the domains to validate, read as capacity frees up
   * @param consumer receives each report
   * @return a stage that completes once every report has been delivered
   */
  CompletionStage<Void> validateAll(Iterator<String> domains, Consumer<? super FederationReport> consumer);

  /**
   * Like {@link #validateAll(Iterator, Consumer)}, with options and a listener of progress events.
   * Progress events are sent from the same single thread at a time as the reports, after the
   * report they count; the last event has {@link AuditProgress#finished()} set.
   *
   * <p>This default ignores {@link BulkOptions#concurrency()} and counts reports as they pass; the
   * default validator in {@code sdk-core} honours every option.
   *
   * @param domains the domains to validate, read as capacity frees up
   * @param consumer receives each report
   * @param options how the audit runs
   * @param progress receives the progress events
   * @return a stage that completes once every report and the last progress event have been delivered
   */
  default CompletionStage<Void> validateAll(
      Iterator<String> domains,
      Consumer<? super FederationReport> consumer,
      BulkOptions options,
      Consumer<? super AuditProgress> progress) {
    java.util.Objects.requireNonNull(options, "options");
    java.util.Objects.requireNonNull(progress, "progress");
    long start = System.nanoTime();
    java.util.Map<Verdict, Long> counts = new java.util.EnumMap<>(Verdict.class);
    long[] done = {0};
    // Reports arrive one thread at a time, so plain fields guarded by that contract suffice; the
    // lock only publishes them to the thread that sends the final event.
    Object lock = new Object();
    return validateAll(
            domains,
            report -> {
              consumer.accept(report);
              synchronized (lock) {
                done[0]++;
                counts.merge(report.verdict(), 1L, Long::sum);
                progress.accept(new AuditProgress(done[0], options.expectedTotal(), 0, counts,
                    java.time.Duration.ofNanos(System.nanoTime() - start), false));
              }
            })
        .thenRun(
            () -> {
              synchronized (lock) {
                progress.accept(new AuditProgress(done[0], options.expectedTotal(), 0, counts,
                    java.time.Duration.ofNanos(System.nanoTime() - start), true));
              }
            });
  }

  /** Releases the backends this validator owns. */
  @Override
  void close();
}
