package io.fedcheck.core.hardening;

import static io.fedcheck.core.hardening.CatalogueChecks.DEADLINE;
import static io.fedcheck.core.hardening.CatalogueChecks.assertFinding;
import static io.fedcheck.core.hardening.CatalogueChecks.assertOnlyInfo;
import static io.fedcheck.core.hardening.CatalogueChecks.describe;
import static io.fedcheck.core.hardening.CatalogueChecks.validateWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fedcheck.api.BulkOptions;
import io.fedcheck.api.FederationReport;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.api.ResolverOptions;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Severity;
import io.fedcheck.api.Verdict;
import io.fedcheck.core.FederationValidators;
import io.fedcheck.testkit.dns.AuthoritativeDnsServer;
import io.fedcheck.testkit.dns.DnsZone;
import java.net.IDN;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Catalogue, input names: what a user or an input file may pass as a domain. Invalid names must
 * become a {@code DOMAIN_INVALID} report without any lookup; odd but valid names must be normalized
 * and checked. Runs the real validator with the dnsjava backend against the test kit's DNS server,
 * DNS-only (the names are the point, not TLS).
 */
class HostileNamesTest extends LeakCheckedTest {
  private static final String MIXED_SCRIPT = "\u0440\u0430ypal.com"; // Cyrillic "ра" + Latin "ypal"
  private static AuthoritativeDnsServer dns;
  private static FederationValidator validator;

  @BeforeAll
  static void start() {
    dns = AuthoritativeDnsServer.start(
        DnsZone.builder("example.com")
            .srv("_sipfederationtls._tcp", 0, 0, 5061, "sip")
            .a("sip", "192.0.2.10")
            .build(),
        // The mixed-script name's zone exists but publishes no SRV record.
        DnsZone.builder(IDN.toASCII(MIXED_SCRIPT)).a("www", "192.0.2.20").build());
    validator = FederationValidators.builder()
        .resolverName("dnsjava")
        .resolverOptions(ResolverOptions.ofDefaults().withServers(List.of(dns.address()))
            .withQueryTimeout(Duration.ofMillis(500)).withRetries(1))
        .skipTls(true)
        .deadline(DEADLINE)
        .concurrency(256)
        .build();
  }

  @AfterAll
  static void stop() {
    validator.close();
    dns.close();
  }

  static Stream<Arguments> invalidNames() {
    return Stream.of(
        Arguments.of("empty", ""),
        Arguments.of("only spaces", "   "),
        Arguments.of("only a tab", "\t"),
        Arguments.of("inner space", "exam ple.com"),
        Arguments.of("double dot", "example..com"),
        Arguments.of("just two dots", ".."),
        Arguments.of("leading dot", ".example.com"),
        Arguments.of("IPv4 literal", "192.0.2.1"),
        Arguments.of("IPv6 literal", "2001:db8::1"),
        Arguments.of("bracketed IPv6 literal", "[2001:db8::1]"),
        Arguments.of("IPv4-mapped IPv6 literal", "::ffff:10.0.0.1"),
        Arguments.of("label of 64 characters", "a".repeat(64) + ".com"),
        Arguments.of("name of 254 characters", longName(254)),
        Arguments.of("NUL byte", "exa\u0000mple.com"),
        Arguments.of("BEL control character", "example.com\u0007"),
        Arguments.of("DEL control character", "exa\u007fmple.com"),
        Arguments.of("zero-width space", "exam\u200bple.com"),
        Arguments.of("invalid punycode", "xn--a.com"),
        Arguments.of("underscore", "ex_ample.com"),
        Arguments.of("leading hyphen", "-example.com"),
        Arguments.of("slash (path-like)", "../../etc/passwd"),
        Arguments.of("URL instead of a domain", "https://example.com/"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidNames")
  void invalidNamesAreDomainInvalidWithoutAnyLookup(String label, String input) {
    long before = dns.queryCount();
    FederationReport report = validateWithin(validator, input, DEADLINE);
    assertFinding(report, Verdict.FAIL, RuleId.DOMAIN_INVALID, Severity.ERROR);
    assertEquals(1, report.findings().size(), () -> describe(report));
    assertNull(report.observation(), "nothing is observed for an invalid name");
    assertEquals(input, report.input());
    assertEquals(before, dns.queryCount(), "an invalid name is never looked up");
  }

  static Stream<Arguments> acceptedNames() {
    return Stream.of(
        Arguments.of("upper case and trailing dot", "EXAMPLE.COM.", "example.com"),
        Arguments.of("surrounding spaces", "  example.com  ", "example.com"),
        Arguments.of("full-width letters (IDN mapping)", "\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.com",
            "example.com"),
        Arguments.of("name of 253 characters is not too long", longName(253), longName(253)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedNames")
  void oddButValidNamesAreNormalizedAndChecked(String label, String input, String ascii) {
    FederationReport report = validateWithin(validator, input, DEADLINE);
    assertEquals(ascii, report.asciiDomain());
    if (ascii.equals("example.com")) {
      assertEquals(Verdict.PASS, report.verdict(), () -> describe(report));
      assertOnlyInfo(report);
    } else {
      // Outside every zone of the test server: REFUSED, so no honest verdict.
      assertFinding(report, Verdict.UNKNOWN, RuleId.DNS_LOOKUP_FAILED, Severity.WARNING);
    }
  }

  /**
   * A mixed-script IDN (Cyrillic and Latin, a homograph of paypal.com) is a valid IDNA 2003 name:
   * fedcheck converts it to punycode and checks that name; judging homographs is not its job.
   */
  @Test
  void mixedScriptIdnIsCheckedUnderItsPunycodeName() {
    FederationReport report = validateWithin(validator, MIXED_SCRIPT, DEADLINE);
    assertEquals(IDN.toASCII(MIXED_SCRIPT), report.asciiDomain());
    assertTrue(report.asciiDomain().startsWith("xn--"), report.asciiDomain());
    assertFinding(report, Verdict.FAIL, RuleId.SRV_MISSING, Severity.ERROR);
  }

  /** 10,000 copies of one domain in one audit: 10,000 reports out, the DNS asked only a few times. */
  @Test
  void tenThousandDuplicatesInOneAudit() throws Exception {
    dns.clearQueries();
    int n = 10_000;
    AtomicInteger delivered = new AtomicInteger();
    Map<Verdict, Integer> verdicts = new ConcurrentHashMap<>();
    List<String> input = Collections.nCopies(n, "Example.com");
    validator.validateAll(input.iterator(), r -> {
      delivered.incrementAndGet();
      verdicts.merge(r.verdict(), 1, Integer::sum);
    }, BulkOptions.ofDefaults().withConcurrency(256).withExpectedTotal(n), p -> { })
        .toCompletableFuture().get(60, TimeUnit.SECONDS);
    assertEquals(n, delivered.get(), "N in, N out");
    assertEquals(Map.of(Verdict.PASS, n), verdicts);
    assertTrue(dns.queryCount() <= 10, "cached and coalesced lookups, but " + dns.queryCount() + " queries");
  }

  /** A name of exactly {@code length} characters made of 63-character labels under {@code .com}. */
  private static String longName(int length) {
    StringBuilder b = new StringBuilder();
    while (b.length() + 4 < length) {
      int room = length - 4 - b.length();
      int label = Math.min(63, room - (b.length() == 0 ? 0 : 1));
      if (label < 1) {
        break;
      }
      if (b.length() > 0) {
        b.append('.');
      }
      b.append("a".repeat(label));
    }
    b.append(".com");
    String s = b.toString();
    if (s.length() != length) {
      throw new IllegalStateException("built " + s.length() + " characters, wanted " + length);
    }
    return s;
  }
}
