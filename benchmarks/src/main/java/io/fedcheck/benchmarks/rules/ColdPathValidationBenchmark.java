package io.fedcheck.benchmarks.rules;

import io.fedcheck.core.rules.PkixTrustEvaluator;
import io.fedcheck.core.rules.TrustDecision;
import io.fedcheck.testkit.tls.HeldCertificate;
import io.fedcheck.testkit.tls.TestCertificateAuthority;
import java.security.cert.X509Certificate;
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
 * The cost of one uncached PKIX path validation ({@link PkixTrustEvaluator#evaluate}, Bouncy
 * Castle's path builder) of a leaf + intermediate chain: what a bulk audit pays once per distinct
 * chain before {@code CachingTrustEvaluator} remembers the decision. Average time per validation.
 *
 * <p>{@code anchors}: {@code PRIVATE_ONLY} validates against the lab root alone; {@code
 * PUBLIC_AND_PRIVATE} has the JDK's public roots too (the on-premises default), which are tried
 * first and fail before the private root succeeds; {@code UNTRUSTED} is a chain whose root is not
 * an anchor (public roots on), the path builder's worst ordinary case.
 *
 * <p>Run (after {@code mvn -B -q package -DskipTests}):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ColdPathValidationBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ColdPathValidationBenchmark {
  /** Which anchors the evaluator holds, and whether the chain leads to one. */
  public enum Anchors {
    PRIVATE_ONLY,
    PUBLIC_AND_PRIVATE,
    UNTRUSTED
  }

  @Param
  public Anchors anchors;

  private PkixTrustEvaluator evaluator;
  private List<X509Certificate> chain;
  private Instant now;
  private TrustDecision.Status expected;

  /** Builds the chain and the evaluator; checks the decision once. */
  @Setup(Level.Trial)
  public void setUp() {
    TestCertificateAuthority root = TestCertificateAuthority.create("fedcheck Bench Root");
    HeldCertificate leaf = root.intermediate("fedcheck Bench Issuing CA").leaf("sip.contoso-bench.com");
    chain = leaf.chain();
    now = Instant.now();
    List<X509Certificate> publicRoots = anchors == Anchors.PRIVATE_ONLY ? List.of() : PkixTrustEvaluator.jdkPublicRoots();
    List<X509Certificate> privateRoots = anchors == Anchors.UNTRUSTED ? List.of() : List.of(root.rootCertificate());
    evaluator = PkixTrustEvaluator.withAnchors(publicRoots, privateRoots);
    expected = anchors == Anchors.UNTRUSTED ? TrustDecision.Status.UNTRUSTED : TrustDecision.Status.TRUSTED_PRIVATE;
    TrustDecision d = evaluator.evaluate(chain, now);
    if (d.status() != expected) {
      throw new IllegalStateException(anchors + ": expected " + expected + " but got " + d);
    }
  }

  /** One path validation, nothing cached. */
  @Benchmark
  public TrustDecision validate() {
    return evaluator.evaluate(chain, now);
  }
}
