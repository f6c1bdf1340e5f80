package io.fedcheck.cli.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedcheck.cli.CliRun;
import io.fedcheck.cli.ScriptedValidator;
import io.fedcheck.cli.report.ReportJson;
import io.fedcheck.testkit.tls.HeldCertificate;
import io.fedcheck.testkit.tls.KeyPurpose;
import io.fedcheck.testkit.tls.TestCertificateAuthority;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertCommandTest {
  private static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant NOT_AFTER = Instant.parse("2026-12-31T00:00:00Z");
  private static final String INSIDE = "2026-06-01T00:00:00Z";

  private static final ScriptedValidator NEVER = new ScriptedValidator(d -> {
    throw new AssertionError("cert never checks live");
  });

  @TempDir static Path tmp;
  static TestCertificateAuthority ca;
  static TestCertificateAuthority intermediate;
  static Path root;

  @BeforeAll
  static void authority() throws IOException {
    // Fixed dates, wider than every leaf's, so --at decides and the machine's clock does not.
    Instant from = Instant.parse("2020-01-01T00:00:00Z");
    Instant to = Instant.parse("2040-01-01T00:00:00Z");
    ca = TestCertificateAuthority.of(HeldCertificate.builder().commonName("fedcheck cert test root")
        .certificateAuthority(Integer.MAX_VALUE).validity(from, to).build());
    intermediate = TestCertificateAuthority.of(HeldCertificate.builder().commonName("fedcheck cert test intermediate")
        .certificateAuthority(0).signedBy(ca.certificate()).validity(from, to).build());
    root = Files.writeString(tmp.resolve("root.pem"), ca.rootPem());
  }

  private static Path chain(String file, HeldCertificate leaf) throws IOException {
    return Files.writeString(tmp.resolve(file), leaf.chainPem());
  }

  private static HeldCertificate.Builder leaf(String... names) {
    return intermediate.leafBuilder().commonName(names[0])
        .subjectAlternativeNames(names).validity(NOT_BEFORE, NOT_AFTER);
  }

  private static CliRun run(String... args) {
    return CliRun.run(NEVER, args);
  }

  private static List<String> rules(CliRun r, String severity) throws IOException {
    List<String> out = new ArrayList<>();
    JsonNode report = ReportJson.MAPPER.readTree(r.out()).get(0);
    report.get("findings").forEach(f -> {
      if (severity == null || f.get("severity").asText().equals(severity)) {
        out.add(f.get("rule").asText());
      }
    });
    return out;
  }

  @Test
  void rightNameAndTrustedPrivateRootPassesOnPremises() throws IOException {
    Path c = chain("good.pem", leaf("vcse.cms.steven.lab", "vcse.steven.lab").build());
    CliRun r = run("cert", c.toString(), "--host", "vcse.cms.steven.lab", "--trust-store", root.toString(),
        "--at", INSIDE, "--format", "json");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertEquals(List.of("CERT_PRIVATE_CA"), rules(r, null));
    assertEquals(List.of(), rules(r, "ERROR"));
    JsonNode report = ReportJson.MAPPER.readTree(r.out()).get(0);
    assertEquals("PASS", report.get("verdict").asText());
    assertEquals(INSIDE, report.get("checkedAt").asText());
  }

  @Test
  void nameMismatchOfTheSeedIsAnError() throws IOException {
    // The seed: vcse.cms.steven.lab presents a certificate naming vcse.steven.lab only.
    Path c = chain("seed.pem", leaf("vcse.steven.lab").build());
    CliRun r = run("cert", c.toString(), "--host", "vcse.cms.steven.lab", "--trust-store", root.toString(),
        "--at", INSIDE);
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().startsWith("FAIL     vcse.cms.steven.lab\n"), r.out());
    assertTrue(r.out().contains("[CERT_NAME_MISMATCH]"), r.out());
    assertTrue(r.out().contains("(SRV target of cms.steven.lab)"), r.out());
    assertTrue(r.out().contains("SEC_E_WRONG_PRINCIPAL"), r.out());
  }

  @Test
  void expiryIsJudgedAtTheGivenInstantInUtcOrWithAnOffset() throws IOException {
    Path c = chain("dated.pem", leaf("vcse.cms.steven.lab").build());
    String[] base = {"cert", c.toString(), "--host", "vcse.cms.steven.lab", "--trust-store", root.toString(),
        "--format", "json", "--at"};
    CliRun after = run(with(base, "2027-01-01T00:00:00Z"));
    assertEquals(1, after.exitCode(), after.out());
    assertEquals(List.of("CERT_EXPIRED"), rules(after, "ERROR"));
    CliRun before = run(with(base, "2026-01-01T00:59:59+01:00"));
    assertEquals(1, before.exitCode(), before.out());
    assertEquals(List.of("CERT_NOT_YET_VALID"), rules(before, "ERROR"));
    CliRun inside = run(with(base, "2026-06-01T02:00:00+02:00"));
    assertEquals(0, inside.exitCode(), inside.out());
    CliRun soon = run(with(base, "2026-12-20T00:00:00Z"));
    assertEquals(0, soon.exitCode(), soon.out());
    assertTrue(rules(soon, "WARNING").contains("CERT_EXPIRING_SOON"), soon.out());
  }

  @Test
  void untrustedWithoutTheTrustStore() throws IOException {
    Path c = chain("private.pem", leaf("vcse.cms.steven.lab").build());
    CliRun r = run("cert", c.toString(), "--host", "vcse.cms.steven.lab", "--at", INSIDE, "--format", "json");
    assertEquals(1, r.exitCode(), r.out());
    assertEquals(List.of("CERT_UNTRUSTED"), rules(r, "ERROR"));
  }

  @Test
  void microsoft365RequiresAPublicCa() throws IOException {
    Path c = chain("m365.pem", leaf("vcse.cms.steven.lab").build());
    CliRun r = run("cert", c.toString(), "--host", "vcse.cms.steven.lab", "--trust-store", root.toString(),
        "--profile", "microsoft365", "--at", INSIDE, "--format", "json");
    assertEquals(1, r.exitCode(), r.out());
    assertEquals(List.of("CERT_PRIVATE_CA"), rules(r, "ERROR"));
  }

  @Test
  void missingClientAuthIsAWarningUnlessRequired() throws IOException {
    Path c = chain("server-only.pem", leaf("vcse.cms.steven.lab").keyPurposes(KeyPurpose.SERVER_AUTH).build());
    String[] base = {"cert", c.toString(), "--host", "vcse.cms.steven.lab", "--trust-store", root.toString(),
        "--at", INSIDE, "--format", "json"};
    CliRun lenient = run(base);
    assertEquals(0, lenient.exitCode(), lenient.out());
    assertEquals(List.of("CERT_NO_CLIENT_AUTH_EKU"), rules(lenient, "WARNING"));
    CliRun strict = run(with(base, "--require-client-auth"));
    assertEquals(1, strict.exitCode(), strict.out());
    assertEquals(List.of("CERT_NO_CLIENT_AUTH_EKU"), rules(strict, "ERROR"));
  }

  @Test
  void derCertificateAndOutputFileWork() throws IOException {
    HeldCertificate self = HeldCertificate.builder().commonName("vcse.steven.lab")
        .subjectAlternativeNames("vcse.steven.lab").validity(NOT_BEFORE, NOT_AFTER).build();
    Path der = tmp.resolve("self.der");
    Files.write(der, encoded(self));
    Path out = tmp.resolve("report.csv");
    CliRun r = run("cert", der.toString(), "--host", "VCSE.steven.lab.", "--at", INSIDE, "--format", "csv",
        "--output", out.toString());
    assertEquals(1, r.exitCode(), r.err());
    assertEquals("", r.out());
    assertTrue(Files.readString(out).contains("CERT_UNTRUSTED"), Files.readString(out));
  }

  private static byte[] encoded(HeldCertificate c) {
    try {
      return c.certificate().getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void unreadableOrGarbageFilesAndBadOptionsAreOneLineUsageErrors() throws IOException {
    Path garbage = Files.writeString(tmp.resolve("garbage.pem"), "this is not a certificate\n");
    Path c = chain("ok.pem", leaf("vcse.cms.steven.lab").build());
    List<String[]> cases = List.of(
        new String[] {"cert", garbage.toString(), "--host", "a.example.com"},
        new String[] {"cert", tmp.resolve("missing.pem").toString(), "--host", "a.example.com"},
        new String[] {"cert", tmp.toString(), "--host", "a.example.com"},
        new String[] {"cert", c.toString()},
        new String[] {"cert", c.toString(), "--host", "a..example.com"},
        new String[] {"cert", c.toString(), "--host", "a.example.com", "--at", "yesterday"},
        new String[] {"cert", c.toString(), "--host", "a.example.com", "--no-public-roots"},
        new String[] {"cert", c.toString(), "--host", "a.example.com", "--trust-store", garbage.toString()},
        new String[] {"cert", c.toString(), "--host", "a.example.com", "--profile", "cloud"});
    for (String[] args : cases) {
      CliRun r = run(args);
      assertEquals(2, r.exitCode(), String.join(" ", args) + "\n" + r.out() + r.err());
      assertEquals(1, r.err().lines().count(), r.err());
      assertFalse(r.err().contains("Exception"), r.err());
      assertEquals("", r.out());
    }
  }

  private static String[] with(String[] base, String... more) {
    List<String> all = new ArrayList<>(List.of(base));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
