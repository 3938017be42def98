package dev.fbc.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fbc.base.FbcException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerUnpackerTest {
  @TempDir
  Path tmp;

  private static byte[] tar(boolean gzip, String... namesAndContents) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (var os = gzip ? new GZIPOutputStream(bytes) : bytes; TarArchiveOutputStream t = new TarArchiveOutputStream(os)) {
      for (int i = 0; i < namesAndContents.length; i += 2) {
        byte[] content = namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(namesAndContents[i]);
        e.setSize(content.length);
        t.putArchiveEntry(e);
        t.write(content);
        t.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  @Test
  void layersApplyInOrderWithWhiteouts() throws IOException {
    Path root = tmp.resolve("root");
    LayerUnpacker u = new LayerUnpacker(root);
    u.apply(new ByteArrayInputStream(tar(true, "manifests/a.yaml", "a", "manifests/b.yaml", "b", "old/x", "x")),
        "layer 1");
    u.apply(new ByteArrayInputStream(tar(false, "manifests/.wh.a.yaml", "", "old/.wh..wh..opq", "",
        "manifests/b.yaml", "b2")), "layer 2");
    assertThat(Files.exists(root.resolve("manifests/a.yaml"))).isFalse();
    assertThat(Files.readString(root.resolve("manifests/b.yaml"))).isEqualTo("b2");
    try (var s = Files.list(root.resolve("old"))) {
      assertThat(s.toList()).isEmpty();
    }
  }

  @Test
  void decompressionBombsAreStoppedBySizeAndEntryLimits() throws IOException {
    byte[] big = tar(true, "big", "x".repeat(10_000));
    assertThat(big.length).isLessThan(1_000);
    LayerUnpacker small = new LayerUnpacker(tmp.resolve("a"), 4_096, 1_000);
    assertThatThrownBy(() -> small.apply(new ByteArrayInputStream(big), "bomb layer"))
        .isInstanceOf(FbcException.class).hasMessageContaining("bomb layer").hasMessageContaining("4096 bytes");
    LayerUnpacker few = new LayerUnpacker(tmp.resolve("b"), 1 << 20, 2);
    assertThatThrownBy(() -> few.apply(new ByteArrayInputStream(tar(true, "a", "1", "b", "2", "c", "3")), "many"))
        .isInstanceOf(FbcException.class).hasMessageContaining("more than 2 entries");
  }

  @Test
  void whiteoutsThatNameNothingInsideTheRootAreRefusedAndDeleteNothing() throws IOException {
    // the unpack root and a file beside it, as a library user might lay them out
    Path parent = tmp.resolve("work");
    Path root = parent.resolve("root");
    Files.createDirectories(root);
    Path beside = parent.resolve("keep.txt");
    Files.writeString(beside, "precious");
    Files.writeString(root.resolve("inside.txt"), "inside");
    for (String name : new String[] {".wh...", ".wh..", ".wh.", "sub/.wh...", "./.wh..."}) {
      LayerUnpacker u = new LayerUnpacker(root);
      assertThatThrownBy(() -> u.apply(new ByteArrayInputStream(tar(false, "sub/", "", name, "")), "layer"))
          .as(name).isInstanceOf(FbcException.class).hasMessageContaining("whiteout")
          .hasMessageContaining("refusing to unpack");
      assertThat(Files.readString(beside)).as(name).isEqualTo("precious");
      assertThat(Files.readString(root.resolve("inside.txt"))).as(name).isEqualTo("inside");
    }
  }

  @Test
  void sparseEntriesCountAtTheSizeTheyUnpackTo() throws Exception {
    // GNU tar stores a 16 MiB hole in a few hundred bytes; both of its sparse formats must count 16 MiB
    Path src = tmp.resolve("src");
    Files.createDirectories(src);
    run(src, "truncate", "-s", "16M", "hole");
    for (String format : new String[] {"gnu", "pax"}) {
      Path archive = tmp.resolve(format + ".tar");
      run(src, "tar", "--sparse", "--format=" + format, "-cf", archive.toString(), "hole");
      assertThat(Files.size(archive)).as(format).isLessThan(64 * 1024);
      LayerUnpacker capped = new LayerUnpacker(tmp.resolve("capped-" + format), 1 << 20, 100);
      assertThatThrownBy(() -> capped.apply(Files.newInputStream(archive), "sparse layer"))
          .as(format).isInstanceOf(FbcException.class).hasMessageContaining("more than 1048576 bytes");
      Path roomy = tmp.resolve("roomy-" + format);
      new LayerUnpacker(roomy, 32 << 20, 100).apply(Files.newInputStream(archive), "sparse layer");
      assertThat(Files.size(roomy.resolve("hole"))).as(format).isEqualTo(16L << 20);
    }
  }

  private static void run(Path dir, String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
  }
}
