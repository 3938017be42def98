package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive that {@code package} built (failsafe runs this after it): unpacked into a directory whose name has a
 * space, its {@code bin/fbc} runs from another directory, names its version and commit, validates a catalog, and
 * its class-data sharing archive is written once, used after, and a broken one is ignored.
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
    // class-data sharing is opt-in: without FBC_CDS=1 nothing is written
    assertThat(cache.resolve("fbc/cds")).doesNotExist();

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

  @Test
  void brokenOrForeignCdsArchiveIsIgnored() throws Exception {
    Path home = unpack();
    Path cache = tmp.resolve("cache");
    String fbc = home.resolve("bin/fbc").toString();
    Map<String, String> on = env(cache);
    on.put("FBC_CDS", "1");
    String expected = ShellTool.run(tmp, on, fbc, "--version").ok().out();
    Path jsa;
    try (Stream<Path> s = Files.list(cache.resolve("fbc/cds"))) {
      jsa = s.filter(p -> p.toString().endsWith(".jsa")).findFirst().orElseThrow();
    }
    ShellTool withArchive = ShellTool.run(tmp, on, fbc, "--version").ok();
    assertThat(withArchive.out()).isEqualTo(expected);
    assertThat(withArchive.err()).isEmpty();
    // garbage where the archive was: the JVM refuses to map it and runs without, saying nothing on stdout
    jsa.toFile().setWritable(true);
    byte[] junk = new byte[64 * 1024];
    new java.util.Random(7).nextBytes(junk);
    Files.write(jsa, junk);
    ShellTool broken = ShellTool.run(tmp, on, fbc, "--version").ok();
    assertThat(broken.out()).isEqualTo(expected);
    // and without FBC_CDS=1 no archive is written (CDS is opt-in)
    Map<String, String> off = env(tmp.resolve("unused"));
    assertThat(ShellTool.run(tmp, off, fbc, "--version").ok().out()).isEqualTo(expected);
    assertThat(tmp.resolve("unused")).doesNotExist();
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
