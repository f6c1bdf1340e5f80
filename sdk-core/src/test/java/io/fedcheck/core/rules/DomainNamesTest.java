package io.fedcheck.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.RuleId;
import io.fedcheck.api.Severity;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The DOMAIN_INVALID rule and input normalization. */
class DomainNamesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      example.com              | example.com
      EXAMPLE.COM              | example.com
      Example.Com.             | example.com
      acano.steven.lab         | acano.steven.lab
      bücher.example           | xn--bcher-kva.example
      BÜCHER.example.          | xn--bcher-kva.example
      xn--bcher-kva.example    | xn--bcher-kva.example
      XN--BCHER-KVA.EXAMPLE    | xn--bcher-kva.example
      '  example.com  '        | example.com
      a-b.example.com          | a-b.example.com
      localhost                | localhost
      """)
  void validInputIsNormalized(String input, String ascii) {
    DomainNameResult r = DomainNames.normalize(input);
    assertTrue(r.isValid(), () -> r.problem().message());
    assertEquals(ascii, r.ascii());
    assertNull(r.problem());
    assertEquals(input, r.input());
  }

  static Stream<String> invalid() {
    return Stream.of(
        "", "   ", null, ".", "..", "example..com", ".example.com", "exa mple.com",
        "example.com\tx", "\texample.com", "exa\u0000mple.com", "exa\u0007mple.com", "example.com\n",
        "a".repeat(64) + ".example.com",
        ("abcdefghij".repeat(6) + "a.").repeat(4) + "example.com", // 253+ characters
        "192.0.2.1", "192.0.2.1.", "::1", "[2001:db8::1]", "2001:db8::1",
        "xn--a.example", "xn--.example", "-example.com", "example-.com", "exa_mple.com",
        "sip:user@example.com", "https://example.com/", "example.com:5061", "user@example.com",
        "exa\u200bmple.com", "example.123");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalid")
  void invalidInputIsDomainInvalid(String input) {
    DomainNameResult r = DomainNames.normalize(input);
    assertFalse(r.isValid(), () -> "accepted: " + r.ascii());
    assertEquals(RuleId.DOMAIN_INVALID, r.problem().rule());
    assertEquals(Severity.ERROR, r.problem().severity());
    assertFalse(r.problem().message().chars().anyMatch(Character::isISOControl),
        "message must not carry control characters");
    assertFalse(r.problem().remediation().isBlank());
  }

  @Test
  void longestValidNameIsAccepted() {
    String label = "a".repeat(63);
    String name = label + "." + label + "." + label + "." + "a".repeat(57) + ".com"; // 253
    assertEquals(253, name.length());
    assertTrue(DomainNames.normalize(name).isValid());
    assertFalse(DomainNames.normalize("b" + name).isValid());
  }

  @Test
  void messagesSayWhy() {
    assertTrue(DomainNames.normalize("192.0.2.1").problem().message().contains("IP address"));
    assertTrue(DomainNames.normalize("xn--a.example").problem().message().contains("punycode"));
    assertTrue(DomainNames.normalize("a".repeat(64) + ".com").problem().message().contains("63"));
    assertTrue(DomainNames.normalize("").problem().message().contains("empty"));
  }
}
