package org.twinsim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version (from the build) and the git commit (from TWINSIM_GIT_COMMIT, set by the launcher). */
public final class VersionInfo implements CommandLine.IVersionProvider {
  public static String version() {
    Properties p = new Properties();
    try (InputStream in = VersionInfo.class.getResourceAsStream("/twinsim-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }

  public static String gitCommit() {
    String c = System.getenv("TWINSIM_GIT_COMMIT");
    return c == null || c.isBlank() ? "unknown" : c.strip();
  }

  @Override
  public String[] getVersion() {
    return new String[] {"twinsim " + version() + " (commit " + gitCommit() + ")",
        "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " "
            + System.getProperty("os.arch")};
  }
}
