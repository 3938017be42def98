package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fbc.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema validator logs through SLF4J, which without a provider prints "SLF4J(W): No SLF4J providers were
 * found" on stderr. The CLI ships slf4j-nop, so its stderr carries only fbc's own lines. Run as a real process:
 * SLF4J prints its warning once per JVM, when the first logger is made.
 */
class QuietLoggingTest {
  @TempDir
  Path tmp;

  @Test
  void validateWithSchemasPrintsNoLoggingLines() throws Exception {
    Path dir = Fixtures.minioOperatorDir(tmp);
    Run ok = Run.process(tmp, List.of("validate", "--schemas", dir.toString()));
    assertThat(ok.rc()).as(ok.stderr()).isZero();
    assertThat(ok.stderr()).isEmpty();

    // a schema violation: the validator runs (and logs, if it logs) and fbc reports the problem itself
    Path file = dir.resolve("minio-operator/index.yaml");
    Files.writeString(file, Files.readString(file).replace("schema: olm.package", "schema: olm.package\nicon: 7"));
    Run bad = Run.process(tmp, List.of("validate", "--schemas", dir.toString()));
    assertThat(bad.rc()).isEqualTo(1);
    assertThat(bad.stderr()).contains("index.yaml").doesNotContain("SLF4J").doesNotContain("slf4j");
  }
}
