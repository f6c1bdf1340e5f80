package io.fedcheck.benchmarks.rules;

import io.fedcheck.api.DomainObservation;
import io.fedcheck.api.Finding;
import io.fedcheck.api.Policy;
import io.fedcheck.api.Verdict;
import io.fedcheck.core.rules.CachingTrustEvaluator;
import io.fedcheck.core.rules.FederationRules;
import io.fedcheck.core.rules.PkixTrustEvaluator;
import io.fedcheck.testkit.tls.TestCertificateAuthority;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the whole rule set on one domain's pre-gathered observations (SRV, addresses,
 * presented chain → findings → verdict), single-threaded, with the chain's path-validation decision
 * already cached in a warmed {@link CachingTrustEvaluator}, as in a bulk audit that meets the same
 * few chains again and again. The target is at least 1,000,000 evaluations/s per core.
 *
 * <p>Run (after {@code mvn -B -q package -DskipTests}):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar RuleEvaluationBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s
 * java -jar benchmarks/target/benchmarks.jar RuleEvaluationBenchmark -prof gc   # allocation per op
 * </pre>
 *
 * <p>The cold cost of the path validation itself is measured by {@link ColdPathValidationBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RuleEvaluationBenchmark {
  @Param
  public ObservationScenario scenario;

  private DomainObservation observation;
  private Policy policy;
  private Instant now;
  private CachingTrustEvaluator trust;

  /** Builds the observation and warms the trust cache; checks the scenario's verdict once. */
  @Setup(Level.Trial)
  public void setUp() {
    TestCertificateAuthority root = TestCertificateAuthority.create("fedcheck Bench Root");
    TestCertificateAuthority issuing = root.intermediate("fedcheck Bench Issuing CA");
    observation = scenario.observe("contoso-bench.com", issuing);
    policy = Policy.onPremises().toBuilder().publicRoots(false).build();
    now = Instant.now();
    // The lab root stands in for a public CA, so a healthy domain draws no CERT_PRIVATE_CA.
    trust = CachingTrustEvaluator.of(PkixTrustEvaluator.withAnchors(List.of(root.rootCertificate()), List.of()));
    List<Finding> findings = FederationRules.evaluate(observation, policy, now, trust);
    Verdict v = FederationRules.verdict(findings);
    if (v != scenario.expected()) {
      throw new IllegalStateException(scenario + ": expected " + scenario.expected() + " but got " + v + " "
          + findings);
    }
  }

  /** One domain: every rule, then the verdict. */
  @Benchmark
  public Verdict evaluate() {
    return FederationRules.verdict(FederationRules.evaluate(observation, policy, now, trust));
  }
}
