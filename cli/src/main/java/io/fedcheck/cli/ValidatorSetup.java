package io.fedcheck.cli;

import io.fedcheck.api.FederationValidator;
import io.fedcheck.api.InspectorOptions;
import io.fedcheck.api.Policy;
import io.fedcheck.api.ResolverOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real {@link ValidatorFactory}: picks the DNS backend and certificate inspector from the
 * settings and builds the SDK's validator. The only class of the CLI that knows the backends.
 */
final class ValidatorSetup implements ValidatorFactory {

  @Override
  public FederationValidator create(CheckSettings settings) {
    // Created here, not in a static field: the log level is set after the command line is parsed.
    Logger log = LoggerFactory.getLogger(ValidatorSetup.class);
    Policy policy = settings.policy();
    ResolverOptions resolverOptions = settings.resolverOptions();
    InspectorOptions inspectorOptions = settings.inspectorOptions();
    log.debug(
        "validator: resolver={} offlineDns={} servers={} queryTimeout={} certDir={} deadline={} policy={}",
        settings.resolver().cliName(), settings.offlineDns(), resolverOptions.servers(),
        resolverOptions.queryTimeout(), inspectorOptions.certificateDirectory(), settings.timeout(),
        policy);
    // INTEGRATION: build the resolver:
    //   settings.offlineDns()            -> new io.fedcheck.dnsjava.ZoneFileResolver(resolverOptions)
    //   resolver() == DNSJAVA (default)  -> new io.fedcheck.dnsjava.DnsjavaResolver(resolverOptions)
    //   resolver() == JDK                -> new io.fedcheck.jdk.JndiDomainResolver(resolverOptions)
    // INTEGRATION: build the inspector:
    //   certificateDirectoryIfSet()      -> new io.fedcheck.jdk.PemCertificateInspector(inspectorOptions)
    //   otherwise                        -> new io.fedcheck.jdk.JsseCertificateInspector(inspectorOptions)
    // INTEGRATION: return io.fedcheck.core.FederationValidators.builder()
    //   .resolver(resolver).inspector(inspector).policy(policy).clock(Clock.systemUTC())
    //   .deadline(settings.timeout()).skipTls(settings.skipTls())
    //   .resilience(ResilienceSettings.ofDefaults().toBuilder()
    //       .dnsQueriesPerSecond(settings.dnsQueriesPerSecond()).build())
    //   .build();
    // The validator must own and close both backends (or wrap them so close() closes them).
    throw new IllegalStateException(
        "this build of fedcheck has no validator backends wired in (sdk-core, sdk-dnsjava, sdk-jdk)");
  }
}
