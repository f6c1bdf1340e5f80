package io.fedcheck.apiguard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Every published module is in {@code fedcheck-bom}, at the parent's version. */
class BomCoverageTest {
  private static final Path ROOT = Path.of(System.getProperty("fedcheck.root", "..")).toAbsolutePath().normalize();
  /** Reactor modules that are not published, so not in the BOM. */
  private static final Set<String> UNPUBLISHED = Set.of("benchmarks", "api-guard", "fedcheck-bom");

  @Test
  void theBomListsEveryPublishedModuleAtTheProjectVersion() throws Exception {
    Document parent = Poms.parse(ROOT.resolve("pom.xml"));
    Document bom = Poms.parse(ROOT.resolve("fedcheck-bom/pom.xml"));
    Set<String> published = new TreeSet<>();
    for (String module : Poms.texts(parent.getDocumentElement(), "modules", "module")) {
      if (!UNPUBLISHED.contains(module)) {
        published.add(Poms.texts(Poms.parse(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement(), null, "artifactId").get(0));
      }
    }
    Set<String> inBom = new TreeSet<>();
    NodeList deps = bom.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element dep = (Element) deps.item(i);
      assertEquals("io.fedcheck", Poms.child(dep, "groupId"));
      assertEquals("${project.version}", Poms.child(dep, "version"), "BOM entries follow the BOM's own version");
      inBom.add(Poms.child(dep, "artifactId"));
    }
    assertEquals(published, inBom, "fedcheck-bom/pom.xml must list exactly the published modules");
    assertEquals(Poms.child(parent.getDocumentElement(), "version"), Poms.child(bom.getDocumentElement(), "version"),
        "fedcheck-bom has no parent; its version must be the project's");
  }
}
