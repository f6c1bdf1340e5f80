package io.fedcheck.cli.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fedcheck.cli.CliRun;
import io.fedcheck.cli.ScriptedValidator;
import io.fedcheck.cli.report.ReportJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Third-party vectors: the fourteen real-world "online" chains of C2SP/x509-limbo (Apache License
 * 2.0; see {@code x509-limbo-online/README.md}), each checked for its host at its validation time
 * against its own root only. None may show a certificate error.
 */
class CertLimboVectorsTest {
  private static final String DIR = "/x509-limbo-online/";

  private static final ScriptedValidator NEVER = new ScriptedValidator(d -> {
    throw new AssertionError("cert never checks live");
  });

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> out = new ArrayList<>();
    try (InputStream in = CertLimboVectorsTest.class.getResourceAsStream(DIR + "cases.tsv")) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t");
        out.add(Arguments.of(f[0], f[1], f[2], f[3]));
      }
    }
    return out.stream();
  }

  @Test
  void allFourteenCasesAreThere() throws IOException {
    assertEquals(14, cases().count());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void chainVerifiesForItsHostAtItsTime(String folder, String host, String time, String expected)
      throws IOException, URISyntaxException {
    assertEquals("SUCCESS", expected);
    Path chain = Path.of(getClass().getResource(DIR + folder + "/chain.pem").toURI());
    Path root = Path.of(getClass().getResource(DIR + folder + "/root.pem").toURI());
    CliRun r = CliRun.run(NEVER, "cert", chain.toString(), "--host", host, "--at", time,
        "--trust-store", root.toString(), "--no-public-roots", "--format", "json");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    JsonNode report = ReportJson.MAPPER.readTree(r.out()).get(0);
    for (JsonNode f : report.get("findings")) {
      boolean certError = f.get("severity").asText().equals("ERROR") && f.get("rule").asText().startsWith("CERT_");
      assertTrue(!certError, f.toString());
    }
    // Trusted through the given root only, never judged untrusted or outside its dates.
    assertTrue(report.get("findings").findValuesAsText("rule").stream()
        .noneMatch(rule -> rule.equals("CERT_UNTRUSTED") || rule.equals("CERT_EXPIRED")
            || rule.equals("CERT_NOT_YET_VALID") || rule.equals("CERT_NAME_MISMATCH")), report.toString());
  }
}
