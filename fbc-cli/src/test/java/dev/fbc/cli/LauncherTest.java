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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./fbc} launcher's build step and lock, and the distribution's {@code bin/fbc} (Java look-up and its
 * class-data sharing archive), on copies of the launchers in a scratch tree. The Maven build it starts is a
 * stand-in {@code mvnw} that records its run and writes the jar (a real build takes minutes), and {@code java} is
 * a stand-in that prints "ran" (and, as a JDK, logs its arguments and writes the archive it is asked for): what is
 * tested is the launchers' own logic. DistributionIT runs the real thing.
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
    // bounds are safety nets for a loaded machine (a CI run once saw 20 s pass): the stand-in build outlasts them,
    // so a launcher that ignored the hang-up would still be running, or exit 0 after the build
    Process p = launcher("FAKE_BUILD_SECONDS", "120").start();
    try {
      for (int i = 0; i < 600 && buildCount() == 0; i++) {
        Thread.sleep(50);
      }
      assertThat(buildCount()).as("the stand-in build started").isPositive();
      assertThat(lock.resolve("pid")).exists();
      // a closed terminal hangs up the whole process group: the launcher and its build
      new ProcessBuilder("kill", "-HUP", "--", "-" + p.pid()).start().waitFor();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher ends on a hang-up").isTrue();
      assertThat(p.exitValue()).isNotZero();
      assertThat(lock).doesNotExist();
      assertThat(jar).doesNotExist();
    } finally {
      p.destroyForcibly();
    }
  }

  // --- the distribution's bin/fbc: Java look-up and the class-data sharing archive ---

  /**
   * A stand-in JDK: {@code release} names the version, {@code bin/java} logs each run's arguments, writes the
   * archive {@code -XX:ArchiveClassesAtExit} asks for (chattering on stdout and stderr, which the user must never
   * see), answers the check run ({@code -version}) with FAKE_UNMAPPABLE's verdict, and otherwise prints "ran".
   */
  private Path fakeJdk(String name, String version) throws IOException {
    Path jdk = Files.createDirectories(root.resolve(name + "/bin")).getParent();
    Files.writeString(jdk.resolve("release"),
        "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\nOS_NAME=\"Linux\"\n");
    writeJava(jdk.resolve("bin/java"));
    return jdk;
  }

  private void writeJava(Path java) throws IOException {
    Files.writeString(java, "#!/bin/sh\necho \"$*\" >> \"" + root.resolve("java.log") + "\"\n"
        + "for a in \"$@\"; do\n  case $a in\n"
        + "    -XX:ArchiveClassesAtExit=*) echo chatter; echo chatter >&2\n"
        + "      [ -n \"${FAKE_NO_ARCHIVE:-}\" ] || echo archive > \"${a#*=}\"; exit 0 ;;\n"
        + "    -version) [ -z \"${FAKE_UNMAPPABLE:-}\" ]; exit ;;\n  esac\ndone\necho ran\n");
    executable(java);
  }

  private List<String> javaRuns() throws IOException {
    Path log = root.resolve("java.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  private long trainings() throws IOException {
    return javaRuns().stream().filter(l -> l.contains("-XX:ArchiveClassesAtExit=")).count();
  }

  private List<Path> cacheFiles(Path cache) throws IOException {
    if (!Files.exists(cache)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(cache)) {
      return s.filter(p -> !Files.isDirectory(p)).toList();
    }
  }

  /** Runs {@code launcher --version} with the given environment (JAVA_HOME, XDG_CACHE_HOME, ...). */
  private ShellTool dist(Path launcher, Map<String, String> env) throws Exception {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.putIfAbsent("FBC_JAR", jar.toString());
    all.putIfAbsent("PATH", System.getenv("PATH"));
    return ShellTool.run(root, all, launcher.toString(), "--version");
  }

  private Path distLauncher() {
    return root.resolve("fbc-cli/src/dist/bin/fbc");
  }

  @Test
  void archiveIsTrainedOnceThenUsedAndNeverPrinted() throws Exception {
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "jar");
    Path jdk = fakeJdk("jdk", "17.0.9");
    Path cache = root.resolve("cache");
    Map<String, String> env = Map.of("JAVA_HOME", jdk.toString(), "XDG_CACHE_HOME", cache.toString());

    ShellTool first = dist(distLauncher(), env).ok();
    assertThat(first.out()).as("the training's output is not the user's").isEqualTo("ran\n");
    assertThat(first.err()).isEmpty();
    assertThat(trainings()).isEqualTo(1);
    assertThat(javaRuns()).hasSize(3);
    assertThat(javaRuns().get(0)).contains("-cp " + jar + " dev.fbc.cli.CdsTraining");
    assertThat(javaRuns().get(1)).contains("-Xshare:on").endsWith("-version");
    List<Path> files = cacheFiles(cache);
    assertThat(files).as("the archive and the stamp of its java, no temporary file")
        .extracting(p -> p.getFileName().toString().replaceAll("^.*fbc\\.jar", ""))
        .containsExactlyInAnyOrder(".jsa", ".java");
    Path jsa = files.stream().filter(p -> p.toString().endsWith(".jsa")).findFirst().orElseThrow();
    assertThat(jsa.getParent().getFileName().toString())
        .isEqualTo(jdk.resolve("bin/java").toString().replace('/', '~'));
    assertThat(Files.getLastModifiedTime(jsa)).isEqualTo(Files.getLastModifiedTime(jar));
    assertThat(javaRuns().get(2)).contains("-XX:SharedArchiveFile=" + jsa).endsWith("-jar " + jar + " --version");

    Object key = Files.readAttributes(jsa, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    ShellTool second = dist(distLauncher(), env).ok();
    assertThat(second.out()).isEqualTo("ran\n");
    assertThat(trainings()).as("trained once").isEqualTo(1);
    assertThat(javaRuns()).hasSize(4);
    assertThat(javaRuns().get(3)).contains("-XX:SharedArchiveFile=" + jsa);
    assertThat(Files.readAttributes(jsa, java.nio.file.attribute.BasicFileAttributes.class).fileKey())
        .isEqualTo(key);

    // FBC_CDS=0: neither trained nor used
    assertThat(dist(distLauncher(), Map.of("JAVA_HOME", jdk.toString(), "XDG_CACHE_HOME", cache.toString(),
        "FBC_CDS", "0")).ok().out()).isEqualTo("ran\n");
    assertThat(javaRuns().get(4)).doesNotContain("SharedArchiveFile");
    assertThat(trainings()).isEqualTo(1);
  }

  /**
   * The heap asks for transparent huge pages where the kernel has them and does not refuse them (page faults are
   * dear on VMs); without them the JVM would warn on every run, so the flag is left out. The expectation is read
   * from this machine's kernel, as the launcher reads it.
   */
  @Test
  void hugePagesAreAskedForWhereTheKernelHasThem() throws Exception {
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "jar");
    Path jdk = fakeJdk("jdk", "17.0.9");
    ShellTool run = dist(distLauncher(), Map.of("JAVA_HOME", jdk.toString(), "FBC_CDS", "0")).ok();
    assertThat(run.err()).isEmpty();
    Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    boolean offered = Files.isReadable(thp) && !Files.readString(thp).contains("[never]");
    assertThat(javaRuns()).hasSize(1);
    if (offered) {
      assertThat(javaRuns().get(0)).contains("-XX:+UseTransparentHugePages");
    } else {
      assertThat(javaRuns().get(0)).doesNotContain("TransparentHugePages");
    }
  }

  /** One compiler thread, unless FBC_JAVA_OPTS brings C2 back (which needs two: the JVM would not start). */
  @Test
  void oneCompilerThreadUnlessTheOptionsBringC2Back() throws Exception {
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "jar");
    Path jdk = fakeJdk("jdk", "17.0.9");
    dist(distLauncher(), Map.of("JAVA_HOME", jdk.toString(), "FBC_CDS", "0")).ok();
    dist(distLauncher(), Map.of("JAVA_HOME", jdk.toString(), "FBC_CDS", "0",
        "FBC_JAVA_OPTS", "-XX:TieredStopAtLevel=4")).ok();
    dist(distLauncher(), Map.of("JAVA_HOME", jdk.toString(), "FBC_CDS", "0",
        "FBC_JAVA_OPTS", "-XX:CICompilerCount=3")).ok();
    assertThat(javaRuns()).hasSize(3);
    assertThat(javaRuns().get(0)).contains("-XX:CICompilerCount=1");
    assertThat(javaRuns().get(1)).doesNotContain("CICompilerCount").contains("-XX:TieredStopAtLevel=4");
    assertThat(javaRuns().get(2)).doesNotContain("CICompilerCount=1").contains("-XX:CICompilerCount=3");
  }

  @Test
  void aRebuiltJarOrAReplacedJavaTrainsAgain() throws Exception {
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "jar");
    Path jdk = fakeJdk("jdk", "17.0.9");
    Path cache = root.resolve("cache");
    Map<String, String> env = Map.of("JAVA_HOME", jdk.toString(), "XDG_CACHE_HOME", cache.toString());
    dist(distLauncher(), env).ok();
    assertThat(trainings()).isEqualTo(1);

    // a jar older than its archive (an older release unpacked over it) is another jar too
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(3600)));
    assertThat(dist(distLauncher(), env).ok().out()).isEqualTo("ran\n");
    assertThat(trainings()).as("the jar changed").isEqualTo(2);
    assertThat(dist(distLauncher(), env).ok().out()).isEqualTo("ran\n");
    assertThat(trainings()).isEqualTo(2);

    // the JVM upgraded in place (a new file at the same path, with its package's date)
    Path java = jdk.resolve("bin/java");
    Files.delete(java);
    writeJava(java);
    Files.setLastModifiedTime(java, FileTime.from(Instant.now().minusSeconds(86400)));
    assertThat(dist(distLauncher(), env).ok().out()).isEqualTo("ran\n");
    assertThat(trainings()).as("the java changed").isEqualTo(3);
    assertThat(cacheFiles(cache)).hasSize(2);

    // another JVM gets an archive of its own, and the first keeps its own
    Path other = fakeJdk("jdk21", "21.0.1");
    Map<String, String> env21 = Map.of("JAVA_HOME", other.toString(), "XDG_CACHE_HOME", cache.toString());
    dist(distLauncher(), env21).ok();
    assertThat(trainings()).isEqualTo(4);
    dist(distLauncher(), env).ok();
    dist(distLauncher(), env21).ok();
    assertThat(trainings()).isEqualTo(4);
    assertThat(cacheFiles(cache)).hasSize(4);

    // an archive that is not the user's own (a shared cache) is not used but trained again; only root can make
    // one here, elsewhere the chown fails and this part has nothing to check
    Path jsa = cacheFiles(cache).stream()
        .filter(p -> p.toString().contains("jdk21") && p.toString().endsWith(".jsa")).findFirst().orElseThrow();
    boolean chowned;
    try {
      Files.setAttribute(jsa, "unix:uid", 65534);
      chowned = true;
    } catch (IOException | UnsupportedOperationException e) {
      chowned = false;
    }
    if (chowned) {
      assertThat(dist(distLauncher(), env21).ok().out()).isEqualTo("ran\n");
      assertThat(trainings()).as("a foreign archive").isEqualTo(5);
      assertThat((Integer) Files.getAttribute(jsa, "unix:uid")).isNotEqualTo(65534);
    }
  }

  @Test
  void anArchiveInADirectoryThatIsNotTheUsersOwnIsNeitherUsedNorTrained() throws Exception {
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "jar");
    Path jdk = fakeJdk("jdk", "17.0.9");
    Path cache = root.resolve("cache");
    Map<String, String> env = Map.of("JAVA_HOME", jdk.toString(), "XDG_CACHE_HOME", cache.toString());
    dist(distLauncher(), env).ok();
    assertThat(trainings()).isEqualTo(1);
    Path cds = cache.resolve("fbc/cds");
    try (Stream<Path> dirs = Files.walk(cds)) {
      // made readable and writable by the user only
      assertThat(dirs.filter(Files::isDirectory).map(d -> {
        try {
          return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(d));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).distinct()).containsExactly("rwx------");
    }
    dist(distLauncher(), env).ok();
    assertThat(javaRuns().get(javaRuns().size() - 1)).contains("-XX:SharedArchiveFile=");

    // another user's directory (a shared cache): only root can make one here; elsewhere the chown fails and this
    // part has nothing to check
    int uid = (Integer) Files.getAttribute(cds, "unix:uid");
    try {
      Files.setAttribute(cds, "unix:uid", 65534);
    } catch (IOException | UnsupportedOperationException e) {
      return;
    }
    try {
      assertThat(dist(distLauncher(), env).ok().out()).isEqualTo("ran\n");
      assertThat(javaRuns().get(javaRuns().size() - 1)).doesNotContain("SharedArchiveFile");
      assertThat(trainings()).as("no training into another user's directory").isEqualTo(1);
    } finally {
      Files.setAttribute(cds, "unix:uid", uid);
    }
    dist(distLauncher(), env).ok();
    assertThat(javaRuns().get(javaRuns().size() - 1)).contains("-XX:SharedArchiveFile=");
  }

  @Test
  void anArchiveTheJvmCannotMapIsNotKeptNorTrainedAgain() throws Exception {
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "jar");
    Path jdk = fakeJdk("jdk", "17.0.9");
    Path cache = root.resolve("cache");
    for (String failure : List.of("FAKE_UNMAPPABLE", "FAKE_NO_ARCHIVE")) {
      Files.deleteIfExists(root.resolve("java.log"));
      deleteTree(cache);
      Map<String, String> env = Map.of("JAVA_HOME", jdk.toString(), "XDG_CACHE_HOME", cache.toString(),
          failure, "1");
      ShellTool r = dist(distLauncher(), env).ok();
      assertThat(r.out()).as(failure).isEqualTo("ran\n");
      assertThat(r.err()).isEmpty();
      assertThat(cacheFiles(cache)).as(failure)
          .extracting(p -> p.getFileName().toString().replaceAll("^.*fbc\\.jar", ""))
          .containsExactlyInAnyOrder(".off", ".java");
      assertThat(dist(distLauncher(), env).ok().out()).isEqualTo("ran\n");
      assertThat(trainings()).as("%s: not tried again for this jar and JVM", failure).isEqualTo(1);
      assertThat(javaRuns()).filteredOn(l -> l.contains(" -jar "))
          .allSatisfy(l -> assertThat(l).doesNotContain("SharedArchiveFile"));
    }
  }

  @Test
  void anUnwritableCacheOnlyMeansNoArchive() throws Exception {
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "jar");
    Path jdk = fakeJdk("jdk", "17.0.9");
    // a file where the cache directory would be: nothing can be made under it (whoever runs the test)
    Path notADir = Files.writeString(root.resolve("cache-file"), "x");
    ShellTool r = dist(distLauncher(), Map.of("JAVA_HOME", jdk.toString(), "XDG_CACHE_HOME", notADir.toString()));
    assertThat(r.rc()).isZero();
    assertThat(r.out()).isEqualTo("ran\n");
    assertThat(r.err()).isEmpty();
    assertThat(trainings()).isZero();
    // no cache at all
    ShellTool none = ShellTool.run(root, Map.of("JAVA_HOME", jdk.toString(), "FBC_JAR", jar.toString(),
        "XDG_CACHE_HOME", "", "HOME", ""), distLauncher().toString(), "--version");
    assertThat(none.out()).isEqualTo("ran\n");
    assertThat(trainings()).isZero();
  }

  @Test
  void javaFromThePathAndItsVersionFromTheReleaseFile() throws Exception {
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "jar");
    Path jdk11 = fakeJdk("jdk11", "11.0.2");
    Path jdk17 = fakeJdk("jdk17", "17.0.9");
    // an earlier PATH entry with a java that is not executable, and the JDK's java reached through a link
    Path notExec = Files.createDirectories(root.resolve("noexec"));
    Files.writeString(notExec.resolve("java"), "#!/bin/sh\necho wrong\n");
    Path links = Files.createDirectories(root.resolve("links"));
    Files.createSymbolicLink(links.resolve("java"), jdk11.resolve("bin/java"));
    Map<String, String> env = Map.of("JAVA_HOME", "", "XDG_CACHE_HOME", root.resolve("cache").toString(),
        "PATH", notExec + ":" + links + ":/usr/bin:/bin");
    ShellTool old = dist(distLauncher(), env);
    assertThat(old.rc()).isEqualTo(1);
    assertThat(old.out()).isEmpty();
    assertThat(old.err().strip()).isEqualTo("fbc: needs Java 17 or later, but " + links.resolve("java")
        + " is Java 11.0.2: install Java 17+ and set JAVA_HOME to it");

    Files.delete(links.resolve("java"));
    Files.createSymbolicLink(links.resolve("java"), jdk17.resolve("bin/java"));
    assertThat(dist(distLauncher(), env).ok().out()).isEqualTo("ran\n");
    assertThat(trainings()).isEqualTo(1);
  }

  @Test
  void anInstalledLauncherReachedThroughARelativeLinkFindsItsJar() throws Exception {
    Path home = Files.createDirectories(root.resolve("opt/fbc 1/bin")).getParent();
    Files.copy(distLauncher(), home.resolve("bin/fbc"));
    executable(home.resolve("bin/fbc"));
    Files.createDirectories(home.resolve("lib"));
    Files.writeString(home.resolve("lib/fbc.jar"), "jar");
    Path local = Files.createDirectories(root.resolve("local/bin"));
    Files.createSymbolicLink(local.resolve("fbc"), Path.of("../../opt/fbc 1/bin/fbc"));
    Path jdk = fakeJdk("jdk", "17.0.9");
    ShellTool r = ShellTool.run(root, Map.of("JAVA_HOME", jdk.toString(), "FBC_CDS", "0"), "local/bin/fbc", "-h");
    assertThat(r.out()).as(r.err()).isEqualTo("ran\n");
    assertThat(javaRuns().get(0)).endsWith("/opt/fbc 1/bin/../lib/fbc.jar -h");

    // with an archive, the JVM gets a copy of the jar at a path without a blank (Java 17 maps no class of the other)
    Path cache = root.resolve("cache");
    for (int i = 0; i < 2; i++) {
      ShellTool cds = ShellTool.run(root, Map.of("JAVA_HOME", jdk.toString(), "XDG_CACHE_HOME", cache.toString()),
          "local/bin/fbc", "-h");
      assertThat(cds.out()).as(cds.err()).isEqualTo("ran\n");
    }
    List<Path> alias = cacheFiles(cache).stream().filter(p -> p.toString().endsWith(".jar")).toList();
    assertThat(alias).hasSize(1);
    assertThat(alias.get(0).getFileName().toString()).doesNotContain(" ");
    assertThat(alias.get(0)).hasSameTextualContentAs(home.resolve("lib/fbc.jar"));
    assertThat(Files.getLastModifiedTime(alias.get(0)))
        .isEqualTo(Files.getLastModifiedTime(home.resolve("lib/fbc.jar")));
    assertThat(trainings()).isEqualTo(1);
    assertThat(javaRuns().get(javaRuns().size() - 1)).contains("-XX:SharedArchiveFile=")
        .endsWith("-jar " + alias.get(0) + " -h");

    Files.delete(home.resolve("lib/fbc.jar"));
    ShellTool missing = ShellTool.run(root, Map.of("JAVA_HOME", jdk.toString()), "local/bin/fbc", "-h");
    assertThat(missing.rc()).isEqualTo(1);
    assertThat(missing.err()).contains("fbc.jar is missing; unpack the whole fbc archive again");
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
