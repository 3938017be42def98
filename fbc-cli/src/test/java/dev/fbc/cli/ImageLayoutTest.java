package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fbc.testkit.Fixtures;
import dev.fbc.testkit.TestImages;
import dev.fbc.testkit.TestImages.Entry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rendering images that were never pushed: OCI layouts, and what unpacking refuses. */
class ImageLayoutTest {
  @TempDir
  Path tmp;

  private static Path etcdBundle() {
    return Corpus.conformance("render-bundle").resolve("etcd-0.9.4/input/etcd-0.9.4");
  }

  @Test
  void aBundleImageRendersLikeItsDirectoryWithTheImageAsTemplate() {
    Path layout = TestImages.bundleImage(etcdBundle(), tmp.resolve("layout"), "v0.9.4");
    String ref = "oci:" + layout + ":v0.9.4";
    Run image = Run.inProcess("render", ref);
    assertThat(image.stderr()).isEmpty();
    assertThat(image.rc()).isZero();
    Run dir = Run.inProcess("render", etcdBundle().toString(), "--image-ref-template", ref);
    assertThat(image.out()).isEqualTo(dir.out()).contains("\"image\": \"" + ref + "\"");
    Run migrated = Run.inProcess("render", ref, "--migrate-level", "bundle-object-to-csv-metadata");
    assertThat(migrated.out()).contains("olm.csv.metadata").doesNotContain("olm.bundle.object");
  }

  @Test
  void aCatalogImageRendersItsCatalog() {
    Path catalog = Fixtures.minioOperatorDir(tmp);
    Path layout = TestImages.catalogImage(catalog, tmp.resolve("layout"), "latest");
    Run image = Run.inProcess("render", "oci:" + layout + ":latest", "-o", "yaml");
    assertThat(image.rc()).as(image.stderr()).isZero();
    assertThat(image.out()).isEqualTo(Run.inProcess("render", catalog.toString(), "-o", "yaml").out());
  }

  @Test
  void aMultiPlatformIndexResolvesToLinuxAmd64() {
    Path layout = TestImages.multiPlatformBundleImage(etcdBundle(), tmp.resolve("layout"), "multi");
    Run r = Run.inProcess("render", "oci:" + layout + ":multi");
    assertThat(r.rc()).as(r.stderr()).isZero();
    assertThat(r.out()).contains("\"name\": \"etcdoperator.v0.9.4\"");
    Run other = Run.inProcess("render", "oci:" + layout + ":multi", "--platform", "linux/s390x");
    assertThat(other.rc()).isEqualTo(1);
    assertThat(other.stderr()).contains("no image for platform linux/s390x").contains("linux/arm64");
  }

  @Test
  void layersThatEscapeTheUnpackDirectoryAreRefused() {
    Map<String, List<Entry>> evil = Map.of(
        "dotdot", List.of(Entry.file("manifests/../../evil", "x")),
        "absolute", List.of(Entry.file("/etc/evil", "x")),
        "symlink", List.of(Entry.symlink("manifests", "../../etc")),
        "through-link", List.of(Entry.symlink("m", "."), Entry.file("m/x", "x")),
        "hardlink", List.of(Entry.hardlink("manifests/x", "../../etc/passwd")));
    for (Map.Entry<String, List<Entry>> e : evil.entrySet()) {
      Path layout = TestImages.image(tmp.resolve(e.getKey()), "v1",
          Map.of(TestImages.BUNDLE_PACKAGE_LABEL, "etcd"), List.of(e.getValue()), "linux", "amd64");
      Run r = Run.inProcess("render", "oci:" + layout + ":v1");
      assertThat(r.rc()).as(e.getKey()).isEqualTo(1);
      assertThat(r.stderr()).as(e.getKey()).contains("refusing to unpack").contains("oci:" + layout);
      assertThat(r.stderr().strip().lines()).hasSize(1);
    }
    assertThat(Files.exists(tmp.resolve("evil"))).isFalse();
  }

  @Test
  void absoluteLinkTargetsStayInsideTheImage() {
    // base images are full of links like /bin -> /usr/bin; they point into the image, not the host
    List<Entry> layer = new java.util.ArrayList<>(TestImages.dirEntries(etcdBundle(), ""));
    layer.add(Entry.file("usr/bin/tool", "x"));
    layer.add(Entry.symlink("bin", "/usr/bin"));
    Path layout = TestImages.image(tmp.resolve("abs"), "v1", Map.of(TestImages.BUNDLE_PACKAGE_LABEL, "etcd"),
        List.of(layer), "linux", "amd64");
    Run r = Run.inProcess("render", "oci:" + layout + ":v1");
    assertThat(r.rc()).as(r.stderr()).isZero();
    assertThat(r.out()).contains("\"name\": \"etcdoperator.v0.9.4\"");
  }

  @Test
  void aTamperedBlobIsADigestMismatch() throws IOException {
    Path layout = TestImages.bundleImage(etcdBundle(), tmp.resolve("layout"), "v1");
    try (var s = Files.list(layout.resolve("blobs/sha256"))) {
      for (Path blob : s.toList()) {
        byte[] b = Files.readAllBytes(blob);
        if (b.length > 2 && (b[0] & 0xFF) == 0x1f && (b[1] & 0xFF) == 0x8b) {
          b[b.length / 2] ^= 0x01;
          Files.write(blob, b);
        }
      }
    }
    Run r = Run.inProcess("render", "oci:" + layout + ":v1");
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.stderr()).contains("digest mismatch");
  }

  @Test
  void imagesWithoutKnownLabelsAreExplained() {
    Path layout = TestImages.image(tmp.resolve("x"), "v1", Map.of("org.example.kind", "other"),
        List.of(List.of(Entry.file("a", "b"))), "linux", "amd64");
    Run r = Run.inProcess("render", "oci:" + layout + ":v1");
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.stderr()).contains("image type could not be determined, found labels org.example.kind=other");
  }

  @Test
  void aDescriptorDigestWithoutAlgorithmIsOneClearLine() throws IOException {
    Path layout = TestImages.bundleImage(etcdBundle(), tmp.resolve("layout"), "v1");
    Path index = layout.resolve("index.json");
    Files.writeString(index, Files.readString(index).replaceFirst("\"digest\":\"sha256:", "\"digest\":\""));
    Run r = Run.inProcess("render", "oci:" + layout + ":v1");
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.stderr().strip().lines()).as(r.stderr()).hasSize(1);
    assertThat(r.stderr()).contains("oci:" + layout).contains("invalid digest").doesNotContain("internal error");
  }
}
