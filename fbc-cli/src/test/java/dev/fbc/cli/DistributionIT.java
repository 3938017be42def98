package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive that {@code package} built (failsafe runs this after it): unpacked into a directory whose name has a
 * space, its {@code bin/fbc} runs from another directory, names its version and commit, validates a catalog, and
 * its class-data sharing archive is trained once, used after (its classes come from it), and a broken one is
 * ignored or replaced; none of this shows on stdout or stderr.
 */
class DistributionIT {
  @TempDir
  Path tmp;

  private Path unpack() throws Exception {
    Path archive = Path.of(System.getProperty("fbc.dist.archive"));
    assertThat(archive).exists();
    Path into = Files.createDirectories(tmp.resolve("opt with space"));
    ShellTool.run(tmp, Map.of(), "tar", "xzf", archive.toString(), "-C", into.toString()).ok();
    return into.resolve("fbc-" + System.getProperty("fbc.version"));
  }

  private Map<String, String> env(Path cache) {
    Map<String, String> env = new HashMap<>();
    env.put("XDG_CACHE_HOME", cache.toString());
    return env;
  }

  @Test
  void unpackedArchiveRunsFromAnotherDirectory() throws Exception {
    Path home = unpack();
    assertThat(home.resolve("bin/fbc")).isExecutable();
    assertThat(home.resolve("lib/fbc.jar")).isRegularFile();
    assertThat(home.resolve("README.md")).isRegularFile();
    assertThat(home.resolve("man/man1/fbc-validate.1")).isRegularFile();
    Path cwd = Files.createDirectories(tmp.resolve("elsewhere"));
    Path cache = tmp.resolve("cache dir");
    String fbc = home.resolve("bin/fbc").toString();

    ShellTool v = ShellTool.run(cwd, env(cache), fbc, "--version").ok();
    String commit = BuildInfo.current().commit();
    assertThat(v.out()).startsWith("fbc " + System.getProperty("fbc.version") + "\n")
        .contains("commit " + commit.substring(0, Math.min(12, commit.length())));
    assertThat(v.err()).isEmpty();
    // no class-data sharing archive: Java 17 would load no class from it, as both the jar's path and the cache's
    // have a blank (cdsArchiveIsTrainedOnceUsedAfterAndABrokenOneIgnoredOrReplaced has a cache without one, where
    // the launcher runs a copy of the jar)
    assertThat(archives(cache)).isEmpty();

    Path catalog = Files.createDirectories(tmp.resolve("my catalog"));
    Files.writeString(catalog.resolve("index.yaml"), """
        ---
        schema: olm.package
        name: etcd
        defaultChannel: stable
        ---
        schema: olm.channel
        package: etcd
        name: stable
        entries:
          - name: etcd.v0.9.0
        ---
        schema: olm.bundle
        package: etcd
        name: etcd.v0.9.0
        image: quay.io/example/etcd:v0.9.0
        properties:
          - type: olm.package
            value: {packageName: etcd, version: 0.9.0}
        """);
    ShellTool ok = ShellTool.run(cwd, env(cache), fbc, "validate", catalog.toString()).ok();
    assertThat(ok.out()).isEmpty();
    assertThat(ok.err()).isEmpty();
    Files.writeString(catalog.resolve("index.yaml"), "schema: olm.channel\npackage: nope\nname: stable\n");
    ShellTool bad = ShellTool.run(cwd, env(cache), fbc, "validate", catalog.toString());
    assertThat(bad.rc()).isEqualTo(1);
    assertThat(bad.err()).contains("nope").doesNotContain("Exception").doesNotContain("[warning]");

    ShellTool zip = ShellTool.run(tmp, Map.of(), "unzip", "-Z1", System.getProperty("fbc.dist.zip")).ok();
    assertThat(zip.out()).contains("bin/fbc").contains("lib/fbc.jar").contains("man/man1/fbc.1");
  }

  private static List<Path> archives(Path cache) throws java.io.IOException {
    if (!Files.exists(cache)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(cache)) {
      return s.filter(p -> p.toString().endsWith(".jsa")).toList();
    }
  }

  private static Object fileKey(Path p) throws java.io.IOException {
    return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
  }

  /** Where fbc's own classes came from, by the JVM's class-loading log (FBC_JAVA_OPTS reaches the JVM last). */
  private String classSource(Path home, Map<String, String> env, Path log) throws Exception {
    Map<String, String> logging = new HashMap<>(env);
    logging.put("FBC_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
    ShellTool.run(tmp, logging, home.resolve("bin/fbc").toString(), "--version").ok();
    return Files.readAllLines(log).stream().filter(l -> l.contains(" dev.fbc.cli.FbcCommand ")).findFirst()
        .orElseThrow();
  }

  @Test
  void cdsArchiveIsTrainedOnceUsedAfterAndABrokenOneIgnoredOrReplaced() throws Exception {
    Path home = unpack();
    Path cache = tmp.resolve("cache");
    String fbc = home.resolve("bin/fbc").toString();
    Map<String, String> on = env(cache);
    Map<String, String> off = env(tmp.resolve("unused"));
    off.put("FBC_CDS", "0");
    String expected = ShellTool.run(tmp, off, fbc, "--version").ok().out();
    assertThat(tmp.resolve("unused")).as("FBC_CDS=0 writes nothing").doesNotExist();

    // two first runs at once: both fine, one archive, no temporary file left
    ProcessBuilder other = new ProcessBuilder(fbc, "--version").directory(tmp.toFile())
        .redirectOutput(tmp.resolve("other.out").toFile()).redirectError(tmp.resolve("other.err").toFile());
    other.environment().putAll(on);
    Process concurrent = other.start();
    ShellTool first = ShellTool.run(tmp, on, fbc, "--version").ok();
    assertThat(concurrent.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(concurrent.exitValue()).isZero();
    assertThat(first.out()).isEqualTo(expected);
    assertThat(first.err()).isEmpty();
    assertThat(Files.readString(tmp.resolve("other.out"))).isEqualTo(expected);
    assertThat(Files.readString(tmp.resolve("other.err"))).isEmpty();
    List<Path> jsas = archives(cache);
    assertThat(jsas).hasSize(1);
    Path jsa = jsas.get(0);
    try (Stream<Path> s = Files.list(jsa.getParent())) {
      // the archive, the stamp of its java and (the install path has a blank) the copy of the jar
      assertThat(s.map(p -> p.getFileName().toString().replaceAll("^.*fbc\\.jar", "")))
          .containsExactlyInAnyOrder(".jsa", ".java", ".jar");
    }

    // used, not written again
    Object key = fileKey(jsa);
    assertThat(classSource(home, on, tmp.resolve("used.log"))).contains("shared objects file (top)");
    ShellTool again = ShellTool.run(tmp, on, fbc, "--help").ok();
    assertThat(again.out()).contains("validate");
    assertThat(again.err()).isEmpty();
    assertThat(fileKey(jsa)).isEqualTo(key);

    // garbage in its place (the launcher cannot tell it from an archive): the JVM maps nothing, says nothing
    FileTime stamp = Files.getLastModifiedTime(jsa);
    jsa.toFile().setWritable(true);
    byte[] junk = new byte[64 * 1024];
    new java.util.Random(7).nextBytes(junk);
    Files.write(jsa, junk);
    Files.setLastModifiedTime(jsa, stamp);
    ShellTool broken = ShellTool.run(tmp, on, fbc, "--version").ok();
    assertThat(broken.out()).isEqualTo(expected);
    assertThat(broken.err()).isEmpty();
    assertThat(classSource(home, on, tmp.resolve("junk.log"))).doesNotContain("shared objects file");

    // a file that is not the one the launcher wrote (another date) is trained again
    Files.setLastModifiedTime(jsa, FileTime.from(stamp.toInstant().plusSeconds(60)));
    ShellTool retrained = ShellTool.run(tmp, on, fbc, "--version").ok();
    assertThat(retrained.out()).isEqualTo(expected);
    assertThat(retrained.err()).isEmpty();
    assertThat(Files.readAllBytes(jsa)).isNotEqualTo(junk);
    assertThat(classSource(home, on, tmp.resolve("again.log"))).contains("shared objects file (top)");
  }

  @Test
  void commandsWorkWhenNoArchiveCanBeMade() throws Exception {
    Path home = unpack();
    String fbc = home.resolve("bin/fbc").toString();
    String expected = ShellTool.run(tmp, Map.of("FBC_CDS", "0"), fbc, "--version").ok().out();
    // a file where the cache directory would be
    Path notADir = Files.writeString(tmp.resolve("cache-file"), "x");
    ShellTool r = ShellTool.run(tmp, env(notADir), fbc, "--version").ok();
    assertThat(r.out()).isEqualTo(expected);
    assertThat(r.err()).isEmpty();
    // a JVM that cannot archive (here: sharing turned off for every JVM): the command runs, once trained is enough
    Path cache = tmp.resolve("cache");
    Map<String, String> noShare = env(cache);
    noShare.put("JAVA_TOOL_OPTIONS", "-Xshare:off");
    ShellTool unshared = ShellTool.run(tmp, noShare, fbc, "--version").ok();
    assertThat(unshared.out()).isEqualTo(expected);
    assertThat(archives(cache)).isEmpty();
    List<Path> marker;
    try (Stream<Path> s = Files.walk(cache)) {
      marker = s.filter(p -> p.toString().endsWith(".off")).toList();
    }
    assertThat(marker).hasSize(1);
    Object key = fileKey(marker.get(0));
    assertThat(ShellTool.run(tmp, noShare, fbc, "--version").ok().out()).isEqualTo(expected);
    assertThat(fileKey(marker.get(0))).as("not trained again").isEqualTo(key);
  }

  @Test
  void missingJavaIsOneClearLine() throws Exception {
    Path home = unpack();
    // a PATH with the usual tools but no java
    Path tools = Files.createDirectories(tmp.resolve("tools"));
    for (String t : new String[] {"dirname", "readlink", "sed", "head", "ls", "awk", "cksum", "tr", "mkdir", "rm",
        "mv"}) {
      Path real = Stream.of("/usr/bin", "/bin").map(d -> Path.of(d, t)).filter(Files::isExecutable).findFirst()
          .orElseThrow();
      Files.createSymbolicLink(tools.resolve(t), real);
    }
    Map<String, String> env = new HashMap<>();
    env.put("PATH", tools.toString());
    env.put("JAVA_HOME", "");
    ShellTool r = ShellTool.run(tmp, env, "/bin/sh", home.resolve("bin/fbc").toString(), "--version");
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip()).startsWith("fbc: needs Java 17 or later, and found none").doesNotContain("\n");
    // the links go before @TempDir's clean-up, which would warn about each
    try (Stream<Path> links = Files.list(tools)) {
      for (Path l : links.toList()) {
        Files.delete(l);
      }
    }
  }
}
