package io.fedcheck.apiguard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads the reactor's POM files, for the checks on what is published. */
final class Poms {
  private Poms() {}

  static Document parse(Path pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(pom.toFile());
  }

  /** Direct children named {@code leaf} of the direct child {@code group} (or of {@code root} itself). */
  static List<String> texts(Element root, String group, String leaf) {
    Element container = group == null ? root : (Element) directChildren(root, group).get(0);
    List<String> out = new ArrayList<>();
    for (Element e : directChildren(container, leaf)) {
      out.add(e.getTextContent().trim());
    }
    return out;
  }

  static String child(Element parent, String name) {
    return directChildren(parent, name).get(0).getTextContent().trim();
  }

  static List<Element> directChildren(Element parent, String name) {
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
