package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs an external program (bash, fish, a launcher) with a bounded wait; what tests of shell-facing parts use. */
record ShellTool(int rc, String out, String err) {
  /** Whether {@code program} is on the PATH; under CI=true a missing one fails the test instead of skipping it. */
  static void require(String program) {
    boolean found = false;
    for (String dir : System.getenv("PATH").split(java.io.File.pathSeparator)) {
      found |= Files.isExecutable(Path.of(dir, program));
    }
    if (!found && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(program + " is not installed (.ci/run installs it)");
    }
    Assumptions.assumeTrue(found, program + " is not installed");
  }

  static ShellTool run(Path dir, Map<String, String> env, String... cmd) throws IOException, InterruptedException {
    Path out = Files.createTempFile("shell-out", ".txt");
    Path err = Files.createTempFile("shell-err", ".txt");
    try {
      ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(cmd))).directory(dir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
              new java.io.File("/dev/null")));
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("did not finish in 120 s: " + List.of(cmd));
      }
      return new ShellTool(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  ShellTool ok() {
    assertThat(rc).as("exit status; stderr: %s", err).isZero();
    return this;
  }
}
