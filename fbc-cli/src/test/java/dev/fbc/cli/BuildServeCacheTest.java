package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fbc build}'s serve cache flag and warning, on a {@code scratch} base into an OCI layout (no registry). */
class BuildServeCacheTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void cacheByDefaultNoneWithTheFlagAndAWarningWhenItCannotBeWritten(@TempDir Path tmp) throws IOException {
    Path catalog = Files.createDirectories(tmp.resolve("catalog"));
    Files.writeString(catalog.resolve("c.json"), """
        {"schema":"olm.package","name":"p","defaultChannel":"c"}
        {"schema":"olm.channel","package":"p","name":"c","entries":[{"name":"p.v1"}]}
        {"schema":"olm.bundle","package":"p","name":"p.v1","image":"example.com/p:v1","properties":[
          {"type":"olm.package","value":{"packageName":"p","version":"1.0.0"}}]}
        """);
    Run plain = Run.inProcess("build", catalog.toString(), "--base", "scratch", "--tag", "oci:" + tmp.resolve("a"));
    assertThat(plain.rc()).as(plain.stderr()).isZero();
    assertThat(plain.stderr()).isEmpty();
    assertThat(entries(tmp.resolve("a"))).contains("tmp/cache/digest", "tmp/cache/cache/packages.json",
        "tmp/cache/cache/p_c_p.v1.json");

    Run off = Run.inProcess("build", catalog.toString(), "--base", "scratch", "--no-serve-cache", "--tag",
        "oci:" + tmp.resolve("b"));
    assertThat(off.rc()).as(off.stderr()).isZero();
    assertThat(off.stderr()).isEmpty();
    assertThat(entries(tmp.resolve("b"))).noneMatch(e -> e.startsWith("tmp/")).contains("configs/c.json");

    // a bundle object that is not UTF-8: valid, but its cache would not be byte-identical to opm's
    Files.writeString(catalog.resolve("c.json"), Files.readString(catalog.resolve("c.json")).replace(
        "\"version\":\"1.0.0\"}}", "\"version\":\"1.0.0\"}},{\"type\":\"olm.bundle.object\",\"value\":{\"data\":\"e/8=\"}}"));
    Run warned = Run.inProcess("build", catalog.toString(), "--base", "scratch", "--tag", "oci:" + tmp.resolve("c"));
    assertThat(warned.rc()).as(warned.stderr()).isZero();
    assertThat(warned.stderr().strip()).startsWith("fbc build: warning: the image has no serve cache")
        .contains("not UTF-8").doesNotContain("\n");
    assertThat(entries(tmp.resolve("c"))).noneMatch(e -> e.startsWith("tmp/"));
  }

  private static List<String> entries(Path layout) throws IOException {
    JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
    JsonNode manifest = JSON.readTree(blob(layout, index.path("manifests").get(0).path("digest").asText()).toFile());
    JsonNode layers = manifest.path("layers");
    List<String> out = new ArrayList<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(
            blob(layout, layers.get(layers.size() - 1).path("digest").asText())));
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        out.add(e.getName());
      }
    }
    return out;
  }

  private static Path blob(Path layout, String digest) {
    return layout.resolve("blobs").resolve(digest.replace(':', '/'));
  }
}
