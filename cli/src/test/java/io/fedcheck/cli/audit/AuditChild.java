package io.fedcheck.cli.audit;

import io.fedcheck.cli.CliRun;
import io.fedcheck.cli.FedcheckCommand;
import io.fedcheck.cli.options.CliContext;
import io.fedcheck.cli.options.ValidatorFactory;
import io.fedcheck.core.FederationValidators;
import io.fedcheck.testkit.fake.FakeDomainResolver;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;

/**
 * A {@code fedcheck} process for the kill tests: the real command line, bulk audit and rules, with
 * DNS from an in-memory resolver (every {@code dN.example} has an SRV target with an address, each
 * answer 5 ms late) and no TLS, so the child needs no network and is slow enough to be killed
 * mid-run. Run as {@code java -cp <test classpath> io.fedcheck.cli.audit.AuditChild audit ...}.
 */
final class AuditChild {
  static final int KNOWN_DOMAINS = 5000;

  private AuditChild() {}

  public static void main(String[] args) {
    FakeDomainResolver dns = new FakeDomainResolver().latency(Duration.ofMillis(5));
    for (int i = 0; i < KNOWN_DOMAINS; i++) {
      String d = "d" + i + ".example";
      dns.srv(d, 0, 0, 5061, "sip." + d).a("sip." + d, "192.0.2." + (1 + i % 200));
    }
    ValidatorFactory factory = s -> FederationValidators.builder().resolver(dns).skipTls(true)
        .policy(s.policy()).deadline(Duration.ofSeconds(30)).build();
    CommandLine cl = FedcheckCommand.newCommandLine(new CliContext(factory, CliRun.noLab(), Map.of(), false));
    int code = cl.execute(args);
    dns.close();
    System.exit(code);
  }
}
