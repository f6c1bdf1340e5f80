package io.fedcheck.cli.options;

import io.fedcheck.api.FederationValidator;
import io.fedcheck.api.InspectorOptions;
import io.fedcheck.api.Policy;
import io.fedcheck.api.ResolverOptions;
import io.fedcheck.core.DeadlineBudget;
import io.fedcheck.core.FederationValidators;
import io.fedcheck.core.ResilienceSettings;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real {@link ValidatorFactory}: picks the DNS backend and certificate inspector from the
 * settings and builds the SDK's validator, which owns and closes both. The only class of the CLI
 * that knows the backends, and it knows them only by their provider names.
 */
public final class ValidatorSetup implements ValidatorFactory {

  @Override
  public FederationValidator create(CheckSettings settings) {
    // Created here, not in a static field: the log level is set after the command line is parsed.
    Logger log = LoggerFactory.getLogger(ValidatorSetup.class);
    Policy policy = settings.policy();
    ResolverOptions resolverOptions = settings.resolverOptions();
    InspectorOptions inspectorOptions = settings.inspectorOptions();
    String resolverName = settings.offlineDns() ? "zonefile" : settings.resolver().cliName();
    // No name: discovery picks the live backend (netty where BoringSSL loads, else jsse).
    String inspectorName = settings.certificateDirectoryIfSet().isPresent() ? "pem"
        : settings.tlsBackend() == null ? null : settings.tlsBackend().cliName();
    log.debug(
        "validator: resolver={} servers={} queryTimeout={} inspector={} certDir={} deadline={} policy={}",
        resolverName, resolverOptions.servers(), resolverOptions.queryTimeout(), inspectorName,
        inspectorOptions.certificateDirectory(), settings.timeout(), policy);
    try {
      return build(settings, resolverName, resolverOptions, inspectorName, inspectorOptions, policy);
    } catch (RuntimeException e) {
      // A zone file is the user's input: a bad one is a usage error (exit 2), not a failure of ours.
      throw settings.offlineDns() ? ZoneFileOptions.asUsageError(e) : e;
    }
  }

  private static FederationValidator build(CheckSettings settings, String resolverName,
      ResolverOptions resolverOptions, String inspectorName, InspectorOptions inspectorOptions, Policy policy) {
    return FederationValidators.builder()
        .resolverName(resolverName)
        .resolverOptions(resolverOptions)
        .inspectorName(inspectorName)
        .inspectorOptions(inspectorOptions)
        .policy(policy)
        .clock(Clock.systemUTC())
        .deadline(settings.timeout())
        .queryTimeout(DeadlineBudget.dnsLookup(settings.timeout()))
        .handshakeTimeout(settings.timeout())
        .skipTls(settings.skipTls())
        .resilience(ResilienceSettings.ofDefaults().toBuilder()
            .dnsQueriesPerSecond(settings.dnsQueriesPerSecond()).build())
        .build();
  }
}
