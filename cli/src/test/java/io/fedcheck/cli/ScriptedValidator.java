package io.fedcheck.cli;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.cli.options.CheckSettings;
import io.fedcheck.cli.options.ValidatorFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A validator for driving the commands without networks: returns the report a script gives for
 * each domain, and remembers what it was built with and asked.
 */
public final class ScriptedValidator implements FederationValidator, ValidatorFactory {
  private final Function<String, FederationReport> script;
  public final List<String> asked = new ArrayList<>();
  public CheckSettings settings;
  public int created;
  public boolean closed;

  public ScriptedValidator(Function<String, FederationReport> script) {
    this.script = script;
  }

  @Override
  public FederationValidator create(CheckSettings s) {
    this.settings = s;
    created++;
    return this;
  }

  @Override
  public CompletionStage<FederationReport> validate(String domain) {
    asked.add(domain);
    return CompletableFuture.completedFuture(script.apply(domain));
  }

  @Override
  public CompletionStage<Void> validateAll(
      Iterator<String> domains, Consumer<? super FederationReport> consumer) {
    domains.forEachRemaining(d -> consumer.accept(validateAndWait(d)));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void close() {
    closed = true;
  }
}
