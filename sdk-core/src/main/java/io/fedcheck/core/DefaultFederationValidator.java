package io.fedcheck.core;

import io.fedcheck.api.AuditProgress;
import io.fedcheck.api.BulkOptions;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.core.internal.BulkAudit;
import io.fedcheck.core.internal.DomainAudit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default validator: a {@link DomainAudit} per domain, a {@link BulkAudit} per bulk run. */
final class DefaultFederationValidator implements FederationValidator {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultFederationValidator.class);

  private final DomainAudit audit;
  private final Executor executor;
  private final int concurrency;
  private final long recentReports;
  private final List<AutoCloseable> owned;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Set<BulkAudit> running = ConcurrentHashMap.newKeySet();

  DefaultFederationValidator(DomainAudit audit, Executor executor, int concurrency, long recentReports,
      List<AutoCloseable> owned) {
    this.audit = audit;
    this.executor = executor;
    this.concurrency = concurrency;
    this.recentReports = recentReports;
    this.owned = new ArrayList<>(owned);
  }

  @Override
  public CompletionStage<FederationReport> validate(String domain) {
    return audit.validate(domain);
  }

  @Override
  public CompletionStage<Void> validateAll(Iterator<String> domains, Consumer<? super FederationReport> consumer) {
    return validateAll(domains, consumer, BulkOptions.ofDefaults(), p -> {});
  }

  @Override
  public CompletionStage<Void> validateAll(Iterator<String> domains, Consumer<? super FederationReport> consumer,
      BulkOptions options, Consumer<? super AuditProgress> progress) {
    Objects.requireNonNull(domains, "domains");
    Objects.requireNonNull(consumer, "consumer");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(progress, "progress");
    int n = options.concurrency() > 0 ? options.concurrency() : concurrency;
    BulkAudit bulk = new BulkAudit(audit::validate, domains, consumer, options, progress, executor, n, recentReports);
    running.add(bulk);
    if (closed.get()) {
      bulk.stop(new IllegalStateException("the validator is closed"));
    }
    CompletableFuture<Void> done = bulk.run();
    done.whenComplete((v, t) -> running.remove(bulk));
    return done;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // Bulk audits first: once the backends and timers are gone their reports in flight may never
    // come, so they end now, exceptionally, rather than hang.
    for (BulkAudit bulk : running) {
      bulk.stop(new IllegalStateException("the validator was closed during the bulk audit"));
    }
    // Reverse order: backends first, then the threads they may still call back on.
    for (int i = owned.size() - 1; i >= 0; i--) {
      try {
        owned.get(i).close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", owned.get(i).getClass().getSimpleName(), e.toString());
      }
    }
  }
}
