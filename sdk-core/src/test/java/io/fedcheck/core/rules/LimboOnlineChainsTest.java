package io.fedcheck.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fedcheck.api.Finding;
import io.fedcheck.api.Policy;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Severity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Third-party vectors: real-world server chains from C2SP/x509-limbo's "online" set (Apache-2.0;
 * see {@code x509-limbo-online/README.md}). Each chain, checked for its host at its validation time
 * against its own root only, must show no certificate error.
 */
class LimboOnlineChainsTest {
  private static final String BASE = "/x509-limbo-online/";
  private static final Set<RuleId> FORBIDDEN =
      Set.of(RuleId.CERT_UNTRUSTED, RuleId.CERT_NAME_MISMATCH, RuleId.CERT_EXPIRED);

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        open(BASE + "cases.tsv"), StandardCharsets.UTF_8))) {
      String line = r.readLine(); // header
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t");
        out.add(Arguments.of(f[0], f[1], OffsetDateTime.parse(f[2]), f[3]));
      }
    }
    assertEquals(14, out.size(), "cases.tsv lists fourteen chains");
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void chainPassesTheCertificateRulesAgainstItsRoot(String folder, String host,
      OffsetDateTime time, String expected) throws Exception {
    assertEquals("SUCCESS", expected);
    List<X509Certificate> chain = read(BASE + folder + "/chain.pem");
    List<X509Certificate> roots = read(BASE + folder + "/root.pem");
    assertFalse(chain.isEmpty());
    Policy policy = Policy.onPremises().toBuilder().publicRoots(false)
        .extraTrustAnchors(roots).build();
    TrustEvaluator trust = PkixTrustEvaluator.forPolicy(policy);
    List<Finding> findings = CertificateRules.evaluate(host, host, 443, chain, policy,
        time.toInstant(), trust);
    for (Finding f : findings) {
      assertTrue(f.severity() != Severity.ERROR && !FORBIDDEN.contains(f.rule()),
          () -> folder + ": " + f);
    }
    assertEquals(TrustDecision.Status.TRUSTED_PRIVATE,
        trust.evaluate(chain, time.toInstant()).status());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void chainToAJdkRootIsTrustedPublic(String folder, String host, OffsetDateTime time,
      String expected) throws Exception {
    List<X509Certificate> roots = read(BASE + folder + "/root.pem");
    assumeTrue(PkixTrustEvaluator.jdkPublicRoots().containsAll(roots),
        "root of " + folder + " is not in this JDK's trust store");
    List<X509Certificate> chain = read(BASE + folder + "/chain.pem");
    TrustEvaluator trust = PkixTrustEvaluator.forPolicy(Policy.microsoft365());
    assertEquals(TrustDecision.Status.TRUSTED_PUBLIC,
        trust.evaluate(chain, time.toInstant()).status());
  }

  private static List<X509Certificate> read(String resource)
      throws IOException, CertificateException {
    try (InputStream in = open(resource)) {
      List<X509Certificate> out = new ArrayList<>();
      for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        out.add((X509Certificate) c);
      }
      return out;
    }
  }

  private static InputStream open(String resource) {
    InputStream in = LimboOnlineChainsTest.class.getResourceAsStream(resource);
    assertNotNull(in, resource);
    return in;
  }
}
