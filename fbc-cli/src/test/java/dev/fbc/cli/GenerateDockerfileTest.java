package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fbc generate dockerfile} against opm v1.54: the expected files in
 * src/test/resources/generate-dockerfile were generated with the reference opm binary (see the README there), and
 * the error texts are opm's.
 */
class GenerateDockerfileTest {
  @TempDir
  Path tmp;

  private static String expected(String name) throws IOException {
    return Files.readString(Path.of("src/test/resources/generate-dockerfile", name));
  }

  private String generate(String... flags) throws IOException {
    Path dir = Files.createTempDirectory(tmp, "case");
    Files.createDirectories(dir.resolve("catalog"));
    List<String> args = new ArrayList<>(List.of("generate", "dockerfile", dir.resolve("catalog").toString()));
    args.addAll(List.of(flags));
    Run r = Run.inProcess(args.toArray(new String[0]));
    assertThat(r.rc()).as(r.stderr()).isZero();
    assertThat(r.stdout()).isEmpty();
    try (var s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("catalog", "catalog.Dockerfile");
    }
    return Files.readString(dir.resolve("catalog.Dockerfile"));
  }

  @Test
  void equalsOpmWithAndWithoutLabelsScratchAndImages() throws IOException {
    assertThat(generate()).isEqualTo(expected("plain.Dockerfile"));
    assertThat(generate("-l", "vendor=me", "-l", "a=1,z=2", "-l", "x=y=z", "-l", "a=3", "-l", "e="))
        .isEqualTo(expected("labels.Dockerfile"));
    assertThat(generate("-i", "scratch", "-l", "vendor=me")).isEqualTo(expected("scratch.Dockerfile"));
    assertThat(generate("-i", "quay.io/x/base:v1", "-b", "quay.io/x/builder:v2"))
        .isEqualTo(expected("images.Dockerfile"));
    assertThat(generate("--binary-image", "quay.io/x/bin:v3")).isEqualTo(expected("binary.Dockerfile"));
  }

  @Test
  void errorsCarryOpmText() throws IOException {
    Path catalog = Files.createDirectories(tmp.resolve("c"));
    Path file = Files.writeString(tmp.resolve("f.json"), "{}");
    assertError(List.of(catalog.toString(), "-b", "scratch", "-l", "bad"), "invalid builder image: \"scratch\"");
    assertError(List.of(catalog.toString(), "-l", "bad"), "invalid label \"bad\"");
    assertError(List.of(tmp.resolve("nope").toString()), "stat " + tmp.resolve("nope") + ": no such file or directory");
    assertError(List.of(file.toString()), "provided root path \"" + file + "\" is not a directory");
    assertError(List.of(catalog.toString(), "-i", ""), "base image is unset");
    assertError(List.of(catalog.toString(), "--binary-image", "x", "-i", "y"),
        "if any flags in the group [binary-image base-image] are set none of the others can be; "
            + "[base-image binary-image] were all set");
    assertThat(Run.inProcess("generate", "dockerfile", catalog.toString()).rc()).isZero();
    assertError(List.of(catalog.toString()), "path \"" + tmp.resolve("c.Dockerfile") + "\": file already exists");
  }

  private static void assertError(List<String> args, String message) {
    List<String> all = new ArrayList<>(List.of("generate", "dockerfile"));
    all.addAll(args);
    Run r = Run.inProcess(all.toArray(new String[0]));
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.stderr().lines().filter(l -> !l.startsWith("Flag --binary-image")).toList())
        .containsExactly(message);
  }
}
