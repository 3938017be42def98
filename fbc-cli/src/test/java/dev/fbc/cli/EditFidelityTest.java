package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fbc.Fbc;
import dev.fbc.graph.UpgradeGraph;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.Catalog;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.PackageBlob;
import dev.fbc.model.Property;
import dev.fbc.model.RawJson;
import dev.fbc.ops.CatalogEditor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edits change only what they must, judged as a reviewer sees them: {@code git diff --numstat} between the
 * catalog before and after. On the real catalogs of {@code ../shared} (opm-generated JSON and YAML) and on a
 * hand-written YAML catalog with comments and anchors: a load and save with no edit writes nothing; adding a
 * bundle or a channel only adds lines; setting the default channel changes one line (and setting the current one
 * nothing); removing the added bundle gives the original bytes back.
 */
class EditFidelityTest {
  @TempDir
  static Path tmp;

  @TestFactory
  Stream<DynamicTest> conformanceCatalogs() {
    return Corpus.cases("render-fbc").stream()
        .map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> editsAreMinimal(c.resolve("input"))));
  }

  /** The valid catalogs of opm's validate cases (those that load and pass), with an editable package. */
  @TestFactory
  Stream<DynamicTest> validCatalogsOfTheValidateCases() {
    return Corpus.cases("validate").stream().filter(c -> Corpus.expectedRc(c) == 0)
        .filter(c -> Fbc.load(c.resolve("input")).channels().stream()
            .anyMatch(ch -> UpgradeGraph.of(ch).head().isPresent()))
        .map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> editsAreMinimal(c.resolve("input"))));
  }

  @TestFactory
  Stream<DynamicTest> benchCatalogs() throws IOException {
    List<Path> archives;
    try (Stream<Path> s = Files.list(Corpus.shared().resolve("bench"))) {
      archives = s.filter(p -> p.getFileName().toString().endsWith(".tar.xz"))
          .sorted(Comparator.comparing(Path::toString)).toList();
    }
    assertThat(archives).isNotEmpty();
    return archives.stream().map(a -> DynamicTest.dynamicTest(a.getFileName().toString(), () -> {
      Path dir = Files.createTempDirectory(tmp, "bench");
      Process p = new ProcessBuilder("tar", "-xJf", a.toString(), "-C", dir.toString()).inheritIO().start();
      assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
      try (Stream<Path> s = Files.list(dir)) {
        editsAreMinimal(s.filter(Files::isDirectory).findFirst().orElseThrow());
      }
    }));
  }

  static final String HAND_WRITTEN = """
      # etcd, written by hand
      schema: olm.package
      name: etcd
      defaultChannel: alpha   # what most users want
      ---
      schema: olm.channel
      package: etcd
      name: alpha
      entries:
        # the first release
        - name: etcd.v1.0.0
        - name: etcd.v1.1.0
          replaces: etcd.v1.0.0   # the upgrade edge
      ---
      schema: olm.channel
      package: etcd
      name: beta
      entries: [{name: etcd.v1.1.0}]
      ---
      schema: olm.bundle
      package: etcd
      name: etcd.v1.0.0
      image: &img quay.io/example/etcd:v1.0.0
      properties:
        - {type: olm.package, value: {packageName: etcd, version: 1.0.0}}
      relatedImages:
        - {name: operator, image: *img}
      ---
      schema: olm.bundle
      package: etcd
      name: etcd.v1.1.0
      image: "quay.io/example/etcd:v1.1.0"
      properties:
        - type: olm.package
          value:
            packageName: etcd
            version: 1.1.0
      """;

  @Test
  void handWrittenYamlKeepsCommentsAnchorsAndQuoting() throws Exception {
    Path dir = Files.createTempDirectory(tmp, "hand");
    Files.createDirectories(dir.resolve("etcd"));
    Files.writeString(dir.resolve("etcd/catalog.yaml"), HAND_WRITTEN);
    editsAreMinimal(dir);
    String after = Files.readString(dir.resolve("etcd/catalog.yaml"));
    assertThat(after).isEqualTo(HAND_WRITTEN);
  }

  @Test
  void jsonWithByteOrderMarkStaysJsonWithTheMark() throws Exception {
    Path dir = Files.createTempDirectory(tmp, "bom");
    String json = "{\"schema\":\"olm.package\",\"name\":\"etcd\",\"defaultChannel\":\"alpha\"}\n"
        + "{\"schema\":\"olm.channel\",\"package\":\"etcd\",\"name\":\"alpha\",\"entries\":[{\"name\":\"etcd.v1\"}]}\n"
        + "{\"schema\":\"olm.channel\",\"package\":\"etcd\",\"name\":\"beta\",\"entries\":[{\"name\":\"etcd.v1\"}]}\n"
        + "{\"schema\":\"olm.bundle\",\"package\":\"etcd\",\"name\":\"etcd.v1\",\"image\":\"quay.io/x/etcd:v1\","
        + "\"properties\":[{\"type\":\"olm.package\",\"value\":{\"packageName\":\"etcd\",\"version\":\"1.0.0\"}}]}\n";
    byte[] bytes = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, json.getBytes(StandardCharsets.UTF_8));
    Path file = dir.resolve("catalog.json");
    Files.write(file, bytes);
    List<dev.fbc.base.Problem> warnings = new ArrayList<>();
    Catalog read = Fbc.load(List.of(dir), dev.fbc.base.LoadOptions.builder().warnings(warnings::add).build());
    assertThat(read.size()).as("every blob, not only the first as opm").isEqualTo(4);
    assertThat(warnings).singleElement().satisfies(w -> {
      assertThat(w.rule()).isEqualTo("load.bom-json");
      assertThat(w.toLine()).contains("catalog.json:1").contains("opm reads it as YAML");
    });
    CatalogEditor.open(dir).setDefaultChannel("etcd", "beta").save();
    byte[] after = Files.readAllBytes(file);
    assertThat(after).startsWith(0xEF, 0xBB, 0xBF);
    String text = new String(after, 3, after.length - 3, StandardCharsets.UTF_8);
    assertThat(text).isEqualTo(json.replace("\"defaultChannel\":\"alpha\"", "\"defaultChannel\":\"beta\""));
    assertThat(Fbc.load(dir).findPackage("etcd").orElseThrow().defaultChannel()).isEqualTo("beta");
  }

  @Test
  void anEditKeepsTheFileModeAndWritesThroughSymlinksAndHardLinks() throws Exception {
    Path dir = Files.createTempDirectory(tmp, "mode");
    Path real = Files.createTempDirectory(tmp, "elsewhere").resolve("etcd.yaml");
    Files.writeString(real, HAND_WRITTEN);
    Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-rw-r--"));
    Files.createSymbolicLink(dir.resolve("etcd.yaml"), real);
    Path hard = dir.resolve("hard");
    Files.createDirectories(hard);
    Path original = Files.createTempDirectory(tmp, "h").resolve("c.yaml");
    Files.writeString(original, HAND_WRITTEN.replace("etcd", "nats"));
    Files.createLink(hard.resolve("nats.yaml"), original);

    CatalogEditor.open(dir).setDefaultChannel("etcd", "beta").setDefaultChannel("nats", "beta").save();

    assertThat(Files.isSymbolicLink(dir.resolve("etcd.yaml"))).as("the link is still a link").isTrue();
    assertThat(Files.readString(real)).contains("defaultChannel: beta   # what most users want");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(real))).isEqualTo("rw-rw-r--");
    assertThat(Files.readString(original)).as("the hard link still shares the content")
        .contains("defaultChannel: beta");
    assertThat(Files.isSameFile(original, hard.resolve("nats.yaml"))).isTrue();
  }

  @Test
  void aNewPackageFileNeverOverwritesAFileTheCatalogIgnores() throws Exception {
    Path dir = Files.createTempDirectory(tmp, "ignored");
    Files.createDirectories(dir.resolve("etcd"));
    Files.writeString(dir.resolve("etcd/catalog.yaml"), HAND_WRITTEN);
    Files.createDirectories(dir.resolve("nats"));
    Files.writeString(dir.resolve("nats/catalog.yaml"), "not a catalog: notes kept beside it\n");
    Files.writeString(dir.resolve(".indexignore"), "nats/catalog.yaml\n");
    BundleBlob nats = bundle("nats", "nats.v1.0.0", "1.0.0");
    assertThat(org.assertj.core.api.Assertions.catchThrowable(
        () -> CatalogEditor.open(dir).addBundle(nats, "stable").save()))
        .hasMessageContaining("nats/catalog.yaml").hasMessageContaining("not part of the catalog");
    assertThat(Files.readString(dir.resolve("nats/catalog.yaml"))).isEqualTo("not a catalog: notes kept beside it\n");
  }

  /** Copies the catalog, then makes each edit and checks its diff. */
  static void editsAreMinimal(Path input) throws Exception {
    Path dir = Files.createTempDirectory(tmp, "cat").toAbsolutePath().normalize();
    copyTree(input, dir);
    Map<String, String> pristine = snapshot(dir);

    // no edit: nothing written
    assertThat(CatalogEditor.open(dir).save()).isEmpty();
    assertThat(snapshot(dir)).as("a save without edits").isEqualTo(pristine);
    Catalog c = Fbc.load(dir);

    Optional<ChannelBlob> target = c.channels().stream()
        .filter(ch -> UpgradeGraph.of(ch).head().isPresent())
        .filter(ch -> c.findPackage(ch.packageName()).isPresent())
        .findFirst();
    assertThat(target).as("a channel with one head in " + input).isPresent();
    ChannelBlob ch = target.get();
    String pkg = ch.packageName();

    // set default-channel to the current default: nothing
    PackageBlob p = c.findPackage(pkg).orElseThrow();
    assertThat(CatalogEditor.open(dir).setDefaultChannel(pkg, p.defaultChannel()).save()).isEmpty();
    assertThat(snapshot(dir)).isEqualTo(pristine);

    // set default-channel to another channel: one line changed
    Optional<ChannelBlob> other = c.channels().stream()
        .filter(x -> x.packageName().equals(pkg) && !x.name().equals(p.defaultChannel())).findFirst();
    if (other.isPresent()) {
      List<Path> written = CatalogEditor.open(dir).setDefaultChannel(pkg, other.get().name()).save();
      assertThat(written).hasSize(1);
      int[] stat = numstat(input.resolve(dir.relativize(written.get(0).toAbsolutePath().normalize()).toString()), written.get(0));
      assertThat(stat).as("set default-channel in " + written.get(0)).containsExactly(1, 1);
      restore(dir, input);
    }

    // add bundle: lines added only
    String version = "99.0.0";
    BundleBlob added = bundle(pkg, pkg + ".v" + version, version);
    List<Path> written = CatalogEditor.open(dir).addBundle(added, ch.name()).save();
    assertThat(written).isNotEmpty();
    for (Path w : written) {
      int[] stat = numstat(input.resolve(dir.relativize(w.toAbsolutePath().normalize()).toString()), w);
      assertThat(stat[1]).as("lines removed by add bundle in " + w).isZero();
      assertThat(stat[0]).as("lines added by add bundle in " + w).isPositive();
    }
    Catalog after = Fbc.load(dir);
    assertThat(after.bundles()).extracting(BundleBlob::name).contains(added.name());
    ChannelBlob edited = after.channels().stream().filter(x -> x.packageName().equals(pkg)
        && x.name().equals(ch.name())).findFirst().orElseThrow();
    assertThat(UpgradeGraph.of(edited).head()).contains(added.name());

    // remove it again: the original bytes
    CatalogEditor.open(dir).removeBundle(pkg, added.name()).save();
    assertThat(snapshot(dir)).as("add then remove a bundle").isEqualTo(pristine);

    // add channel: lines added only
    String bundleName = ch.entries().get(0).name();
    written = CatalogEditor.open(dir).addChannel(pkg, "fbc-test-channel", List.of(bundleName)).save();
    assertThat(written).hasSize(1);
    int[] stat = numstat(input.resolve(dir.relativize(written.get(0).toAbsolutePath().normalize()).toString()), written.get(0));
    assertThat(stat[1]).as("lines removed by add channel").isZero();
    assertThat(Fbc.load(dir).channels()).extracting(ChannelBlob::name).contains("fbc-test-channel");
    restore(dir, input);
  }

  static BundleBlob bundle(String pkg, String name, String version) {
    return BundleBlob.inPackage(pkg, name, "quay.io/example/" + pkg + ":v" + version, List.of(new Property("olm.package",
        RawJson.parse("{\"packageName\":\"" + pkg + "\",\"version\":\"" + version + "\"}"), Map.of())));
  }

  /** {@code git diff --no-index --numstat}: lines added and removed. */
  static int[] numstat(Path before, Path after) throws Exception {
    assertThat(before).as("the file existed before: " + after).exists();
    Path old = before;
    Process p = new ProcessBuilder("git", "diff", "--no-index", "--numstat", old.toString(), after.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    if (out.isEmpty()) {
      return new int[] {0, 0};
    }
    String[] f = out.split("\\s+");
    return new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1])};
  }

  /** Every file below {@code dir} by its path relative to {@code dir}, with the SHA-256 of its content. */
  static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> out = new java.util.TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), sha256(p));
      }
    }
    return out;
  }

  private static String sha256(Path p) throws IOException {
    try (var in = Files.newInputStream(p)) {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return java.util.HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Puts the copy back as the input is: files the edit added go, the files it changed are copied again. */
  static void restore(Path dir, Path input) throws IOException {
    Map<String, String> now = snapshot(dir);
    Map<String, String> want = snapshot(input);
    for (Map.Entry<String, String> e : now.entrySet()) {
      if (!want.containsKey(e.getKey())) {
        Files.delete(dir.resolve(e.getKey()));
      } else if (!want.get(e.getKey()).equals(e.getValue())) {
        Files.copy(input.resolve(e.getKey()), dir.resolve(e.getKey()),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
