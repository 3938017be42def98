package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./fbc} launcher's build step and lock, on a copy of the launcher in a scratch tree. The Maven build it
 * starts is a stand-in {@code mvnw} that records its run and writes the jar (a real build takes minutes), and
 * {@code java} is a stand-in that prints "ran": what is tested is the launcher's own logic.
 */
class LauncherTest {
  private static final Path LAUNCHER = Path.of(System.getProperty("user.dir")).getParent().resolve("fbc");

  @TempDir
  Path root;
  Path bin;
  Path jar;
  Path lock;
  Path builds;

  @BeforeEach
  void scratchTree() throws IOException {
    Files.copy(LAUNCHER, root.resolve("fbc"));
    executable(root.resolve("fbc"));
    // ./fbc hands over to the distribution's launcher, which starts java
    Path dist = Files.createDirectories(root.resolve("fbc-cli/src/dist/bin")).resolve("fbc");
    Files.copy(LAUNCHER.resolveSibling("fbc-cli/src/dist/bin/fbc"), dist);
    executable(dist);
    Files.writeString(root.resolve("pom.xml"), "<project/>");
    Files.createDirectories(root.resolve("fbc-core/src/main/java"));
    Files.createDirectories(root.resolve("schemas"));
    Files.writeString(root.resolve("schemas/package.schema.json"), "{}");
    Files.createDirectories(root.resolve("fbc-testkit"));
    jar = root.resolve("fbc-cli/target/fbc.jar");
    lock = root.resolve(".fbc-build.lock");
    builds = root.resolve("builds.txt");
    // the stand-in build: records itself, then sleeps FAKE_BUILD_SECONDS (for the hang-up test) and writes the jar
    Files.writeString(root.resolve("mvnw"), "#!/bin/sh\necho build >> \"" + builds + "\"\n"
        + "sleep \"${FAKE_BUILD_SECONDS:-0}\"\nmkdir -p fbc-cli/target && echo jar > fbc-cli/target/fbc.jar\n");
    executable(root.resolve("mvnw"));
    bin = Files.createDirectories(root.resolve("bin"));
    Files.writeString(bin.resolve("java"), "#!/bin/sh\necho ran\n");
    executable(bin.resolve("java"));
  }

  private static void executable(Path p) throws IOException {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private ProcessBuilder launcher(String... env) {
    ProcessBuilder pb = new ProcessBuilder(List.of("setsid", root.resolve("fbc").toString(), "--version"))
        .directory(root.toFile()).redirectErrorStream(true);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    // the stand-in java on the PATH, not a real one from JAVA_HOME; no class-data sharing archive for it
    pb.environment().remove("JAVA_HOME");
    pb.environment().put("FBC_CDS", "0");
    for (int i = 0; i < env.length; i += 2) {
      pb.environment().put(env[i], env[i + 1]);
    }
    return pb;
  }

  private Run run(String... env) throws Exception {
    Process p = launcher(env).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the launcher did not finish");
    }
    return new Run(p.exitValue(), p.getInputStream().readAllBytes(), "");
  }

  private int buildCount() throws IOException {
    return Files.exists(builds) ? Files.readAllLines(builds).size() : 0;
  }

  private long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }

  @Test
  void buildsOnceThenOnlyWhenSourcesOrSchemasChange() throws Exception {
    assertThat(run().out()).contains("ran");
    assertThat(buildCount()).isEqualTo(1);
    assertThat(run().out()).contains("ran");
    assertThat(buildCount()).as("nothing changed").isEqualTo(1);

    for (Path source : List.of(root.resolve("pom.xml"), root.resolve("schemas/package.schema.json"))) {
      Files.setLastModifiedTime(source, FileTime.from(Instant.now().minusSeconds(120)));
    }
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
    assertThat(run().out()).contains("ran");
    assertThat(buildCount()).as("schemas are older than the jar").isEqualTo(1);
    Files.setLastModifiedTime(root.resolve("schemas/package.schema.json"), FileTime.from(Instant.now()));
    assertThat(run().out()).contains("ran");
    assertThat(buildCount()).as("a schema changed").isEqualTo(2);
    assertThat(lock).doesNotExist();
  }

  @Test
  void takesOverTheLockOfADeadOwner() throws Exception {
    Files.createDirectories(lock);
    Files.writeString(lock.resolve("pid"), deadPid() + "\n");
    Run r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run("FBC_BUILD_LOCK_TIMEOUT", "30"));
    assertThat(r.rc()).as(r.out()).isZero();
    assertThat(r.out()).contains("ran");
    assertThat(buildCount()).isEqualTo(1);
    assertThat(lock).doesNotExist();
  }

  @Test
  void givesUpOnALiveOwnerAfterTheTimeout() throws Exception {
    Files.createDirectories(lock);
    Files.writeString(lock.resolve("pid"), ProcessHandle.current().pid() + "\n");
    Run r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run("FBC_BUILD_LOCK_TIMEOUT", "2"));
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.out()).contains("another build (pid " + ProcessHandle.current().pid() + ")")
        .contains(".fbc-build.lock").doesNotContain("ran");
    assertThat(buildCount()).isZero();
    assertThat(lock.resolve("pid")).as("not ours to remove").exists();
  }

  @Test
  void aHangUpDuringTheBuildRemovesTheLock() throws Exception {
    Process p = launcher("FAKE_BUILD_SECONDS", "30").start();
    try {
      for (int i = 0; i < 200 && buildCount() == 0; i++) {
        Thread.sleep(50);
      }
      assertThat(lock.resolve("pid")).exists();
      // a closed terminal hangs up the whole process group: the launcher and its build
      new ProcessBuilder("kill", "-HUP", "--", "-" + p.pid()).start().waitFor();
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("the launcher ends on a hang-up").isTrue();
      assertThat(p.exitValue()).isNotZero();
      assertThat(lock).doesNotExist();
      assertThat(jar).doesNotExist();
    } finally {
      p.destroyForcibly();
    }
  }
}
