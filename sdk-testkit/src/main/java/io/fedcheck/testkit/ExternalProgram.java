package io.fedcheck.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds an outside program a test needs (Debian's {@code nsd}, {@code openssl}, {@code chromium}).
 * Where it is absent the test is skipped with a message saying how to install it — unless the
 * environment variable {@value #REQUIRE_VARIABLE} is set (CI sets it after installing the programs),
 * in which case the test fails, so that a missing install step can never pass as a skipped test.
 */
public final class ExternalProgram {
  /** When set to anything but empty or {@code 0}, a missing program fails the test. */
  public static final String REQUIRE_VARIABLE = "FEDCHECK_REQUIRE_TEST_TOOLS";

  private ExternalProgram() {}

  /**
   * The first executable named one of {@code names} on the {@code PATH} or in {@code /usr/sbin}
   * and {@code /usr/bin}; skips (or fails, see above) the calling test when there is none.
   *
   * @param debianPackage the package that provides it, for the message
   */
  public static Path require(String debianPackage, String... names) {
    Optional<Path> found = find(names);
    if (found.isEmpty()) {
      String message = String.join("/", names) + " is not installed (apt-get install " + debianPackage
          + ", or run scripts/install-test-tools.sh as root)";
      String require = System.getenv(REQUIRE_VARIABLE);
      if (require != null && !require.isEmpty() && !require.equals("0")) {
        Assertions.fail(message + "; " + REQUIRE_VARIABLE + " is set, so this test must run");
      }
      Assumptions.abort(message + ": skipping this test");
    }
    return found.get();
  }

  /** The first executable named one of {@code names}, if any. */
  public static Optional<Path> find(String... names) {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin"
        + File.pathSeparator + "/usr/bin";
    return Stream.of(path.split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .flatMap(dir -> Stream.of(names).map(name -> Path.of(dir, name)))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
