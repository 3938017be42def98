package dev.fbc.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fbc.base.FbcException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Digests are checked where they enter, so that nothing unchecked ever names a file. */
class DigestTest {
  @TempDir
  Path tmp;

  @Test
  void validDigestsOfBothAlgorithmsParseAndNameFilesInsideTheirDirectory() {
    Digest a = Digest.parse("sha256:" + "0a".repeat(32), "test");
    Digest b = Digest.parse("sha512:" + "f1".repeat(64), "test");
    assertThat(a.toString()).isEqualTo("sha256:" + "0a".repeat(32));
    assertThat(a.under(tmp)).isEqualTo(tmp.toAbsolutePath().normalize().resolve("sha256").resolve("0a".repeat(32)));
    assertThat(b.under(tmp).startsWith(tmp.toAbsolutePath().normalize())).isTrue();
    assertThat(a.fileName()).doesNotContain("/").doesNotContain(":");
  }

  @Test
  void pathsAndMalformedDigestsAreRefusedWithTheirSource() {
    List<String> bad = List.of("/home/u/important.txt", "sha256:../../important.txt", "sha256/../../x",
        "../" + "a".repeat(64), "abc", "", ":" + "a".repeat(64), "sha256:" + "A".repeat(64), "sha256:" + "a".repeat(63),
        "sha256:" + "a".repeat(65), "sha512:" + "a".repeat(64), "sha256:" + "a".repeat(62) + "/x",
        "SHA256:" + "a".repeat(64));
    for (String s : bad) {
      assertThatThrownBy(() -> Digest.parse(s, "quay.io/x/y:v1 layer")).as(s).isInstanceOf(FbcException.class)
          .hasMessageStartingWith("quay.io/x/y:v1 layer: ").hasMessageContaining("digest");
    }
  }

  @Test
  void anUnsupportedAlgorithmIsNamedAsSuch() {
    assertThatThrownBy(() -> Digest.parse("md5:" + "a".repeat(32), "img"))
        .hasMessage("img: unsupported digest algorithm \"md5\" (supported: sha256, sha512)");
  }

  @Test
  void contentIsCheckedWithTheDigestsOwnAlgorithm() {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    Digest sha512 = Digest.parse("sha512:" + "0".repeat(128), "t").of(body);
    Digests.check(new Descriptor(sha512, body.length, ""), body, "ok");
    assertThat(sha512.hex()).hasSize(128);
    assertThatThrownBy(() -> Digests.check(new Descriptor(sha512, body.length, ""), "[]".getBytes(), "img"))
        .hasMessageContaining("img: digest mismatch");
    assertThatThrownBy(() -> Digests.check(new Descriptor(sha512, body.length + 1, ""), body, "img"))
        .hasMessageContaining("img: size mismatch");
  }

  @Test
  void credentialsGoOnlyToTheSameSchemeHostAndPort() {
    URI origin = URI.create("https://r.example:5000/v2/x");
    assertThat(RegistrySource.sameOrigin(URI.create("https://R.example:5000/v2/y/blobs/z"), origin)).isTrue();
    assertThat(RegistrySource.sameOrigin(URI.create("https://r.example:5001/v2/x"), origin)).isFalse();
    assertThat(RegistrySource.sameOrigin(URI.create("http://r.example:5000/v2/x"), origin)).isFalse();
    assertThat(RegistrySource.sameOrigin(URI.create("https://cdn.example:5000/v2/x"), origin)).isFalse();
    assertThat(RegistrySource.sameOrigin(URI.create("https://r.example/v2/x"), URI.create("https://r.example:443/")))
        .isTrue();
    assertThat(RegistrySource.sameOrigin(URI.create("http://r.example/v2/x"), URI.create("https://r.example/")))
        .isFalse();
  }
}
