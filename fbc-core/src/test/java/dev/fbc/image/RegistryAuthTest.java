package dev.fbc.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryAuthTest {
  @TempDir
  Path tmp;

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private Path file(String name, String json) throws IOException {
    Path f = tmp.resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, json);
    return f;
  }

  @Test
  void theLongestMatchingKeyWins() throws IOException {
    Path f = file("auth.json", "{\"auths\":{\"quay.io\":{\"auth\":\"" + b64("host:h") + "\"},"
        + "\"quay.io/team\":{\"auth\":\"" + b64("team:t") + "\"},"
        + "\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("hub:d") + "\"}}}");
    RegistryAuth a = new RegistryAuth(List.of(f));
    assertThat(a.lookup("quay.io", "team/op-bundle")).contains(new RegistryAuth.Credentials("team", "t"));
    assertThat(a.lookup("quay.io", "other/op-bundle")).contains(new RegistryAuth.Credentials("host", "h"));
    assertThat(a.lookup("docker.io", "library/x")).contains(new RegistryAuth.Credentials("hub", "d"));
    assertThat(a.lookup("registry.example.com", "x")).isEmpty();
  }

  @Test
  void filesAreReadInTheStandardOrder() throws IOException {
    Path explicit = file("explicit.json", "{\"auths\":{}}");
    Path regAuth = file("reg/auth.json", "{\"auths\":{\"r.io\":{\"auth\":\"" + b64("from:registry-auth-file") + "\"}}}");
    file("xdg/containers/auth.json", "{\"auths\":{\"r.io\":{\"auth\":\"" + b64("from:xdg") + "\"}}}");
    file("docker/config.json", "{\"auths\":{\"r.io\":{\"auth\":\"" + b64("from:docker-config") + "\"},"
        + "\"d.io\":{\"identitytoken\":\"tok\"}}}");
    Map<String, String> env = Map.of("REGISTRY_AUTH_FILE", regAuth.toString(), "XDG_RUNTIME_DIR",
        tmp.resolve("xdg").toString(), "DOCKER_CONFIG", tmp.resolve("docker").toString());
    RegistryAuth a = RegistryAuth.standard(RegistryOptions.builder().authFile(explicit).build(), env);
    assertThat(a.lookup("r.io", "x")).contains(new RegistryAuth.Credentials("from", "registry-auth-file"));
    assertThat(a.lookup("d.io", "x")).contains(new RegistryAuth.Credentials("<token>", "tok"));
    Map<String, String> noRegAuth = Map.of("XDG_RUNTIME_DIR", tmp.resolve("xdg").toString());
    assertThat(RegistryAuth.standard(RegistryOptions.defaults(), noRegAuth).lookup("r.io", "x"))
        .contains(new RegistryAuth.Credentials("from", "xdg"));
  }

  @Test
  void aMalformedEntryIsAWarningWithoutTheSecret() throws IOException {
    Path f = file("auth.json", "{\"auths\":{\"r.io\":{\"auth\":\"%%%not-base64-s3cret\"},"
        + "\"s.io\":{\"auth\":\"" + b64("no-colon-s3cret") + "\"}}}");
    RegistryAuth a = new RegistryAuth(List.of(f));
    assertThat(a.lookup("r.io", "x")).isEmpty();
    assertThat(a.lookup("s.io", "x")).isEmpty();
    assertThat(a.warnings()).hasSize(2).allSatisfy(w -> assertThat(w).doesNotContain("s3cret"));
    assertThat(a.warnings().get(0)).contains("r.io").contains("not base64");
    assertThat(new RegistryAuth.Credentials("u", "s3cret").toString()).doesNotContain("s3cret");
  }

  @Test
  void credentialHelpersAreAskedForTheirRegistry() throws IOException {
    Path helpers = tmp.resolve("bin");
    Files.createDirectories(helpers);
    Path helper = helpers.resolve("docker-credential-fake");
    Files.writeString(helper, "#!/bin/sh\nread host\nif [ \"$host\" = \"h.io\" ]; then\n"
        + "  printf '{\"ServerURL\":\"h.io\",\"Username\":\"helper-user\",\"Secret\":\"helper-s3cret\"}'\n"
        + "else exit 1; fi\n");
    helper.toFile().setExecutable(true);
    Path f = file("auth.json", "{\"credHelpers\":{\"h.io\":\"fake\"},\"credsStore\":\"fake\"}");
    RegistryAuth a = new RegistryAuth(List.of(f), helpers);
    assertThat(a.lookup("h.io", "ns/repo")).contains(new RegistryAuth.Credentials("helper-user", "helper-s3cret"));
    assertThat(a.lookup("other.io", "x")).isEmpty();
    assertThat(a.warnings()).singleElement().satisfies(w -> assertThat(w).contains("found no credentials for other.io")
        .doesNotContain("s3cret"));
  }

  @Test
  void imageReferencesFollowDockersDefaults() {
    ImageReference r = ImageReference.parse("quay.io/minio/minio-operator-bundle:v5.0.10");
    assertThat(r.registry()).isEqualTo("quay.io");
    assertThat(r.repository()).isEqualTo("minio/minio-operator-bundle");
    assertThat(r.tag()).isEqualTo("v5.0.10");
    ImageReference hub = ImageReference.parse("busybox");
    assertThat(hub.registry()).isEqualTo("docker.io");
    assertThat(hub.repository()).isEqualTo("library/busybox");
    assertThat(hub.manifestReference()).isEqualTo("latest");
    assertThat(hub.endpointHost()).isEqualTo("registry-1.docker.io");
    String digest = "sha256:" + "a".repeat(64);
    ImageReference d = ImageReference.parse("127.0.0.1:5000/test/b@" + digest);
    assertThat(d.registry()).isEqualTo("127.0.0.1:5000");
    assertThat(d.manifestReference()).isEqualTo(digest);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ImageReference.parse("quay.io/Upper/Case:v1"))
        .hasMessageContaining("lowercase");
  }

  @Test
  void aHelperThatNeverClosesItsOutputIsStoppedAtItsDeadline() throws IOException {
    Path helpers = tmp.resolve("slow-bin");
    Files.createDirectories(helpers);
    Path helper = helpers.resolve("docker-credential-stuck");
    // answers, then keeps its output open for a minute
    Files.writeString(helper, "#!/bin/sh\nprintf '{\"Username\":\"u\",\"Secret\":\"stuck-s3cret\"}'\nexec sleep 60\n");
    helper.toFile().setExecutable(true);
    Path f = file("stuck.json", "{\"credHelpers\":{\"h.io\":\"stuck\"}}");
    RegistryAuth a = new RegistryAuth(List.of(f), helpers, java.time.Duration.ofMillis(500));
    java.util.Optional<RegistryAuth.Credentials> found = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(20), () -> a.lookup("h.io", "x"));
    assertThat(found).isEmpty();
    assertThat(a.warnings()).singleElement().satisfies(w -> assertThat(w).contains("docker-credential-stuck")
        .contains("did not finish").contains("h.io").doesNotContain("s3cret"));
  }

  @Test
  void aHelperRunsOncePerRegistryAndItsOutputIsBounded() throws IOException {
    Path helpers = tmp.resolve("count-bin");
    Files.createDirectories(helpers);
    Path calls = tmp.resolve("calls.txt");
    Path counting = helpers.resolve("docker-credential-counting");
    Files.writeString(counting, "#!/bin/sh\nread host\necho \"$host\" >> '" + calls + "'\n"
        + "printf '{\"Username\":\"u\",\"Secret\":\"s\"}'\n");
    counting.toFile().setExecutable(true);
    Path flood = helpers.resolve("docker-credential-flood");
    // endless output: must be cut at the bound, not read into memory
    Files.writeString(flood, "#!/bin/sh\nexec yes aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n");
    flood.toFile().setExecutable(true);
    Path f = file("count.json", "{\"credHelpers\":{\"c.io\":\"counting\",\"f.io\":\"flood\"}}");
    RegistryAuth a = new RegistryAuth(List.of(f), helpers, java.time.Duration.ofSeconds(10));
    for (int i = 0; i < 3; i++) {
      assertThat(a.lookup("c.io", "repo" + i)).contains(new RegistryAuth.Credentials("u", "s"));
    }
    assertThat(Files.readAllLines(calls)).containsExactly("c.io");
    assertThat(org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
        () -> a.lookup("f.io", "x"))).isEmpty();
    assertThat(a.warnings()).singleElement().satisfies(w -> assertThat(w).contains("docker-credential-flood"));
  }
}
