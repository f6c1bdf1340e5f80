package io.fedcheck.core.rules;

import static io.fedcheck.core.rules.TestPki.INTERMEDIATE;
import static io.fedcheck.core.rules.TestPki.NOW;
import static io.fedcheck.core.rules.TestPki.ROOT;
import static io.fedcheck.core.rules.TestPki.leaf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.Policy;
import io.fedcheck.core.rules.TrustDecision.Status;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** PKIX trust, judged apart from dates and algorithm strength. */
class PkixTrustEvaluatorTest {
  private static final PkixTrustEvaluator PUBLIC =
      PkixTrustEvaluator.withAnchors(List.of(ROOT.certificate()), List.of());
  private static final PkixTrustEvaluator PRIVATE =
      PkixTrustEvaluator.withAnchors(List.of(), List.of(ROOT.certificate()));
  private static final TestPki.Issued LEAF = leaf("expe.example.com").issue();
  private static final TestPki.Issued RSA_CA = TestPki.leaf().cn("fedcheck RSA Test CA")
      .keys(TestPki.rsa(2048)).noEku().selfSigned().signature("SHA256withRSA").issue();

  static Stream<Arguments> presentedChains() {
    X509Certificate l = LEAF.certificate();
    X509Certificate i = INTERMEDIATE.certificate();
    X509Certificate r = ROOT.certificate();
    X509Certificate stranger = leaf("stranger.example.org").selfSigned().issue().certificate();
    return Stream.of(
        Arguments.of("leaf, intermediate", List.of(l, i)),
        Arguments.of("leaf, intermediate, root", List.of(l, i, r)),
        Arguments.of("leaf, root, intermediate (out of order)", List.of(l, r, i)),
        Arguments.of("duplicated intermediate", List.of(l, i, i, i)),
        Arguments.of("extra unrelated certificate", List.of(l, stranger, i)),
        Arguments.of("leaf repeated", List.of(l, i, l)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("presentedChains")
  void presentedOrderDoesNotMatter(String name, List<X509Certificate> chain) {
    assertEquals(Status.TRUSTED_PUBLIC, PUBLIC.evaluate(chain, NOW).status());
    assertEquals(Status.TRUSTED_PRIVATE, PRIVATE.evaluate(chain, NOW).status());
  }

  @Test
  void publicRootsWinOverPrivateOnes() {
    PkixTrustEvaluator both = PkixTrustEvaluator.withAnchors(List.of(ROOT.certificate()),
        List.of(ROOT.certificate()));
    assertEquals(Status.TRUSTED_PUBLIC,
        both.evaluate(List.of(LEAF.certificate(), INTERMEDIATE.certificate()), NOW).status());
  }

  @Test
  void theIntermediateItselfAsAnchorIsEnough() {
    PkixTrustEvaluator e =
        PkixTrustEvaluator.withAnchors(List.of(), List.of(INTERMEDIATE.certificate()));
    assertEquals(Status.TRUSTED_PRIVATE, e.evaluate(List.of(LEAF.certificate()), NOW).status());
  }

  @Test
  void missingIntermediateIsUntrustedWithAReason() {
    TrustDecision d = PUBLIC.evaluate(List.of(LEAF.certificate()), NOW);
    assertEquals(Status.UNTRUSTED, d.status());
    assertTrue(d.reason().contains("missing intermediate"), d.reason());
  }

  @Test
  void selfSignedIsUntrusted() {
    TrustDecision d = PUBLIC.evaluate(leaf("expe.example.com").selfSigned().chain(), NOW);
    assertEquals(Status.UNTRUSTED, d.status());
    assertTrue(d.reason().contains("self-signed"), d.reason());
  }

  @Test
  void aForgedIssuerSignatureIsUntrusted() {
    // Same issuer name as the real intermediate, signed by another key.
    TestPki.Issued impostor = TestPki.ca("CN=fedcheck Test Issuing CA,O=fedcheck tests", ROOT);
    List<X509Certificate> chain = leaf("expe.example.com").issuer(impostor).chain();
    assertEquals(Status.UNTRUSTED, PUBLIC.evaluate(
        List.of(chain.get(0), INTERMEDIATE.certificate()), NOW).status());
  }

  @Test
  void aLoopOfCrossSignedCasEnds() {
    KeyPair x = TestPki.ec("secp256r1");
    KeyPair y = TestPki.ec("secp256r1");
    X500Name xn = new X500Name("CN=Loop X");
    X500Name yn = new X500Name("CN=Loop Y");
    TestPki.Issued xByY = TestPki.ca("CN=Loop X", x, yn, y, NOW.minus(Duration.ofDays(10)),
        NOW.plus(Duration.ofDays(10)));
    TestPki.Issued yByX = TestPki.ca("CN=Loop Y", y, xn, x, NOW.minus(Duration.ofDays(10)),
        NOW.plus(Duration.ofDays(10)));
    List<X509Certificate> chain = List.of(
        leaf("expe.example.com").issuer(xByY).issue().certificate(), xByY.certificate(),
        yByX.certificate());
    assertEquals(Status.UNTRUSTED, PUBLIC.evaluate(chain, NOW).status());
    PkixTrustEvaluator anchoredAtY =
        PkixTrustEvaluator.withAnchors(List.of(), List.of(yByX.certificate()));
    assertEquals(Status.TRUSTED_PRIVATE, anchoredAtY.evaluate(chain, NOW).status());
  }

  @Test
  void leafDatesDoNotDecideTrust() {
    var expired = leaf("expe.example.com")
        .validity(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(35))).chain();
    assertEquals(Status.TRUSTED_PUBLIC, PUBLIC.evaluate(expired, NOW).status());
    var future = leaf("expe.example.com")
        .validity(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(90))).chain();
    assertEquals(Status.TRUSTED_PUBLIC, PUBLIC.evaluate(future, NOW).status());
  }

  @Test
  void anExpiredIntermediateBreaksThePath() {
    TestPki.Issued old = TestPki.ca("CN=Old Issuing CA", TestPki.ec("secp256r1"),
        X500Name.getInstance(ROOT.certificate().getSubjectX500Principal().getEncoded()),
        ROOT.keys(), NOW.minus(Duration.ofDays(900)), NOW.minus(Duration.ofDays(1)));
    List<X509Certificate> chain = leaf("expe.example.com").issuer(old).chain();
    assertEquals(Status.UNTRUSTED, PUBLIC.evaluate(chain, NOW).status());
    assertEquals(Status.TRUSTED_PUBLIC,
        PUBLIC.evaluate(chain, NOW.minus(Duration.ofDays(2))).status());
  }

  @Test
  void weakAlgorithmsDoNotDecideTrust() {
    PkixTrustEvaluator rsaRoot =
        PkixTrustEvaluator.withAnchors(List.of(RSA_CA.certificate()), List.of());
    for (String sig : List.of("MD5withRSA", "SHA1withRSA")) {
      var chain = leaf("expe.example.com").issuer(RSA_CA).signature(sig).chain();
      assertEquals(Status.TRUSTED_PUBLIC, rsaRoot.evaluate(chain, NOW).status(), sig);
      assertFalse(CertificateFacts.of(chain.get(0)).weakSignatureHash().isEmpty(), sig);
    }
    var rsa512 = leaf("expe.example.com").keys(TestPki.rsa(512)).chain();
    assertEquals(Status.TRUSTED_PUBLIC, PUBLIC.evaluate(rsa512, NOW).status());
    var p192 = leaf("expe.example.com").keys(TestPki.ec("secp192r1")).chain();
    assertEquals(Status.TRUSTED_PUBLIC, PUBLIC.evaluate(p192, NOW).status());
  }

  @Test
  void forPolicyUsesTheExtraAnchorsAsPrivateRoots() {
    List<X509Certificate> chain = List.of(LEAF.certificate(), INTERMEDIATE.certificate());
    Policy privateOnly = Policy.onPremises().toBuilder().publicRoots(false)
        .addTrustAnchor(ROOT.certificate()).build();
    assertEquals(Status.TRUSTED_PRIVATE,
        PkixTrustEvaluator.forPolicy(privateOnly).evaluate(chain, NOW).status());
    Policy withPublic = Policy.onPremises().toBuilder().addTrustAnchor(ROOT.certificate()).build();
    assertEquals(Status.TRUSTED_PRIVATE,
        PkixTrustEvaluator.forPolicy(withPublic).evaluate(chain, NOW).status());
    TrustDecision none = PkixTrustEvaluator.forPolicy(
        Policy.onPremises().toBuilder().publicRoots(false).build()).evaluate(chain, NOW);
    assertEquals(Status.UNTRUSTED, none.status());
    assertTrue(none.reason().contains("no trust anchors"), none.reason());
    assertEquals(Status.UNTRUSTED,
        PkixTrustEvaluator.forPolicy(Policy.onPremises()).evaluate(chain, NOW).status());
  }

  @Test
  void jdkRootsAreLoaded() {
    assertFalse(PkixTrustEvaluator.jdkPublicRoots().isEmpty());
  }

  @Test
  void emptyChainIsUntrusted() {
    assertEquals(Status.UNTRUSTED, PUBLIC.evaluate(List.of(), NOW).status());
  }

  @Test
  void evaluationsFromManyThreadsAgree() throws Exception {
    List<X509Certificate> chain = List.of(LEAF.certificate(), INTERMEDIATE.certificate());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<TrustDecision>> futures = new ArrayList<>();
      for (int n = 0; n < 16; n++) {
        futures.add(pool.submit(() -> PRIVATE.evaluate(chain, NOW)));
      }
      for (Future<TrustDecision> f : futures) {
        assertEquals(Status.TRUSTED_PRIVATE, f.get(60, TimeUnit.SECONDS).status());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
