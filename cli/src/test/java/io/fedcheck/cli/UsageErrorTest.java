package io.fedcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every command-line mistake: exit 2, one line on stderr naming the problem, nothing checked. */
class UsageErrorTest {
  @TempDir static Path tmp;
  static Path notPem;
  static Path empty;

  @BeforeAll
  static void files() throws IOException {
    notPem = Files.writeString(tmp.resolve("not.pem"), "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n");
    empty = Files.writeString(tmp.resolve("empty.pem"), "");
  }

  static Stream<List<String>> mistakes() {
    return Stream.of(
        List.of("--bogus", "check", "a.example|Unknown option"),
        List.of("check", "--bogus", "a.example|Unknown option"),
        List.of("check|DOMAIN"),
        List.of("|give a command"),
        List.of("audit", "a.example|Missing required option: '--input=FILE'"),
        List.of("check", "--timeout", "10|not a duration"),
        List.of("check", "--timeout", "10x|not a duration"),
        List.of("check", "--timeout", "PT|not a duration"),
        List.of("check", "--timeout", "0s|not a positive duration"),
        List.of("check", "--timeout", "-PT5S|not a positive duration"),
        List.of("check", "--dns-server", "[::1]:99999|--dns-server"),
        List.of("check", "--dns-server", "::1:53:x|--dns-server"),
        List.of("check", "--dns-server", "1.2.3.4:|--dns-server"),
        List.of("check", "--dns-server", "bad host!|--dns-server"),
        List.of("check", "--resolver", "bind|'bind' is not one of dnsjava|jdk"),
        List.of("check", "--profile", "teams|is not one of on-premises|microsoft365"),
        List.of("check", "--format", "xml|is not one of text|json|jsonl|csv"),
        List.of("check", "--color", "sometimes|is not one of auto|always|never"),
        List.of("check", "--trust-store", tmp.resolve("missing.pem") + "|cannot read trust store"),
        List.of("check", "--trust-store", tmp.toString() + "|cannot read trust store"),
        List.of("check", "--trust-store", notPem + "|not a PEM certificate bundle: Illegal base64 character"),
        List.of("check", "--trust-store", empty + "|not a PEM certificate bundle"),
        List.of("check", "--no-public-roots|needs --trust-store"),
        List.of("check", "--zone-file", tmp.resolve("missing.zone") + "|not an existing file"),
        List.of("check", "--cert-dir", notPem + "|not an existing directory"),
        List.of("check", "--quiet", "--verbose|contradict"),
        List.of("check", "--format", "json", "--format", "csv|should be specified only once"),
        List.of("demo", "--format", "yaml|is not one of"));
  }

  @ParameterizedTest
  @MethodSource("mistakes")
  void isAOneLineUsageError(List<String> spec) {
    List<String> args = new ArrayList<>(spec);
    String last = args.remove(args.size() - 1);
    String[] parts = last.split("\\|", 2);
    if (!parts[0].isEmpty()) {
      args.add(parts[0]);
    }
    String expected = parts[1];
    if (!args.isEmpty() && args.get(0).equals("check") && !String.join(" ", args).endsWith("DOMAIN") && !expected.equals("DOMAIN")) {
      args.add("a.example");
    }
    ScriptedValidator v = new ScriptedValidator(Reports::pass);
    CliRun r = CliRun.run(v, args.toArray(String[]::new));
    assertEquals(2, r.exitCode(), r.err());
    assertEquals("", r.out());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("fedcheck: "), r.err());
    assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertEquals(List.of(), v.asked, "nothing is checked after a usage error");
  }
}
