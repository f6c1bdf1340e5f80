package io.fedcheck.core.rules;

import static io.fedcheck.core.rules.TestPki.leaf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.core.rules.HostnameMatching.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6125 name matching, table-driven. */
class HostnameMatchingTest {

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      expe.example.com        | expe.example.com       | true
      EXPE.Example.COM        | expe.example.com       | true
      expe.example.com.       | expe.example.com       | true
      expe.example.com        | EXPE.EXAMPLE.COM.      | true
      expe.example.com        | example.com            | false
      example.com             | expe.example.com       | false
      *.example.com           | expe.example.com       | true
      *.example.com           | example.com            | false
      *.example.com           | a.b.example.com        | false
      *.example.com           | .example.com           | false
      *.example.com           | expe.example.org       | false
      *.Example.com           | EXPE.example.com       | true
      f*.example.com          | foo.example.com        | false
      *oo.example.com         | foo.example.com        | false
      *.*.example.com         | a.b.example.com        | false
      expe.*.com              | expe.example.com       | false
      *                       | localhost              | false
      *.com                   | example.com            | false
      *.co.uk                 | example.co.uk          | false
      *.uk                    | co.uk                  | false
      *.lab                   | steven.lab             | false
      *.steven.lab            | vcse.steven.lab        | true
      *.github.io             | fedcheck.github.io     | true
      xn--bcher-kva.example   | xn--bcher-kva.example  | true
      *.xn--bcher-kva.example | sip.xn--bcher-kva.example | true
      bücher.example          | xn--bcher-kva.example  | false
      bücher.example          | bücher.example         | false
      ''                      | expe.example.com       | false
      """)
  void presentedNameMatching(String presented, String host, boolean expected) {
    assertEquals(expected, HostnameMatching.matches(presented, host));
  }

  @Test
  void nulInAPresentedNameNeverMatches() {
    assertFalse(HostnameMatching.matches("expe.example.com\u0000.evil.com", "expe.example.com"));
    assertFalse(HostnameMatching.matches("expe.example.com\u0000", "expe.example.com"));
  }

  @Test
  void publicSuffixWildcardsAreRecognised() {
    assertTrue(HostnameMatching.isPublicSuffixWildcard("*.com"));
    assertTrue(HostnameMatching.isPublicSuffixWildcard("*.co.uk"));
    assertFalse(HostnameMatching.isPublicSuffixWildcard("*.example.co.uk"));
  }

  @Test
  void sanWinsAndCnIsIgnoredWhenASanExtensionExists() {
    var facts = CertificateFacts.of(
        leaf("other.example.com").cn("expe.example.com").issue().certificate());
    var m = HostnameMatching.match(facts, "expe.example.com");
    assertEquals(Kind.ONLY_IN_IGNORED_COMMON_NAME, m.kind());
    assertEquals("expe.example.com", m.presentedName());
    assertFalse(m.kind().matches());
  }

  @Test
  void cnCountsOnlyWithoutAnySanExtension() {
    var facts = CertificateFacts.of(leaf().noSan().cn("expe.example.com").issue().certificate());
    assertFalse(facts.hasSubjectAltName());
    assertEquals(Kind.EXACT_COMMON_NAME, HostnameMatching.match(facts, "expe.example.com").kind());
    assertEquals(Kind.NONE, HostnameMatching.match(facts, "other.example.com").kind());
  }

  @Test
  void exactSanBeatsAWildcard() {
    var facts = CertificateFacts.of(
        leaf("*.example.com", "expe.example.com").issue().certificate());
    assertEquals(Kind.EXACT, HostnameMatching.match(facts, "expe.example.com").kind());
    assertEquals(Kind.WILDCARD, HostnameMatching.match(facts, "other.example.com").kind());
  }

  @Test
  void nulSanInARealCertificateNeverMatchesAndStillVoidsTheCn() {
    var facts = CertificateFacts.of(leaf("expe.example.com\u0000.evil.com")
        .cn("evil.com").issue().certificate());
    assertTrue(facts.hasSubjectAltName());
    assertEquals("expe.example.com\u0000.evil.com", facts.dnsNames().get(0));
    assertEquals(Kind.NONE, HostnameMatching.match(facts, "expe.example.com").kind());
    assertEquals(Kind.ONLY_IN_IGNORED_COMMON_NAME,
        HostnameMatching.match(facts, "evil.com").kind());
  }
}
