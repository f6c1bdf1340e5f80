package io.fedcheck.apiguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fedcheck.api.FederationValidator;
import io.fedcheck.testkit.contract.CertificateInspectorContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Fails the build when the public API of {@code sdk-api} or of the test kit's contract suites differs
 * from the committed files under {@code api/}: an SPI change must show in the same commit's diff.
 * {@code scripts/api-signatures.sh} rewrites the files after an intended change.
 */
class ApiGuardTest {
  private static final Path ROOT = Path.of(System.getProperty("fedcheck.root", "..")).toAbsolutePath().normalize();
  private static final boolean UPDATE = Boolean.getBoolean("fedcheck.api.update");

  @Test
  void sdkApiMatchesTheRecordedSignatures() throws IOException {
    guard("sdk-api.txt", ApiSignatures.ofPackage(FederationValidator.class, "io.fedcheck.api"));
  }

  @Test
  void contractSuitesMatchTheRecordedSignatures() throws IOException {
    guard("sdk-testkit-contract.txt",
        ApiSignatures.ofPackage(CertificateInspectorContract.class, "io.fedcheck.testkit.contract"));
  }

  @Test
  void aChangedSpiMethodFailsTheComparison() {
    String before = ApiSignatures.of(List.of(SpiFixtures.Before.Spi.class)).replace("$Before$", "$X$");
    String after = ApiSignatures.of(List.of(SpiFixtures.After.Spi.class)).replace("$After$", "$X$");
    List<String> changes = differences(before, after);
    assertTrue(changes.stream().anyMatch(l -> l.startsWith("- ") && l.endsWith(".resolve(java.lang.String)")), changes.toString());
    assertTrue(changes.stream().anyMatch(l -> l.startsWith("+ ")
        && l.endsWith(".resolve(java.lang.String,java.time.Duration)")), changes.toString());
    assertEquals(2, changes.size(), changes.toString());
  }

  @Test
  void packagePrivateTypesAndMembersStayOutOfTheDump() {
    String dump = ApiSignatures.of(List.of(SpiFixtures.Before.Spi.class, SpiFixtures.Before.Hidden.class));
    assertTrue(dump.contains("Before$Spi"), dump);
    assertTrue(!dump.contains("Hidden") && !dump.contains("internalOnly"), dump);
  }

  private static void guard(String file, String actual) throws IOException {
    Path recorded = ROOT.resolve("api").resolve(file);
    if (UPDATE) {
      Files.createDirectories(recorded.getParent());
      Files.writeString(recorded, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(recorded)) {
      fail("missing " + recorded + ": run scripts/api-signatures.sh to record the API");
    }
    String expected = Files.readString(recorded, StandardCharsets.UTF_8);
    List<String> changes = differences(expected, actual);
    if (!changes.isEmpty()) {
      fail("The public API differs from api/" + file + " (" + changes.size() + " lines; + added, - removed):\n  "
          + String.join("\n  ", changes.subList(0, Math.min(changes.size(), 40)))
          + "\nIf the change is intended, run scripts/api-signatures.sh and commit api/" + file
          + " with it (and note it in CHANGELOG.md).");
    }
  }

  private static List<String> differences(String expected, String actual) {
    Set<String> was = new LinkedHashSet<>(expected.lines().toList());
    Set<String> is = new LinkedHashSet<>(actual.lines().toList());
    List<String> out = new ArrayList<>();
    for (String line : is) {
      if (!was.contains(line)) {
        out.add("+ " + line);
      }
    }
    for (String line : was) {
      if (!is.contains(line)) {
        out.add("- " + line);
      }
    }
    return out;
  }
}
