package io.fedcheck.core.rules;

import static io.fedcheck.core.rules.TestPki.INTERMEDIATE;
import static io.fedcheck.core.rules.TestPki.NOW;
import static io.fedcheck.core.rules.TestPki.leaf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Decisions are reused per chain while the chain's validity state is unchanged. */
class CachingTrustEvaluatorTest {
  private final AtomicInteger calls = new AtomicInteger();
  private final TrustEvaluator counting = (chain, at) -> {
    calls.incrementAndGet();
    return new TrustDecision(TrustDecision.Status.TRUSTED_PUBLIC, "");
  };

  @Test
  void reusesTheDecisionForTheSameChainAtOtherTimes() {
    CachingTrustEvaluator cache = CachingTrustEvaluator.of(counting);
    List<X509Certificate> chain = leaf("expe.example.com").chain();
    for (int i = 0; i < 50; i++) {
      cache.evaluate(chain, NOW.plusSeconds(i * 3600L));
    }
    assertEquals(1, calls.get());
  }

  @Test
  void equalChainsParsedAgainShareTheEntry() throws Exception {
    CachingTrustEvaluator cache = CachingTrustEvaluator.of(counting);
    List<X509Certificate> chain = leaf("expe.example.com").chain();
    List<X509Certificate> reparsed = reparse(chain);
    cache.evaluate(chain, NOW);
    cache.evaluate(new ArrayList<>(reparsed), NOW);
    assertEquals(1, calls.get());
  }

  @Test
  void recomputesWhenACertificateChangesValidityState() {
    CachingTrustEvaluator cache = CachingTrustEvaluator.of(counting);
    List<X509Certificate> chain = leaf("expe.example.com")
        .validity(NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(10))).chain();
    cache.evaluate(chain, NOW);
    cache.evaluate(chain, NOW.plus(Duration.ofDays(11)));
    cache.evaluate(chain, NOW.plus(Duration.ofDays(12)));
    cache.evaluate(chain, NOW.minus(Duration.ofDays(11)));
    assertEquals(3, calls.get());
  }

  @Test
  void isBounded() {
    CachingTrustEvaluator cache = CachingTrustEvaluator.of(counting, 1);
    List<X509Certificate> a = leaf("a.example.com").chain();
    List<X509Certificate> b = leaf("b.example.com").chain();
    cache.evaluate(a, NOW);
    cache.evaluate(b, NOW);
    cache.evaluate(a, NOW);
    assertEquals(3, calls.get());
    assertEquals(1, cache.size());
    assertThrows(IllegalArgumentException.class, () -> CachingTrustEvaluator.of(counting, 0));
  }

  @Test
  void cachesRealPkixDecisions() {
    CachingTrustEvaluator cache = CachingTrustEvaluator.of(PkixTrustEvaluator.withAnchors(
        List.of(), List.of(TestPki.ROOT.certificate())));
    List<X509Certificate> good = leaf("expe.example.com").chain();
    List<X509Certificate> bad = List.of(good.get(0));
    assertEquals(TrustDecision.Status.TRUSTED_PRIVATE, cache.evaluate(good, NOW).status());
    assertEquals(TrustDecision.Status.UNTRUSTED, cache.evaluate(bad, NOW).status());
    assertEquals(TrustDecision.Status.TRUSTED_PRIVATE, cache.evaluate(good, NOW).status());
    assertEquals(2, cache.size());
    assertEquals(INTERMEDIATE.certificate(), good.get(1));
  }

  private static List<X509Certificate> reparse(List<X509Certificate> chain) throws Exception {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    List<X509Certificate> out = new ArrayList<>();
    for (X509Certificate c : chain) {
      out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(c.getEncoded())));
    }
    return out;
  }
}
