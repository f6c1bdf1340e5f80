package io.fedcheck.cli.options;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The text of {@code --version}: fedcheck's version (filtered in by Maven) and the runtime's. */
public final class VersionInfo implements CommandLine.IVersionProvider {
  static final String RESOURCE = "/io/fedcheck/cli/version.properties";

  @Override
  public String[] getVersion() {
    return new String[] {
      "fedcheck " + version(),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name", "unknown VM") + ")"
    };
  }

  /** fedcheck's version, or {@code unknown} when run outside a Maven build. */
  public static String version() {
    try (InputStream in = VersionInfo.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown");
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
