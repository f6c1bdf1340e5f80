package io.fedcheck.apiguard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's Java snippets are copied from {@code examples/embedder}, which CI compiles and runs
 * against the published artifacts; this keeps the copy from drifting from the code that is built.
 */
class ReadmeSnippetsTest {
  private static final Path ROOT = Path.of(System.getProperty("fedcheck.root", "..")).toAbsolutePath().normalize();
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern XML_BLOCK = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern MANAGEMENT =
      Pattern.compile("<dependencyManagement>.*?</dependencyManagement>", Pattern.DOTALL);
  private static final Pattern DEPENDENCY = Pattern.compile("<dependency>.*?</dependency>", Pattern.DOTALL);

  @Test
  void everyJavaSnippetInTheReadmeIsInTheExampleProject() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String example;
    try (Stream<Path> files = Files.walk(ROOT.resolve("examples/embedder/src"))) {
      example = files.filter(p -> p.toString().endsWith(".java")).map(ReadmeSnippetsTest::read)
          .map(ReadmeSnippetsTest::normalised).collect(Collectors.joining("\n"));
    }
    List<String> missing = new ArrayList<>();
    Matcher m = JAVA_BLOCK.matcher(readme);
    int blocks = 0;
    while (m.find()) {
      blocks++;
      if (!example.contains(normalised(m.group(1)))) {
        missing.add(m.group(1));
      }
    }
    assertTrue(blocks > 0, "the README has Java snippets");
    assertFalse(!missing.isEmpty(), "README snippets not found in examples/embedder/src:\n" + String.join("\n---\n", missing));
  }

  @Test
  void theReadmesBomImportAndDependenciesAreThoseOfTheExampleProject() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String pom = normalised(Files.readString(ROOT.resolve("examples/embedder/pom.xml")));
    List<String> missing = new ArrayList<>();
    Matcher block = XML_BLOCK.matcher(readme);
    int elements = 0;
    while (block.find()) {
      String xml = block.group(1);
      Matcher management = MANAGEMENT.matcher(xml);
      while (management.find()) {
        elements++;
        if (!pom.contains(normalised(management.group()))) {
          missing.add(management.group());
        }
      }
      Matcher dependency = DEPENDENCY.matcher(MANAGEMENT.matcher(xml).replaceAll(""));
      while (dependency.find()) {
        elements++;
        if (!pom.contains(normalised(dependency.group()))) {
          missing.add(dependency.group());
        }
      }
    }
    assertTrue(elements >= 4, "the README shows the BOM import and the dependencies");
    assertFalse(!missing.isEmpty(), "README POM elements not in examples/embedder/pom.xml:\n" + String.join("\n---\n", missing));
  }

  /** Whitespace-insensitive, so the README may indent differently from the source file. */
  private static String normalised(String code) {
    return code.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining(" "));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
