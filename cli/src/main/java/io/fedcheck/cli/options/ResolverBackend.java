package io.fedcheck.cli.options;

/** The DNS backends of {@code --resolver}. */
public enum ResolverBackend implements CliChoice {
  /** dnsjava ({@code sdk-dnsjava}), the default. */
  DNSJAVA("dnsjava"),
  /** The JDK's JNDI DNS provider ({@code sdk-jdk}). */
  JDK("jdk");

  private final String cliName;

  ResolverBackend(String cliName) {
    this.cliName = cliName;
  }

  @Override
  public String cliName() {
    return cliName;
  }

  static final class Converter extends CliChoice.Converter<ResolverBackend> {
    Converter() {
      super(ResolverBackend.class);
    }
  }
}
