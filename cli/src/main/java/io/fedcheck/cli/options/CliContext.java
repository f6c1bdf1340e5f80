package io.fedcheck.cli.options;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the commands take from the world outside the command line: how validators and the demo lab
 * are made, the environment variables, and whether standard output is a terminal. Tests pass their
 * own; {@code FedcheckCommand.main} passes the real ones.
 *
 * @param validators builds the validator for a run
 * @param labs starts the demo lab
 * @param environment the environment variables (for {@code NO_COLOR}, {@code TERM})
 * @param stdoutIsTerminal whether standard output is an interactive terminal (for colour)
 * @param stderrIsTerminal whether standard error is an interactive terminal (for progress bars)
 */
public record CliContext(
    ValidatorFactory validators,
    Supplier<DemoLab> labs,
    Map<String, String> environment,
    boolean stdoutIsTerminal,
    boolean stderrIsTerminal) {
  public CliContext {
    Objects.requireNonNull(validators, "validators");
    Objects.requireNonNull(labs, "labs");
    environment = Map.copyOf(environment);
  }

  /** A context whose stdout and stderr are both terminals or both not. */
  public CliContext(ValidatorFactory validators, Supplier<DemoLab> labs, Map<String, String> environment,
      boolean terminal) {
    this(validators, labs, environment, terminal, terminal);
  }

}
