package io.fedcheck.cli.options;

import io.fedcheck.api.FederationValidator;

/**
 * Builds the validator a command runs, from the parsed settings. The one seam between the command
 * line and the SDK's backends: {@link ValidatorSetup} is the real one, tests pass their own.
 * Implementations are called once per command run; the caller closes the validator.
 */
@FunctionalInterface
public interface ValidatorFactory {
  FederationValidator create(CheckSettings settings);
}
