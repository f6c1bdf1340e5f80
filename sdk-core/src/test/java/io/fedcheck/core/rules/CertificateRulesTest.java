package io.fedcheck.core.rules;

import static io.fedcheck.core.rules.Observations.PUBLIC_TEST_ROOT;
import static io.fedcheck.core.rules.Observations.rules;
import static io.fedcheck.core.rules.RuleCoverageTest.only;
import static io.fedcheck.core.rules.TestPki.NOW;
import static io.fedcheck.core.rules.TestPki.leaf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.Finding;
import io.fedcheck.api.Policy;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Severity;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The certificate rules on real Bouncy Castle chains; each problem is reported once. */
class CertificateRulesTest {
  private static final String D = "example.com";
  private static final String T = "expe.example.com";

  private static List<Finding> check(List<X509Certificate> chain) {
    return check(chain, Policy.onPremises());
  }

  private static List<Finding> check(List<X509Certificate> chain, Policy policy) {
    return CertificateRules.evaluate(D, T, 5061, chain, policy, NOW, PUBLIC_TEST_ROOT);
  }

  static Stream<Arguments> singleProblems() {
    return Stream.of(
        Arguments.of("SAN names another host", leaf("other.example.com"),
            RuleId.CERT_NAME_MISMATCH, Severity.ERROR),
        Arguments.of("target only in the ignored CN", leaf("other.example.com").cn(T),
            RuleId.CERT_NAME_MISMATCH, Severity.ERROR),
        Arguments.of("no SAN, CN names another host", leaf().noSan().cn("other.example.com"),
            RuleId.CERT_NAME_MISMATCH, Severity.ERROR),
        Arguments.of("wildcard SAN", leaf("*.example.com"), RuleId.CERT_NAME_WILDCARD,
            Severity.WARNING),
        Arguments.of("wildcard over a public suffix", leaf("*.com"), RuleId.CERT_NAME_MISMATCH,
            Severity.ERROR),
        Arguments.of("NUL in SAN", leaf(T + "\u0000.evil.com").cn("evil.com"),
            RuleId.CERT_NAME_MISMATCH, Severity.ERROR),
        Arguments.of("non-ASCII SAN", leaf("expé.example.com").cn("x"),
            RuleId.CERT_NAME_MISMATCH, Severity.ERROR),
        Arguments.of("expired one second ago",
            leaf(T).validity(NOW.minus(Duration.ofDays(90)), NOW.minusSeconds(1)),
            RuleId.CERT_EXPIRED, Severity.ERROR),
        Arguments.of("valid from one second ahead",
            leaf(T).validity(NOW.plusSeconds(1), NOW.plus(Duration.ofDays(90))),
            RuleId.CERT_NOT_YET_VALID, Severity.ERROR),
        Arguments.of("expires in 29 days",
            leaf(T).validity(NOW.minus(Duration.ofDays(60)), NOW.plus(Duration.ofDays(29))),
            RuleId.CERT_EXPIRING_SOON, Severity.WARNING),
        Arguments.of("EKU clientAuth only", leaf(T).eku(KeyPurposeId.id_kp_clientAuth),
            RuleId.CERT_NO_SERVER_AUTH_EKU, Severity.ERROR),
        Arguments.of("EKU serverAuth only", leaf(T).eku(KeyPurposeId.id_kp_serverAuth),
            RuleId.CERT_NO_CLIENT_AUTH_EKU, Severity.WARNING),
        Arguments.of("RSA-1024", leaf(T).keys(TestPki.rsa(1024)), RuleId.CERT_WEAK_KEY,
            Severity.WARNING),
        Arguments.of("RSA-512", leaf(T).keys(TestPki.rsa(512)), RuleId.CERT_WEAK_KEY,
            Severity.WARNING),
        Arguments.of("EC P-224", leaf(T).keys(TestPki.ec("secp224r1")), RuleId.CERT_WEAK_KEY,
            Severity.WARNING),
        Arguments.of("EC P-192", leaf(T).keys(TestPki.ec("secp192r1")), RuleId.CERT_WEAK_KEY,
            Severity.WARNING),
        Arguments.of("SHA-1 signature", leaf(T).signature("SHA1withECDSA"),
            RuleId.CERT_WEAK_SIGNATURE, Severity.WARNING),
        Arguments.of("self-signed", leaf(T).selfSigned(), RuleId.CERT_UNTRUSTED,
            Severity.ERROR),
        Arguments.of("issued by an unknown CA", leaf(T).issuer(OTHER_CA), RuleId.CERT_UNTRUSTED,
            Severity.ERROR));
  }

  private static final TestPki.Issued OTHER_CA = TestPki.leaf().selfSigned().issue();

  @ParameterizedTest(name = "{0}")
  @MethodSource("singleProblems")
  void eachProblemIsReportedOnceUnderItsOwnRule(String name, TestPki.LeafBuilder leaf,
      RuleId rule, Severity severity) {
    List<Finding> findings = check(leaf.chain());
    assertEquals(List.of(rule), rules(findings), () -> name + ": " + findings);
    Finding f = findings.get(0);
    assertEquals(severity, f.severity());
    assertEquals(T, f.subject());
    assertTrue(f.message().contains(T) && f.message().contains(D), f.message());
    assertTrue(f.message().chars().noneMatch(c -> c == 0), "NUL escaped in message");
  }

  @Test
  void theCorrectCertificateRaisesNothing() {
    assertEquals(List.of(), check(leaf(T).chain()));
    assertEquals(List.of(), check(leaf(T).noEku().chain()), "no EKU extension allows all");
    assertEquals(List.of(), check(leaf(T).eku(KeyPurposeId.anyExtendedKeyUsage).chain()));
    assertEquals(List.of(), check(leaf().noSan().cn(T).chain()), "CN counts without SAN");
    assertEquals(List.of(), check(leaf(T).keys(TestPki.ec("secp384r1")).chain()));
    assertEquals(List.of(), check(leaf(T).keys(TestPki.rsa(2048)).chain()));
  }

  @Test
  void validityBoundariesAreInclusive() {
    assertEquals(List.of(), check(leaf(T).validity(NOW.minus(Duration.ofDays(60)), NOW.plus(
        Duration.ofDays(31))).chain()));
    assertEquals(List.of(RuleId.CERT_EXPIRING_SOON), rules(check(leaf(T)
        .validity(NOW.minus(Duration.ofDays(60)), NOW).chain())), "valid through notAfter");
    assertEquals(List.of(), check(leaf(T).validity(NOW, NOW.plus(Duration.ofDays(90))).chain()));
  }

  @Test
  void theExpiringSoonWindowIsConfigurable() {
    var chain = leaf(T).validity(NOW.minus(Duration.ofDays(60)), NOW.plus(Duration.ofDays(45)))
        .chain();
    assertEquals(List.of(), check(chain));
    Policy strict = Policy.onPremises().toBuilder().expiringSoonWindow(Duration.ofDays(60)).build();
    assertEquals(List.of(RuleId.CERT_EXPIRING_SOON), rules(check(chain, strict)));
  }

  @Test
  void missingClientAuthIsAnErrorWhenThePolicyRequiresIt() {
    var chain = leaf(T).eku(KeyPurposeId.id_kp_serverAuth).chain();
    Policy strict = Policy.onPremises().toBuilder().requireClientAuthEku(true).build();
    assertEquals(Severity.ERROR, only(check(chain, strict), RuleId.CERT_NO_CLIENT_AUTH_EKU)
        .severity());
  }

  @Test
  void keyMinimaComeFromThePolicy() {
    var rsa2048 = leaf(T).keys(TestPki.rsa(2048)).chain();
    Policy strict = Policy.onPremises().toBuilder().minimumRsaBits(3072).build();
    assertEquals("RSA 2048", only(check(rsa2048, strict), RuleId.CERT_WEAK_KEY).evidence()
        .get("key"));
    var p256 = leaf(T).chain();
    Policy strictEc = Policy.onPremises().toBuilder().minimumEcBits(384).build();
    assertEquals(List.of(RuleId.CERT_WEAK_KEY), rules(check(p256, strictEc)));
  }

  @Test
  void ignoredCnIsNamedInTheMessage() {
    Finding f = only(check(leaf("other.example.com").cn(T).chain()), RuleId.CERT_NAME_MISMATCH);
    assertTrue(f.message().contains("only in its subject CN"), f.message());
    assertEquals("ONLY_IN_IGNORED_COMMON_NAME", f.evidence().get("match"));
  }

  @Test
  void severalProblemsEachGetTheirOwnFinding() {
    var chain = leaf("*.example.com").keys(TestPki.rsa(1024)).signature("SHA1withRSA")
        .issuer(RSA_CA).eku(KeyPurposeId.id_kp_serverAuth)
        .validity(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(1))).chain();
    List<Finding> findings = CertificateRules.evaluate(D, T, 5061, chain, Policy.onPremises(),
        NOW, CachingTrustEvaluator.of(PkixTrustEvaluator.withAnchors(
            List.of(RSA_CA.certificate()), List.of())));
    assertEquals(List.of(RuleId.CERT_NAME_WILDCARD, RuleId.CERT_EXPIRED,
        RuleId.CERT_NO_CLIENT_AUTH_EKU, RuleId.CERT_WEAK_KEY, RuleId.CERT_WEAK_SIGNATURE),
        rules(findings), findings::toString);
  }

  private static final TestPki.Issued RSA_CA =
      TestPki.leaf().cn("fedcheck RSA Test CA").keys(TestPki.rsa(2048)).noEku().selfSigned()
          .signature("SHA256withRSA").issue();

  @Test
  void noChainNoFindings() {
    assertEquals(List.of(), check(List.of()));
  }
}
