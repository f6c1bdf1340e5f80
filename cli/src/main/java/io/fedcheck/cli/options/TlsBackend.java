package io.fedcheck.cli.options;

/** The live TLS backend of {@code --tls-backend}; without the option, discovery picks one. */
public enum TlsBackend implements CliChoice {
  /** The JDK's own TLS ({@code sdk-jdk}). */
  JSSE("jsse"),
  /** Netty with native BoringSSL ({@code sdk-netty}); what discovery picks where BoringSSL loads. */
  NETTY("netty");

  private final String cliName;

  TlsBackend(String cliName) {
    this.cliName = cliName;
  }

  @Override
  public String cliName() {
    return cliName;
  }

  public static final class Converter extends CliChoice.Converter<TlsBackend> {
    Converter() {
      super(TlsBackend.class);
    }
  }
}
