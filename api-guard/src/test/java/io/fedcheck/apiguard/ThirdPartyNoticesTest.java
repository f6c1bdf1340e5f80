package io.fedcheck.apiguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The committed {@code THIRD-PARTY.txt} is the one license-maven-plugin generates for the CLI, and the
 * CLI depends on every published module, so the file covers every runtime dependency of them all.
 */
class ThirdPartyNoticesTest {
  private static final Path ROOT = Path.of(System.getProperty("fedcheck.root", "..")).toAbsolutePath().normalize();
  private static final Path GENERATED = ROOT.resolve("cli/target/classes/META-INF/THIRD-PARTY.txt");

  @Test
  void theCommittedFileIsTheGeneratedOne() throws Exception {
    assertTrue(Files.isRegularFile(GENERATED), "the cli module generates " + GENERATED + " before this test");
    List<String> generated = Files.readAllLines(GENERATED);
    List<String> committed = Files.readAllLines(ROOT.resolve("THIRD-PARTY.txt"));
    assertTrue(generated.stream().anyMatch(l -> l.contains("dnsjava:dnsjava")), "the generated list names dnsjava");
    assertEquals(generated, committed,
        "THIRD-PARTY.txt is out of date: run scripts/third-party.sh and commit the result");
  }

  @Test
  void theCliDependsOnEveryPublishedModuleSoItsListCoversThem() throws Exception {
    Set<String> inBom = new TreeSet<>();
    Document bom = Poms.parse(ROOT.resolve("fedcheck-bom/pom.xml"));
    for (Element dep : Poms.directChildren(
        (Element) Poms.directChildren(Poms.directChildren(bom.getDocumentElement(), "dependencyManagement").get(0),
            "dependencies").get(0), "dependency")) {
      inBom.add(Poms.child(dep, "artifactId"));
    }
    inBom.remove("cli");
    // The Flink job is the one published module the CLI does not bundle; its list is checked below.
    inBom.remove("sdk-flink");
    Set<String> cliCompile = new TreeSet<>();
    Document cli = Poms.parse(ROOT.resolve("cli/pom.xml"));
    for (Element dep : Poms.directChildren(Poms.directChildren(cli.getDocumentElement(), "dependencies").get(0), "dependency")) {
      boolean runtime = Poms.directChildren(dep, "scope").isEmpty()
          || Set.of("compile", "runtime").contains(Poms.child(dep, "scope"));
      if (Poms.child(dep, "groupId").equals("io.fedcheck") && runtime) {
        cliCompile.add(Poms.child(dep, "artifactId"));
      }
    }
    assertTrue(cliCompile.containsAll(inBom),
        "a published module the CLI does not depend on is missing from THIRD-PARTY.txt: " + inBom + " vs " + cliCompile);
  }

  @Test
  void theFlinkJobBundlesNothingTheRootListDoesNotName() throws Exception {
    Path flink = ROOT.resolve("sdk-flink/target/classes/META-INF/THIRD-PARTY.txt");
    assertTrue(Files.isRegularFile(flink), "the sdk-flink module generates " + flink + " before this test");
    Set<String> committed = new TreeSet<>(Files.readAllLines(ROOT.resolve("THIRD-PARTY.txt")));
    List<String> missing = Files.readAllLines(flink).stream()
        .filter(l -> l.startsWith("     (") && !committed.contains(l)).toList();
    assertTrue(Files.readAllLines(flink).stream().anyMatch(l -> l.contains("info.picocli:picocli")),
        "the job's list names picocli");
    assertTrue(Files.readAllLines(flink).stream().noneMatch(l -> l.contains("org.apache.flink:")),
        "Flink is provided by the cluster, never bundled");
    assertEquals(List.of(), missing, "libraries of the Flink job jar missing from THIRD-PARTY.txt");
  }
}
