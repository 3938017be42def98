package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code fbc --version}, {@code fbc version -o json} and {@code fbc help <command>}. */
class VersionTest {
  @Test
  void versionNamesTheBuildTheCommitAndTheJavaRuntime() {
    Run r = Run.inProcess("--version");
    assertThat(r.rc()).isZero();
    BuildInfo info = BuildInfo.current();
    // the build wrote build.properties into target/classes: the version is the pom's, not "development"
    assertThat(info.version()).isEqualTo(System.getProperty("fbc.version", info.version())).isNotEqualTo("development");
    assertThat(r.out()).startsWith("fbc " + info.version() + "\n")
        .contains("commit " + info.commit().substring(0, Math.min(12, info.commit().length())))
        .contains("java " + System.getProperty("java.runtime.version"));
  }

  @Test
  void versionAsJsonHasTheSameFacts() throws Exception {
    Run r = Run.inProcess("version", "-o", "json");
    assertThat(r.rc()).as(r.stderr()).isZero();
    JsonNode n = new ObjectMapper().readTree(r.stdout());
    BuildInfo info = BuildInfo.current();
    assertThat(n.get("version").asText()).isEqualTo(info.version());
    assertThat(n.get("commit").asText()).isEqualTo(info.commit()).matches("[0-9a-f]{40}|unknown");
    assertThat(n.get("java").get("version").asText()).isEqualTo(System.getProperty("java.runtime.version"));
    assertThat(Run.inProcess("version").out()).isEqualTo(Run.inProcess("--version").out());
  }

  @Test
  void badVersionFormatIsOneLine() {
    Run r = Run.inProcess("version", "-o", "xml");
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.stderr().strip()).isEqualTo("invalid --output value \"xml\", expected (text|json)");
  }

  @Test
  void helpCommandPrintsTheCommandsUsage() {
    Run r = Run.inProcess("help", "validate");
    assertThat(r.rc()).isZero();
    String help = r.out() + r.stderr();
    assertThat(help).contains("Usage: fbc validate").contains("--quiet");
  }
}
