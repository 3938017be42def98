package dev.fbc.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serve cache in the image {@link CatalogImageBuilder} builds: read back from the catalog layer of an OCI
 * layout (a {@code scratch} base, so no registry is needed), with its modes, and (where opm v1.54 is installed;
 * not a CI prerequisite) accepted by {@code opm serve --cache-enforce-integrity} on the layer's own files.
 */
class CatalogImageServeCacheTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CATALOG = ServeCacheTest.FIXTURES.resolve("csv-metadata/catalog");

  /** One tar entry as the layer holds it. */
  record Item(int mode, boolean dir, byte[] content) {}

  @Test
  void catalogLayerHoldsTheCacheWithOpmsModes(@TempDir Path tmp) throws Exception {
    BuiltImage img = build(tmp.resolve("a"), true);
    assertThat(img.noServeCache()).isEmpty();
    Map<String, Item> layer = layer(tmp.resolve("a"));
    ServeCache expected = ServeCache.of(CATALOG, tmp.resolve("expected")).cache().orElseThrow();

    assertThat(layer.get("tmp/").mode()).isEqualTo(01777);
    assertThat(layer.get("tmp/cache/").mode()).isEqualTo(0750);
    assertThat(layer.get("tmp/cache/cache/").mode()).isEqualTo(0750);
    assertThat(new String(layer.get("tmp/cache/digest").content(), "UTF-8")).isEqualTo(expected.digest());
    assertThat(layer.get("tmp/cache/digest").mode()).isEqualTo(0640);
    for (String f : expected.files()) {
      Item item = layer.get("tmp/cache/cache/" + f);
      assertThat(item).as(f).isNotNull();
      assertThat(item.mode()).isEqualTo(0640);
      assertThat(item.content()).isEqualTo(Files.readAllBytes(expected.dir().resolve(f)));
    }
    assertThat(layer.keySet().stream().filter(k -> k.startsWith("tmp/cache/cache/") && !k.endsWith("/")))
        .hasSize(expected.files().size());
    assertThat(layer.get("configs/index.json").mode()).isEqualTo(CatalogLayer.FILE_MODE);

    // reproducible with the cache in it
    assertThat(build(tmp.resolve("b"), true).digest()).isEqualTo(img.digest());
  }

  @Test
  void turnedOffLeavesTmpAlone(@TempDir Path tmp) throws Exception {
    BuiltImage img = build(tmp.resolve("a"), false);
    assertThat(img.noServeCache()).contains("turned off");
    assertThat(layer(tmp.resolve("a")).keySet()).noneMatch(k -> k.startsWith("tmp/")).contains("configs/");
  }

  @Test
  @Tag("opm") // run only with OPM set (see ServeCacheOpmTest)
  void opmAcceptsTheCacheAsTheLayerHoldsIt(@TempDir Path tmp) throws Exception {
    Optional<Path> opm = ServeCacheOpmTest.opm();
    assertThat(opm).as("OPM names no executable opm v1.54").isPresent();
    build(tmp.resolve("a"), true);
    Path root = Files.createDirectories(tmp.resolve("root"));
    for (Map.Entry<String, Item> e : layer(tmp.resolve("a")).entrySet()) {
      Path p = root.resolve(e.getKey());
      if (e.getValue().dir()) {
        Files.createDirectories(p);
      } else {
        Files.write(p, e.getValue().content());
      }
      Files.setPosixFilePermissions(p, permissions(e.getValue().mode()));
    }
    ServeCacheOpmTest.Result r = ServeCacheOpmTest.run(opm.get(), tmp, root.resolve("configs").toString(),
        "--cache-dir=" + root.resolve("tmp/cache"), "--cache-only", "--cache-enforce-integrity");
    assertThat(r.rc()).as(r.output()).isZero();
    assertThat(r.output()).doesNotContain("rebuild");
  }

  private static BuiltImage build(Path layout, boolean cache) throws IOException {
    return CatalogImageBuilder.builder(CATALOG).base("scratch").serveCache(cache).build()
        .buildTo("oci:" + layout + ":v1");
  }

  /** The entries of the image's last layer, in order. */
  private static Map<String, Item> layer(Path layout) throws IOException {
    JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
    JsonNode manifest = JSON.readTree(blob(layout, index.path("manifests").get(0).path("digest").asText()).toFile());
    JsonNode layers = manifest.path("layers");
    Path layer = blob(layout, layers.get(layers.size() - 1).path("digest").asText());
    Map<String, Item> out = new LinkedHashMap<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(layer));
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        out.put(e.getName(), new Item(e.getMode() & 07777, e.isDirectory(), tar.readAllBytes()));
      }
    }
    return out;
  }

  private static Path blob(Path layout, String digest) {
    return layout.resolve("blobs").resolve(digest.replace(':', '/'));
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> s = java.util.EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
        PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_READ};
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << i)) != 0) {
        s.add(bits[i]);
      }
    }
    return s;
  }
}
