package io.fedcheck.cli.plan;

import io.fedcheck.cli.options.CliChoice;
import io.fedcheck.core.plan.KeyAlgorithm;

/** The key types of {@code plan --key-type}, spelled for the command line. */
enum PlanKeyType implements CliChoice {
  RSA_2048("rsa2048", KeyAlgorithm.RSA_2048),
  EC_256("ec256", KeyAlgorithm.EC_P256);

  private final String cliName;
  private final KeyAlgorithm algorithm;

  PlanKeyType(String cliName, KeyAlgorithm algorithm) {
    this.cliName = cliName;
    this.algorithm = algorithm;
  }

  @Override
  public String cliName() {
    return cliName;
  }

  KeyAlgorithm algorithm() {
    return algorithm;
  }

  static final class Converter extends CliChoice.Converter<PlanKeyType> {
    Converter() {
      super(PlanKeyType.class);
    }
  }
}
