package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fbc.testkit.TestImages;
import dev.fbc.testkit.TestImages.Entry;
import dev.fbc.testkit.TestRegistry;
import dev.fbc.testkit.TestRegistry.Auth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fbc mirror} end to end between two real registries on loopback: a plain-HTTP source holding a catalog
 * image built with {@code fbc build}, its bundle images (one a multi-arch index), related images (one pinned by
 * digest) and a base for rebuilt catalogs; a destination with htpasswd auth, credentials given on the
 * destination side only. Each test mirrors under its own prefix. Digests are checked with {@code skopeo inspect
 * --raw}, catalogs with {@code fbc render}.
 */
class MirrorCommandTest {
  @TempDir
  static Path tmp;

  static TestRegistry src;
  static TestRegistry dst;
  static Path catalogDir;
  static String catalogImage;
  static String base;
  static Path related;

  @BeforeAll
  static void registries() throws IOException {
    Prerequisites.registryTools("mirror tests", TestRegistry.Auth.HTPASSWD, false);
    src = TestRegistry.start(tmp, Auth.NONE, false);
    dst = TestRegistry.start(tmp, Auth.HTPASSWD, false);
    Path bundleA = TestImages.bundleImage(bundleDir("a", "1.0.0"), tmp.resolve("layout-a"), "v1");
    Path multi = TestImages.multiPlatformBundleImage(bundleDir("m", "3.0.0"), tmp.resolve("layout-m"), "v1");
    related = TestImages.image(tmp.resolve("layout-related"), "v1", Map.of("purpose", "operand"),
        List.of(List.of(Entry.file("bin/operand", "#!/bin/sh\necho operand\n"))), "linux", "amd64");
    Path baseLayout = TestImages.opmBaseImage(tmp.resolve("layout-base"), Map.of("base.label", "kept"));
    String s = src.push(bundleA, "v1", "test/bundle-a:v1", false, false);
    src.push(bundleA, "v1", "test/bundle-a:v1.1", true, false);
    src.push(multi, "v1", "test/multi:v1", false, true);
    src.push(related, "v1", "test/related:v1", false, false);
    base = src.push(baseLayout, "v1", "base/opm:v1", false, false);
    String pinned = src.host() + "/test/related@" + digest("docker://" + src.host() + "/test/related:v1");
    catalogDir = catalog(tmp.resolve("catalog"), s, s.replace(":v1", ":v1.1"), src.host() + "/test/multi:v1",
        src.host() + "/test/related:v1", pinned);
    catalogImage = src.host() + "/test/catalog:v1";
    Run built = Run.inProcess("build", catalogDir.toString(), "--use-http", "--no-cache", "--base", base, "--tag",
        catalogImage);
    assertThat(built.rc()).as(built.stderr()).isZero();
  }

  @AfterAll
  static void stop() {
    if (dst != null) {
      dst.close();
    }
    if (src != null) {
      src.close();
    }
  }

  private static Path bundleDir(String name, String version) throws IOException {
    return TestImages.bundleDir(tmp, name, version);
  }

  /** Package a (two bundles in a chain, related images by tag and by digest) and package m (a multi-arch bundle). */
  private static Path catalog(Path dir, String a1, String a11, String m3, String related, String pinned)
      throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("catalog.json"), String.join("\n",
        "{\"schema\":\"olm.package\",\"name\":\"a\",\"defaultChannel\":\"stable\"}",
        "{\"schema\":\"olm.channel\",\"name\":\"stable\",\"package\":\"a\",\"entries\":[{\"name\":\"a.v1.0.0\"},"
            + "{\"name\":\"a.v1.1.0\",\"replaces\":\"a.v1.0.0\"}]}",
        bundle("a", "1.0.0", a1, related),
        bundle("a", "1.1.0", a11, pinned),
        "{\"schema\":\"olm.package\",\"name\":\"m\",\"defaultChannel\":\"stable\"}",
        "{\"schema\":\"olm.channel\",\"name\":\"stable\",\"package\":\"m\",\"entries\":[{\"name\":\"m.v3.0.0\"}]}",
        bundle("m", "3.0.0", m3, related)) + "\n");
    return dir;
  }

  private static String bundle(String pkg, String version, String image, String related) {
    return "{\"schema\":\"olm.bundle\",\"name\":\"" + pkg + ".v" + version + "\",\"package\":\"" + pkg
        + "\",\"image\":\"" + image + "\",\"properties\":[{\"type\":\"olm.package\",\"value\":{\"packageName\":\""
        + pkg + "\",\"version\":\"" + version + "\"}}],\"relatedImages\":[{\"name\":\"operand\",\"image\":\""
        + related + "\"},{\"name\":\"\",\"image\":\"" + image + "\"}]}";
  }

  /** fbc mirror with the two sides' flags: the source over plain HTTP, credentials for the destination only. */
  private static Run mirror(String... args) {
    List<String> all = new ArrayList<>(List.of("mirror"));
    all.addAll(List.of(args));
    all.addAll(List.of("--src-use-http", "--dest-use-http", "--dest-authfile", dst.authFile(true).toString(),
        "--no-cache", "--catalog-base", base));
    return Run.inProcess(all.toArray(new String[0]));
  }

  /** mapping.txt as source to destination, without the transports. */
  private static Map<String, String> mapping(Path out) throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : Files.readAllLines(out.resolve("mapping.txt"))) {
      String[] p = line.replace("docker://", "").split("=", 2);
      m.put(p[0], p[1]);
    }
    return m;
  }

  @Test
  void copiesEveryImageWithItsDigestThenNothingAndWritesTheClusterFiles() throws Exception {
    Path out = tmp.resolve("out-direct");
    Run r = mirror(catalogImage, "--to", "docker://" + dst.host() + "/mirror", "--output-dir", out.toString());
    assertThat(r.rc()).as(r.stderr()).isZero();
    assertThat(r.stdout()).isEmpty();
    Map<String, String> mapping = mapping(out);
    // 3 bundle images, the related image by tag and by digest, the catalog image
    assertThat(mapping).hasSize(6);
    assertThat(r.stderr()).contains("6 images to docker://" + dst.host() + "/mirror: 6 copied, 0 already present, "
        + "0 failed\n");
    for (var e : mapping.entrySet()) {
      byte[] source = raw("docker://" + e.getKey(), false).orElseThrow();
      assertThat(raw("docker://" + e.getValue(), true)).as(e.getValue()).hasValue(source);
    }
    String mirroredCatalog = dst.host() + "/mirror/test/catalog:v1";
    assertThat(mapping).containsEntry(catalogImage, mirroredCatalog);
    assertThat(digest("docker://" + mirroredCatalog, true)).as("the catalog is copied as is")
        .isEqualTo(digest("docker://" + catalogImage));
    // the index came whole: its arm64 manifest is in the mirror too
    String multi = mapping.get(src.host() + "/test/multi:v1");
    String index = new String(raw("docker://" + multi, true).orElseThrow());
    String arm = index.replaceAll("(?s).*\"digest\":\"(sha256:[0-9a-f]{64})\"[^}]*\\{\"architecture\":\"arm64\".*",
        "$1");
    assertThat(raw("docker://" + multi.substring(0, multi.lastIndexOf(':')) + "@" + arm, true)).isPresent();

    assertThat(render(mirroredCatalog, true)).isEqualTo(render(catalogImage, false));
    assertThat(Files.readString(out.resolve("cs-catalog-v1.yaml"))).contains("image: " + mirroredCatalog + "\n");
    assertThat(Files.readString(out.resolve("idms-operator-0.yaml")))
        .contains("- " + dst.host() + "/mirror/test\n").contains("source: " + src.host() + "/test\n");
    assertThat(Files.readString(out.resolve("itms-operator-0.yaml"))).contains("- " + dst.host() + "/mirror/test\n");

    Run again = mirror(catalogImage, "--to", "docker://" + dst.host() + "/mirror", "--output-dir", out.toString());
    assertThat(again.rc()).as(again.stderr()).isZero();
    assertThat(again.stderr()).contains(": 0 copied, 6 already present, 0 failed\n");
  }

  @Test
  void aRebuiltCatalogPinnedByDigestIsTaggedAfterItsOwnDigest() throws Exception {
    String byDigest = src.host() + "/test/catalog@" + digest("docker://" + catalogImage);
    Path isc = Files.writeString(tmp.resolve("isc-digest.yaml"), "apiVersion: mirror.openshift.io/v2alpha1\n"
        + "kind: ImageSetConfiguration\nmirror:\n  operators:\n  - catalog: " + byDigest + "\n"
        + "    packages:\n    - name: a\n");
    Path out = tmp.resolve("out-digest");
    Run r = mirror(byDigest, "--config", isc.toString(), "--to", "docker://" + dst.host() + "/bydigest",
        "--output-dir", out.toString());
    assertThat(r.rc()).as(r.stderr()).isZero();
    String pushed = mapping(out).get(byDigest);
    String rebuilt = digest("docker://" + pushed, true);
    // the tag names the image it holds (the rebuilt one), not the source catalog's digest
    assertThat(pushed).endsWith(":" + rebuilt.replace(':', '-'));
    assertThat(rebuilt).isNotEqualTo(digest("docker://" + catalogImage));
    try (var files = Files.list(out)) {
      Path cs = files.filter(f -> f.getFileName().toString().startsWith("cs-")).findFirst().orElseThrow();
      assertThat(Files.readString(cs)).contains("image: " + pushed + "\n");
    }
  }

  @Test
  void configPrunesFirstAndThePushedCatalogIsThePrunedOne() throws Exception {
    Path isc = Files.writeString(tmp.resolve("isc.yaml"), "apiVersion: mirror.openshift.io/v2alpha1\n"
        + "kind: ImageSetConfiguration\nmirror:\n  operators:\n  - catalog: " + catalogImage + "\n"
        + "    packages:\n    - name: a\n");
    Path out = tmp.resolve("out-pruned");
    Run r = mirror(catalogImage, "--config", isc.toString(), "--to", "docker://" + dst.host() + "/pruned",
        "--output-dir", out.toString());
    assertThat(r.rc()).as(r.stderr()).isZero();
    Map<String, String> mapping = mapping(out);
    // only a's head: its bundle, its pinned related image and the catalog
    assertThat(mapping.keySet()).containsExactlyInAnyOrder(src.host() + "/test/bundle-a:v1.1",
        src.host() + "/test/related@" + digest("docker://" + src.host() + "/test/related:v1"), catalogImage);
    String pushed = mapping.get(catalogImage);
    Run pruned = Run.inProcess("prune", catalogDir.toString(), "--config", isc.toString(), "--report", "none");
    assertThat(pruned.rc()).as(pruned.stderr()).isZero();
    Path prunedDir = Files.createDirectories(tmp.resolve("pruned-catalog"));
    Files.write(prunedDir.resolve("catalog.json"), pruned.stdout());
    assertThat(render(pushed, true)).isEqualTo(renderDir(prunedDir));
    assertThat(digest("docker://" + pushed, true)).isNotEqualTo(digest("docker://" + catalogImage));
    assertThat(raw("docker://" + dst.host() + "/pruned/test/multi:v1", true)).as("pruned away").isEmpty();

    // mirror to disk (the catalog rebuilt into the layout), then from disk: the digests of the direct copy. The
    // second step reaches no source: without --src-use-http any source access would fail over HTTPS
    Path disk = tmp.resolve("disk");
    Run toDisk = mirror(catalogImage, "--config", isc.toString(), "--to", "oci:" + disk);
    assertThat(toDisk.rc()).as(toDisk.stderr()).isZero();
    assertThat(toDisk.stderr()).contains("3 images to oci:" + disk + ": 3 copied");
    Path out2 = tmp.resolve("out-fromdisk");
    Run fromDisk = Run.inProcess("mirror", catalogImage, "--config", isc.toString(), "--from", "oci:" + disk,
        "--to", "docker://" + dst.host() + "/fromdisk", "--output-dir", out2.toString(), "--dest-use-http",
        "--dest-authfile", dst.authFile(true).toString(), "--no-cache");
    assertThat(fromDisk.rc()).as(fromDisk.stderr()).isZero();
    Map<String, String> mapping2 = mapping(out2);
    assertThat(mapping2.keySet()).isEqualTo(mapping.keySet());
    for (String source : mapping.keySet()) {
      assertThat(raw("docker://" + mapping2.get(source), true).map(String::new)).as(source)
          .isEqualTo(raw("docker://" + mapping.get(source), true).map(String::new));
    }
  }

  @Test
  void aMissingImageIsListedWithItsReasonTheRestIsCopiedAndARerunCopiesOnlyIt() throws Exception {
    Path dir = catalog(tmp.resolve("broken"), src.host() + "/test/bundle-a:v1", src.host() + "/test/bundle-a:v1.1",
        src.host() + "/test/multi:v1", src.host() + "/test/missing:v1", src.host() + "/test/related:v1");
    Path out = tmp.resolve("out-broken");
    Run r = mirror(dir.toString(), "--to", "docker://" + dst.host() + "/broken", "--output-dir", out.toString(),
        "--parallel", "2");
    assertThat(r.rc()).isEqualTo(1);
    List<String> failed = r.stderr().lines().filter(l -> l.startsWith("failed: ")).toList();
    assertThat(failed).singleElement().asString().contains(src.host() + "/test/missing:v1");
    assertThat(r.stderr()).contains(": 5 copied, 0 already present, 1 failed\n")
        .contains("fbc mirror: 1 of 6 images failed").doesNotContain("Exception");
    // the directory's catalog was built, named after the directory, and pushed with the rest
    String pushed = dst.host() + "/broken/broken:latest";
    assertThat(mapping(out)).containsEntry("localhost/broken:latest", pushed);
    assertThat(render(pushed, true)).isEqualTo(renderDir(dir));
    assertThat(raw("docker://" + dst.host() + "/broken/test/bundle-a:v1", true)).isPresent();

    // the missing image appears at its source: a rerun copies it and nothing else
    src.push(related, "v1", "test/missing:v1", false, false);
    Run again = mirror(dir.toString(), "--to", "docker://" + dst.host() + "/broken", "--output-dir", out.toString());
    assertThat(again.rc()).as(again.stderr()).isZero();
    assertThat(again.stderr()).contains(": 1 copied, 5 already present, 0 failed\n").doesNotContain("failed: ");
    assertThat(raw("docker://" + dst.host() + "/broken/test/missing:v1", true).map(String::new))
        .isEqualTo(raw("docker://" + src.host() + "/test/missing:v1", false).map(String::new)).isPresent();
  }

  @Test
  void aCatalogDirectoryThroughALayoutGivesTheDigestsOfADirectCopy() throws Exception {
    Path out = tmp.resolve("out-dir-direct");
    Run direct = mirror(catalogDir.toString(), "--to", "docker://" + dst.host() + "/dirdirect", "--output-dir",
        out.toString());
    assertThat(direct.rc()).as(direct.stderr()).isZero();
    Path disk = tmp.resolve("dir-disk");
    Run toDisk = mirror(catalogDir.toString(), "--to", "oci:" + disk);
    assertThat(toDisk.rc()).as(toDisk.stderr()).isZero();
    assertThat(toDisk.stderr()).doesNotContain("wrote ");
    Path out2 = tmp.resolve("out-dir-fromdisk");
    Run fromDisk = Run.inProcess("mirror", catalogDir.toString(), "--from", "oci:" + disk, "--to",
        "docker://" + dst.host() + "/dirdisk", "--output-dir", out2.toString(), "--dest-use-http", "--dest-authfile",
        dst.authFile(true).toString());
    assertThat(fromDisk.rc()).as(fromDisk.stderr()).isZero();
    Map<String, String> m1 = mapping(out);
    Map<String, String> m2 = mapping(out2);
    assertThat(m2.keySet()).isEqualTo(m1.keySet()).contains("localhost/catalog:latest");
    for (String source : m1.keySet()) {
      assertThat(raw("docker://" + m2.get(source), true).map(String::new)).as(source)
          .isPresent().isEqualTo(raw("docker://" + m1.get(source), true).map(String::new));
    }
    assertThat(render(m2.get("localhost/catalog:latest"), true)).isEqualTo(renderDir(catalogDir));
  }

  @Test
  void dryRunWritesThePlanAndCopiesNothing() throws Exception {
    Path out = tmp.resolve("out-dry");
    Run r = mirror(catalogImage, "--to", "docker://" + dst.host() + "/dry", "--output-dir", out.toString(),
        "--dry-run");
    assertThat(r.rc()).as(r.stderr()).isZero();
    assertThat(r.stderr()).startsWith("6 images to mirror; wrote mapping.txt").contains("(dry run: nothing copied)");
    for (String d : mapping(out).values()) {
      assertThat(raw("docker://" + d, true)).as(d).isEmpty();
    }
  }

  @Test
  void withoutArgumentsOneErrorLineThenUsage() {
    Run r = Run.inProcess("mirror");
    assertThat(r.rc()).isNotZero();
    assertThat(r.stderr().lines().findFirst().orElseThrow())
        .isEqualTo("Error: fbc mirror needs a catalog directory or image and --to docker://HOST[:PORT][/PREFIX] or "
            + "--to oci:DIR (fbc mirror plan writes the files only)");
    Run bad = Run.inProcess("mirror", catalogDir.toString(), "--to", "quay.io/x");
    assertThat(bad.rc()).isEqualTo(1);
    assertThat(bad.stderr()).isEqualTo("fbc mirror: invalid --to \"quay.io/x\": expected "
        + "docker://HOST[:PORT][/PREFIX] or oci:DIR\n");
    Map<List<String>, String> refused = Map.of(
        List.of("--to", "oci:" + tmp.resolve("d"), "--dry-run"),
        "--dry-run writes the cluster files of a registry destination: use --to docker://...",
        List.of("--to", "docker://localhost:1", "--from", "oci:" + tmp.resolve("nowhere")),
        "--from oci:" + tmp.resolve("nowhere") + ": no such directory",
        List.of("--to", "docker://localhost:1", "--parallel", "0"), "parallel copies must be between 1 and 64, not 0",
        List.of("--to", "docker://localhost:1", "--dest-use-http", "--dest-tls-verify=false"),
        "invalid flag combination: --dest-use-http and --dest-tls-verify=false cannot both be given");
    refused.forEach((args, message) -> {
      List<String> all = new ArrayList<>(List.of("mirror", catalogDir.toString()));
      all.addAll(args);
      Run r2 = Run.inProcess(all.toArray(new String[0]));
      assertThat(r2.rc()).as(args.toString()).isEqualTo(1);
      assertThat(r2.stderr()).as(args.toString()).isEqualTo("fbc mirror: " + message + "\n");
    });
    assertThat(tmp.resolve("d")).doesNotExist();
  }

  private static String render(String image, boolean destination) {
    List<String> args = new ArrayList<>(List.of("render", image, "--use-http", "--no-cache"));
    if (destination) {
      args.addAll(List.of("--authfile", dst.authFile(true).toString()));
    }
    Run r = Run.inProcess(args.toArray(new String[0]));
    assertThat(r.rc()).as(r.stderr()).isZero();
    return r.out();
  }

  private static String renderDir(Path dir) {
    Run r = Run.inProcess("render", dir.toString());
    assertThat(r.rc()).as(r.stderr()).isZero();
    return r.out();
  }

  private static String digest(String ref) {
    return digest(ref, false);
  }

  private static String digest(String ref, boolean destination) {
    return dev.fbc.image.Digest.sha256(raw(ref, destination).orElseThrow()).toString();
  }

  /** {@code skopeo inspect --raw}: the manifest's exact bytes, or empty if skopeo finds no such image. */
  private static Optional<byte[]> raw(String ref, boolean destination) {
    return TestRegistry.rawManifest(ref, destination ? Optional.of(TestRegistry.USER + ":" + TestRegistry.PASSWORD)
        : Optional.empty());
  }
}
