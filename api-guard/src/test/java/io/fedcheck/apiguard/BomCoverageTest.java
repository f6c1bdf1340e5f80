package io.fedcheck.apiguard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
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
    Document parent = parse(ROOT.resolve("pom.xml"));
    Document bom = parse(ROOT.resolve("fedcheck-bom/pom.xml"));
    Set<String> published = new TreeSet<>();
    for (String module : texts(parent.getDocumentElement(), "modules", "module")) {
      if (!UNPUBLISHED.contains(module)) {
        published.add(texts(parse(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement(), null, "artifactId").get(0));
      }
    }
    Set<String> inBom = new TreeSet<>();
    NodeList deps = bom.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element dep = (Element) deps.item(i);
      assertEquals("io.fedcheck", child(dep, "groupId"));
      assertEquals("${project.version}", child(dep, "version"), "BOM entries follow the BOM's own version");
      inBom.add(child(dep, "artifactId"));
    }
    assertEquals(published, inBom, "fedcheck-bom/pom.xml must list exactly the published modules");
    assertEquals(child(parent.getDocumentElement(), "version"), child(bom.getDocumentElement(), "version"),
        "fedcheck-bom has no parent; its version must be the project's");
  }

  private static Document parse(Path pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(pom.toFile());
  }

  /** Direct children named {@code leaf} of the direct child {@code group} (or of {@code root} itself). */
  private static List<String> texts(Element root, String group, String leaf) {
    Element container = group == null ? root : (Element) directChildren(root, group).get(0);
    List<String> out = new ArrayList<>();
    for (Element e : directChildren(container, leaf)) {
      out.add(e.getTextContent().trim());
    }
    return out;
  }

  private static String child(Element parent, String name) {
    return directChildren(parent, name).get(0).getTextContent().trim();
  }

  private static List<Element> directChildren(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }
}
