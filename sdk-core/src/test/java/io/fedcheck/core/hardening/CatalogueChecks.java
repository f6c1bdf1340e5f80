package io.fedcheck.core.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.api.Finding;
import io.fedcheck.api.Policy;
import io.fedcheck.api.ResolverOptions;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Severity;
import io.fedcheck.api.Verdict;
import io.fedcheck.core.FederationValidators;
import io.fedcheck.testkit.FederationLab;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The expectations every catalogue case shares: the report arrives within the deadline plus one
 * second, no exception escapes the API, and the expected rule stands with the expected severity
 * and verdict.
 */
final class CatalogueChecks {
  /** The per-domain deadline of fault cases: short, so the suite stays fast on a 2-core box. */
  static final Duration DEADLINE = Duration.ofSeconds(2);
  /** What the issue allows on top of the deadline. */
  static final Duration SLACK = Duration.ofSeconds(1);

  private CatalogueChecks() {}

  /**
   * Validates {@code domain} and returns the report, failing the test when the API throws
   * (synchronously or through the stage) or when the report takes longer than {@code deadline} + 1 s.
   */
  /**
   * The validator the TLS and SIP catalogues use: dnsjava against the lab's DNS server, the given
   * TLS backend's inspector, the on-premises policy with the lab's roots and private addresses allowed (the SIP
   * probe on, as by default), the lab's clock and the catalogue's deadline.
   */
  static FederationValidator labValidator(FederationLab lab, TlsBackend backend) {
    return FederationValidators.builder()
        .resolverName("dnsjava")
        .resolverOptions(ResolverOptions.ofDefaults().withServers(List.of(lab.dnsServer())))
        .inspectorName(backend.inspectorName)
        .policy(Policy.onPremises().toBuilder()
            .allowPrivateAddresses(true)
            .extraTrustAnchors(lab.trustAnchors())
            .build())
        .clock(lab.clock())
        .deadline(DEADLINE)
        .build();
  }

  static FederationReport validateWithin(FederationValidator validator, String domain, Duration deadline) {
    long start = System.nanoTime();
    CompletableFuture<FederationReport> stage;
    try {
      stage = validator.validate(domain).toCompletableFuture();
    } catch (RuntimeException e) {
      throw new AssertionError("validate(" + printable(domain) + ") threw " + e, e);
    }
    Duration budget = deadline.plus(SLACK);
    FederationReport report;
    try {
      report = stage.get(budget.toMillis() + 2_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("the stage for " + printable(domain) + " failed with " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("no report for " + printable(domain) + " within " + budget.plusSeconds(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertNotNull(report);
    assertTrue(took.compareTo(budget) <= 0,
        "report for " + printable(domain) + " took " + took.toMillis() + " ms; deadline " + deadline.toMillis()
            + " ms + 1 s");
    return report;
  }

  /** Asserts the verdict and that {@code rule} stands with {@code severity}. */
  static void assertFinding(FederationReport report, Verdict verdict, RuleId rule, Severity severity) {
    assertEquals(verdict, report.verdict(), () -> describe(report));
    assertTrue(report.findings(rule).stream().anyMatch(f -> f.severity() == severity),
        () -> "expected " + rule + " " + severity + " in " + describe(report));
  }

  /** Asserts that {@code rule} does not stand at all. */
  static void assertNoFinding(FederationReport report, RuleId rule) {
    assertFalse(report.has(rule), () -> "unexpected " + rule + " in " + describe(report));
  }

  /** Asserts that no ERROR or WARNING stands (INFO facts may). */
  static void assertOnlyInfo(FederationReport report) {
    for (Finding f : report.findings()) {
      if (f.severity() != Severity.INFO) {
        fail("expected only INFO findings, got " + describe(report));
      }
    }
  }

  /** One line per finding, for assertion messages. */
  static String describe(FederationReport report) {
    return report.asciiDomain() + " " + report.verdict() + " " + report.findings().stream()
        .map(f -> f.rule() + "/" + f.severity() + " " + f.subject() + " " + f.evidence())
        .collect(Collectors.joining("; ", "[", "]"));
  }

  /** The input with control characters escaped, for messages. */
  static String printable(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder();
    s.codePoints().limit(80).forEach(c -> {
      if (Character.isISOControl(c)) {
        b.append(String.format("\\u%04x", c));
      } else {
        b.appendCodePoint(c);
      }
    });
    return s.length() > 80 ? b + "…(" + s.length() + " chars)" : b.toString();
  }
}
