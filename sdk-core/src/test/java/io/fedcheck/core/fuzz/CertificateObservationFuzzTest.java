package io.fedcheck.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fedcheck.api.CertificateObservation;
import io.fedcheck.api.Finding;
import io.fedcheck.api.Policy;
import io.fedcheck.api.TlsOutcome;
import io.fedcheck.api.TlsProbe;
import io.fedcheck.core.rules.CertificateRules;
import io.fedcheck.core.rules.FederationRules;
import io.fedcheck.core.rules.PkixTrustEvaluator;
import io.fedcheck.core.rules.TrustEvaluator;
import io.fedcheck.jdk.PemCertificateInspector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Fuzzes the certificate-observation path with arbitrary bytes as the presented certificate: the
 * offline inspector reads them as a chain file (PEM or DER) and must answer with an observation,
 * never an exception; whatever parses as X.509 (through the inspector, or straight through the
 * JDK's certificate factory as a TLS stack would) goes through every certificate rule and a PKIX
 * trust evaluation, which must give findings, never an exception. Seeds: DER and PEM certificates,
 * chains and broken encodings in {@code CertificateObservationFuzzTestInputs/presentedCertificate}.
 */
class CertificateObservationFuzzTest {
  private static final String TARGET = "sip.example.com";
  private static final Policy POLICY = Policy.onPremises().toBuilder().publicRoots(false).build();
  private static final TrustEvaluator TRUST = PkixTrustEvaluator.withAnchors(List.of(), List.of());
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private static final Path FILE;
  private static final PemCertificateInspector INSPECTOR;
  private static final TlsProbe PROBE;

  static {
    try {
      FILE = Files.createTempFile("fedcheck-fuzz-", ".pem");
      FILE.toFile().deleteOnExit();
      INSPECTOR = PemCertificateInspector.ofFiles(Map.of(TARGET, FILE));
      PROBE = new TlsProbe(TARGET, InetAddress.getLoopbackAddress(), 5061, Duration.ofSeconds(1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void presentedCertificate(byte[] input) throws Exception {
    Files.write(FILE, input);
    CertificateObservation seen = INSPECTOR.inspect(PROBE).toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertNotNull(seen);
    if (seen.outcome() == TlsOutcome.HANDSHAKE_COMPLETED) {
      assertFalse(seen.chain().isEmpty());
      judge(seen.chain());
    }
    List<X509Certificate> direct = parseAsTlsStackWould(input);
    if (!direct.isEmpty()) {
      judge(direct);
    }
  }

  private static void judge(List<X509Certificate> chain) {
    List<Finding> findings = CertificateRules.evaluate("example.com", TARGET, 5061, chain, POLICY, NOW, TRUST);
    assertNotNull(FederationRules.verdict(findings));
  }

  private static List<X509Certificate> parseAsTlsStackWould(byte[] input) {
    try {
      Collection<? extends Certificate> parsed =
          CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(input));
      List<X509Certificate> out = new ArrayList<>();
      for (Certificate c : parsed) {
        out.add((X509Certificate) c);
      }
      return out;
    } catch (CertificateException | RuntimeException notACertificate) {
      // The JDK's own parser rejecting junk is expected; only what it accepts is judged.
      return List.of();
    }
  }
}
