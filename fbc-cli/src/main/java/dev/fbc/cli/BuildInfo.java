package dev.fbc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What this fbc is: the Maven version and the git commit (with its date) it was built from, written at build time
 * by {@code src/build/build-info.sh}, plus the Java runtime it runs on. Classes run without that resource (from an
 * IDE) say "development" and "unknown".
 */
record BuildInfo(String version, String commit, String commitDate, boolean dirty, String javaVersion,
    String javaVendor, String javaHome, String os) {
  static final String RESOURCE = "build.properties";

  static BuildInfo current() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // a jar whose resource cannot be read still runs; it reports itself as unknown
    }
    return new BuildInfo(p.getProperty("version", "development"), p.getProperty("commit", "unknown"),
        p.getProperty("commit.date", "unknown"), Boolean.parseBoolean(p.getProperty("dirty", "false")),
        System.getProperty("java.runtime.version", System.getProperty("java.version", "unknown")),
        System.getProperty("java.vendor", "unknown"), System.getProperty("java.home", "unknown"),
        System.getProperty("os.name", "unknown") + " " + System.getProperty("os.arch", ""));
  }

  /** The lines of {@code fbc --version}. */
  String[] lines() {
    String shortCommit = commit.length() > 12 ? commit.substring(0, 12) : commit;
    return new String[] {
        "fbc " + version,
        "commit " + shortCommit + (dirty ? " with local changes" : "") + " (" + commitDate + ")",
        "java " + javaVersion + " (" + javaVendor + ", " + javaHome + ")",
        "os " + os.strip()};
  }

  /** The same facts as fields, for {@code fbc version -o json|yaml}. */
  Map<String, Object> fields() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", version);
    m.put("commit", commit);
    m.put("commitDate", commitDate);
    m.put("dirty", dirty);
    Map<String, Object> java = new LinkedHashMap<>();
    java.put("version", javaVersion);
    java.put("vendor", javaVendor);
    java.put("home", javaHome);
    m.put("java", java);
    m.put("os", os.strip());
    return m;
  }
}
