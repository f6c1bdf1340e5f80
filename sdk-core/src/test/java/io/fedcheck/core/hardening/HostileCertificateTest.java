package io.fedcheck.core.hardening;

import static io.fedcheck.core.hardening.CatalogueChecks.DEADLINE;
import static io.fedcheck.core.hardening.CatalogueChecks.assertFinding;
import static io.fedcheck.core.hardening.CatalogueChecks.assertNoFinding;
import static io.fedcheck.core.hardening.CatalogueChecks.assertOnlyInfo;
import static io.fedcheck.core.hardening.CatalogueChecks.describe;
import static io.fedcheck.core.hardening.CatalogueChecks.validateWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fedcheck.api.FederationReport;
import io.fedcheck.api.FederationValidator;
import io.fedcheck.api.Policy;
import io.fedcheck.api.ResolverOptions;
import io.fedcheck.api.RuleId;
import io.fedcheck.api.Severity;
import io.fedcheck.api.Verdict;
import io.fedcheck.core.FederationValidators;
import io.fedcheck.jdk.PemCertificateInspector;
import io.fedcheck.testkit.FederationLab;
import io.fedcheck.testkit.TargetSpec;
import io.fedcheck.testkit.tls.HeldCertificate;
import io.fedcheck.testkit.tls.KeyPurpose;
import io.fedcheck.testkit.tls.KeyType;
import io.fedcheck.testkit.tls.SignatureHash;
import io.fedcheck.testkit.tls.TestCertificateAuthority;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Catalogue, certificates: what a server may present, judged by the real validator and its PKIX
 * trust evaluator. Certificates a TLS server can present go through a real loopback endpoint and
 * the JSSE inspector; what JSSE cannot carry or a server cannot present (malformed DER, trailing
 * garbage, a chain in an exact hostile order, 5,000 names over the 32 KiB message limit, an RSA
 * key too small to sign a TLS 1.3 handshake) goes through the offline {@link
 * PemCertificateInspector}, which reads the exact bytes. Each case is a lab domain {@code c<n>.lab}
 * with the target {@code sip.c<n>.lab}; the lab CA is the policy's extra trust anchor.
 */
class HostileCertificateTest extends LeakCheckedTest {
  // Valid ten years either side of now, as a real CA is when it issues an expired or future leaf: the
  // trust evaluator judges the path at a time the leaf was valid, and the CAs must be valid then too.
  private static final TestCertificateAuthority ROOT = TestCertificateAuthority.of(HeldCertificate.builder()
      .commonName("fedcheck cert-catalogue root").certificateAuthority(Integer.MAX_VALUE).validity(
          java.time.Instant.now().minus(Duration.ofDays(3650)), java.time.Instant.now().plus(Duration.ofDays(3650)))
      .build());
  private static final TestCertificateAuthority ISSUING = TestCertificateAuthority.of(ROOT.leafBuilder()
      .commonName("fedcheck cert-catalogue issuing CA").certificateAuthority(Integer.MAX_VALUE).validity(
          java.time.Instant.now().minus(Duration.ofDays(3650)), java.time.Instant.now().plus(Duration.ofDays(3650)))
      .build());

  @TempDir
  static Path files;

  private static FederationLab lab;
  private static final Map<TlsBackend, FederationValidator> live = new EnumMap<>(TlsBackend.class);
  private static FederationValidator offline;

  /**
   * One case: either {@code target} configures a live endpoint, or {@code presented} builds the
   * exact bytes the offline inspector reads for the target host.
   */
  record CertCase(String name, Consumer<TargetSpec> target, Function<String, byte[]> presented, Verdict verdict,
      RuleId rule, Severity severity) {
    @Override
    public String toString() {
      return name;
    }

    boolean offline() {
      return presented != null;
    }
  }

  private static CertCase live(String name, Consumer<TargetSpec> target, Verdict verdict, RuleId rule,
      Severity severity) {
    return new CertCase(name, target, null, verdict, rule, severity);
  }

  private static CertCase liveLeaf(String name, Function<String, HeldCertificate> leaf, Verdict verdict, RuleId rule,
      Severity severity) {
    return new CertCase(name, t -> t.certificate(leaf.apply(t.host())), null, verdict, rule, severity);
  }

  private static CertCase offline(String name, Function<String, byte[]> presented, Verdict verdict, RuleId rule,
      Severity severity) {
    return new CertCase(name, TargetSpec::noEndpoint, presented, verdict, rule, severity);
  }

  private static final List<CertCase> CASES = List.of(
      live("healthy (control)", t -> { }, Verdict.PASS, null, null),
      live("expired", TargetSpec::expired, Verdict.FAIL, RuleId.CERT_EXPIRED, Severity.ERROR),
      live("not yet valid", TargetSpec::notYetValid, Verdict.FAIL, RuleId.CERT_NOT_YET_VALID, Severity.ERROR),
      live("expiring in 5 days", t -> t.expiresIn(Duration.ofDays(5)), Verdict.WARN, RuleId.CERT_EXPIRING_SOON,
          Severity.WARNING),
      live("self-signed", TargetSpec::selfSigned, Verdict.FAIL, RuleId.CERT_UNTRUSTED, Severity.ERROR),
      live("unknown CA", TargetSpec::unknownIssuer, Verdict.FAIL, RuleId.CERT_UNTRUSTED, Severity.ERROR),
      offline("missing intermediate (leaf only)", host -> pem(ISSUING.leaf(host).certificate()),
          Verdict.FAIL, RuleId.CERT_UNTRUSTED, Severity.ERROR),
      offline("out-of-order chain (intermediates reversed)", host -> {
        TestCertificateAuthority second = ISSUING.intermediate("fedcheck second-level CA");
        HeldCertificate leaf = second.leaf(host);
        return pem(leaf.certificate(), ISSUING.certificate().certificate(), second.certificate().certificate());
      }, Verdict.PASS, null, null),
      offline("looping chain (two CAs signing each other)", HostileCertificateTest::loopingChain,
          Verdict.FAIL, RuleId.CERT_UNTRUSTED, Severity.ERROR),
      live("CN only, no SAN extension (the CN counts)", t -> t.commonNameOnly(t.host()), Verdict.PASS, null, null),
      liveLeaf("SAN present, the name only in the CN", host -> ISSUING.leafBuilder().commonName(host)
          .subjectAlternativeNames("other." + host).build(), Verdict.FAIL, RuleId.CERT_NAME_MISMATCH, Severity.ERROR),
      liveLeaf("partial-label wildcard s*.<domain>", host -> ISSUING.leafBuilder().commonName("x")
          .subjectAlternativeNames("s*" + host.substring(host.indexOf('.'))).build(),
          Verdict.FAIL, RuleId.CERT_NAME_MISMATCH, Severity.ERROR),
      liveLeaf("two wildcards *.*.<parent>", host -> ISSUING.leafBuilder().commonName("x")
          .subjectAlternativeNames("*.*" + host.substring(host.indexOf('.', host.indexOf('.') + 1))).build(),
          Verdict.FAIL, RuleId.CERT_NAME_MISMATCH, Severity.ERROR),
      liveLeaf("wildcard over the TLD *.lab", host -> ISSUING.leafBuilder().commonName("x")
          .subjectAlternativeNames("*.lab").build(), Verdict.FAIL, RuleId.CERT_NAME_MISMATCH, Severity.ERROR),
      live("proper wildcard *.<domain>", TargetSpec::wildcardCertificate, Verdict.WARN, RuleId.CERT_NAME_WILDCARD,
          Severity.WARNING),
      live("NUL byte in the CN (no SAN)", t -> t.commonNameOnly(t.host() + "\u0000.evil.example"), Verdict.FAIL,
          RuleId.CERT_NAME_MISMATCH, Severity.ERROR),
      liveLeaf("NUL byte in the SAN", host -> ISSUING.leafBuilder().commonName("x")
          .subjectAlternativeNames(host + "\u0000.evil.example").build(), Verdict.FAIL, RuleId.CERT_NAME_MISMATCH,
          Severity.ERROR),
      liveLeaf("BMPString CN (no SAN)", host -> ISSUING.leafBuilder().commonNameAsBmpString(host).build(),
          Verdict.PASS, null, null),
      live("xn-- SAN for a punycode target", t -> { }, Verdict.PASS, null, null), // domain is IDN, see domain()
      liveLeaf("UTF-8 (not punycode) SAN for an IDN target", host -> ISSUING.leafBuilder().commonName("x")
          .subjectAlternativeNames("sip.b\u00fccher.lab").build(), Verdict.FAIL, RuleId.CERT_NAME_MISMATCH,
          Severity.ERROR),
      offline("5,000 SANs, the target last", host -> {
        List<String> names = new ArrayList<>();
        IntStream.range(0, 4_999).forEach(i -> names.add("n" + i + ".padding.example.com"));
        names.add(host);
        return pem(ISSUING.leafBuilder().commonName("x").subjectAlternativeNames(names).build().certificate(),
            ISSUING.certificate().certificate());
      }, Verdict.PASS, null, null),
      offline("5,000 SANs, none the target", host -> {
        List<String> names = new ArrayList<>();
        IntStream.range(0, 5_000).forEach(i -> names.add("n" + i + ".padding.example.com"));
        return pem(ISSUING.leafBuilder().commonName("x").subjectAlternativeNames(names).build().certificate(),
            ISSUING.certificate().certificate());
      }, Verdict.FAIL, RuleId.CERT_NAME_MISMATCH, Severity.ERROR),
      offline("malformed DER", host -> {
        byte[] junk = new byte[600];
        new Random(7).nextBytes(junk);
        junk[0] = 0x30; // looks like a SEQUENCE
        return junk;
      }, Verdict.FAIL, RuleId.TLS_HANDSHAKE_FAILED, Severity.ERROR),
      offline("DER certificate cut short", host -> {
        byte[] der = der(ISSUING.leaf(host).certificate());
        return java.util.Arrays.copyOf(der, der.length / 2);
      }, Verdict.FAIL, RuleId.TLS_HANDSHAKE_FAILED, Severity.ERROR),
      offline("PEM with trailing garbage after the chain", host -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(pem(ISSUING.leaf(host).certificate(), ISSUING.certificate().certificate()));
        out.writeBytes("\n\u0000\u0001garbage that is no certificate\n-----BEGIN NOTHING".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
      }, Verdict.PASS, null, null),
      offline("RSA-512 key", host -> pem(ISSUING.leafBuilder().keyType(KeyType.rsa(512)).commonName(host)
          .subjectAlternativeNames(host).build().certificate(), ISSUING.certificate().certificate()),
          Verdict.WARN, RuleId.CERT_WEAK_KEY, Severity.WARNING),
      live("RSA-1024 key", t -> t.keyType(KeyType.rsa(1024)), Verdict.WARN, RuleId.CERT_WEAK_KEY, Severity.WARNING),
      live("SHA-1 signature", t -> t.signatureHash(SignatureHash.SHA1), Verdict.WARN, RuleId.CERT_WEAK_SIGNATURE,
          Severity.WARNING),
      liveLeaf("unknown critical extension", host -> ISSUING.leafBuilder().commonName(host).subjectAlternativeNames(host)
          .unknownCriticalExtension().build(), Verdict.FAIL, RuleId.CERT_UNTRUSTED, Severity.ERROR),
      live("EKU without serverAuth", t -> t.keyPurposes(KeyPurpose.CLIENT_AUTH), Verdict.FAIL,
          RuleId.CERT_NO_SERVER_AUTH_EKU, Severity.ERROR),
      live("EKU without clientAuth", t -> t.keyPurposes(KeyPurpose.SERVER_AUTH), Verdict.WARN,
          RuleId.CERT_NO_CLIENT_AUTH_EKU, Severity.WARNING),
      live("EKU with neither (code signing only)", t -> t.keyPurposes(KeyPurpose.CODE_SIGNING), Verdict.FAIL,
          RuleId.CERT_NO_SERVER_AUTH_EKU, Severity.ERROR),
      live("no EKU extension at all (every purpose)", TargetSpec::withoutExtendedKeyUsage, Verdict.PASS, null, null));

  @BeforeAll
  static void start() throws IOException {
    FederationLab.Builder b = FederationLab.builder().certificateAuthority(ISSUING);
    Map<String, Path> chainFiles = new HashMap<>();
    for (int i = 0; i < CASES.size(); i++) {
      CertCase c = CASES.get(i);
      String domain = domain(i);
      String host = "sip." + domain;
      b.domain(domain, d -> d.srv(host, c.target()));
      if (c.offline()) {
        Path file = files.resolve("case-" + i + ".pem");
        Files.write(file, c.presented().apply(host));
        chainFiles.put(host, file);
      }
    }
    lab = b.start();
    for (TlsBackend backend : TlsBackend.values()) {
      FederationValidator v = validator(FederationValidators.builder().inspectorName(backend.inspectorName));
      live.put(backend, v);
      v.validateAndWait(domain(0)); // warm-up: class loading and JIT of the first handshake
    }
    offline = validator(FederationValidators.builder().inspector(PemCertificateInspector.ofFiles(chainFiles)));
  }

  private static FederationValidator validator(FederationValidators.Builder b) {
    return b.resolverName("dnsjava")
        .resolverOptions(ResolverOptions.ofDefaults().withServers(List.of(lab.dnsServer())))
        .policy(Policy.onPremises().toBuilder().allowPrivateAddresses(true).extraTrustAnchors(lab.trustAnchors())
            .build())
        .clock(lab.clock())
        .deadline(DEADLINE.multipliedBy(2))
        .build();
  }

  @AfterAll
  static void stop() {
    live.values().forEach(FederationValidator::close);
    offline.close();
    lab.close();
  }

  /** Served cases once per live TLS backend; offline cases once, through the PEM inspector. */
  static Stream<Arguments> cases() {
    return CASES.stream().flatMap(c -> c.offline()
        ? Stream.of(Arguments.of("offline", c))
        : Stream.of(TlsBackend.values()).map(b -> Arguments.of(b.inspectorName, c)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void presentedCertificateGetsItsFinding(String inspector, CertCase c) {
    String domain = domain(CASES.indexOf(c));
    FederationReport report = validateWithin(
        c.offline() ? offline : live.get(TlsBackend.valueOf(inspector.toUpperCase(java.util.Locale.ROOT))),
        domain, DEADLINE.multipliedBy(2));
    if (c.rule() == null) {
      assertEquals(c.verdict(), report.verdict(), () -> describe(report));
      assertOnlyInfo(report);
    } else {
      assertFinding(report, c.verdict(), c.rule(), c.severity());
    }
    if (c.rule() != null && c.rule().name().startsWith("CERT_") && c.rule() != RuleId.CERT_UNTRUSTED) {
      // Each problem once, under its own rule: dates, names, EKU and strength are not also "untrusted".
      assertNoFinding(report, RuleId.CERT_UNTRUSTED);
    }
  }

  /** {@code c<n>.lab}; the punycode case gets an IDN domain, so its SAN is an {@code xn--} name. */
  private static String domain(int index) {
    return CASES.get(index).name().startsWith("xn--") ? "xn--bcher-kva.c" + index + ".lab" : "c" + index + ".lab";
  }

  /** A leaf under CA "A", where A is signed by B and B by A: a path builder must not loop. */
  private static byte[] loopingChain(String host) {
    HeldCertificate bSelf = HeldCertificate.builder().commonName("fedcheck loop B").certificateAuthority(5)
        .freshKeyPair().build();
    HeldCertificate a = HeldCertificate.builder().commonName("fedcheck loop A").certificateAuthority(5)
        .freshKeyPair().signedBy(bSelf).build();
    HeldCertificate b = HeldCertificate.builder().commonName("fedcheck loop B").certificateAuthority(5)
        .keyPair(bSelf.keyPair()).signedBy(a).build();
    HeldCertificate leaf = HeldCertificate.builder().commonName(host).subjectAlternativeNames(host).signedBy(a).build();
    return pem(leaf.certificate(), a.certificate(), b.certificate(), a.certificate(), b.certificate());
  }

  private static byte[] pem(X509Certificate... chain) {
    StringBuilder out = new StringBuilder();
    for (X509Certificate c : chain) {
      out.append("-----BEGIN CERTIFICATE-----\n")
          .append(java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der(c)))
          .append("\n-----END CERTIFICATE-----\n");
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }

}
