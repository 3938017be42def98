package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fbc.testkit.Fixtures;
import dev.fbc.testkit.TestImages;
import dev.fbc.testkit.TestRegistry;
import dev.fbc.testkit.TestRegistry.Auth;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fbc build} against a real registry (docker-registry on loopback), checked with skopeo: the pushed image's
 * label and configuration, render of it equal to render of the directory, reproducible digests, multi-platform
 * bases, OCI layout and docker-archive outputs, and failed pushes that leave no tag.
 */
class BuildCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONFIGS_LABEL = "operators.operatorframework.io.index.configs.v1";

  @TempDir
  static Path tmp;

  static Path catalog;
  static Path baseLayout;

  @BeforeAll
  static void setUp() {
    Prerequisites.registryTools("build tests", TestRegistry.Auth.HTPASSWD, false);
    catalog = Fixtures.minioOperatorDir(tmp.resolve("cat"));
    baseLayout = TestImages.opmBaseImage(tmp.resolve("base-layout"), Map.of("base.label", "kept"));
  }

  private static Run build(String... args) {
    List<String> all = new ArrayList<>(List.of("build", catalog.toString(), "--use-http", "--no-cache"));
    all.addAll(List.of(args));
    return Run.inProcess(all.toArray(new String[0]));
  }

  @Test
  void pushedImageHasLabelConfigRendersAsTheCatalogAndIsReproducible() throws Exception {
    try (TestRegistry reg = TestRegistry.start(tmp, Auth.NONE, false)) {
      String base = reg.push(baseLayout, "v1", "base/opm:v1", false, false);
      String target = reg.host() + "/x/catalog:v1";
      Run r = build("--base", base, "--tag", target, "-l", "vendor=me");
      assertThat(r.rc()).as(r.stderr()).isZero();
      String digest = r.out().strip();
      assertThat(digest).startsWith("sha256:");

      JsonNode inspect = JSON.readTree(skopeo("inspect", "--tls-verify=false", "docker://" + target));
      assertThat(inspect.path("Digest").asText()).isEqualTo(digest);
      assertThat(inspect.path("Labels").path(CONFIGS_LABEL).asText()).isEqualTo("/configs");
      assertThat(inspect.path("Labels").path("vendor").asText()).isEqualTo("me");
      assertThat(inspect.path("Labels").path("base.label").asText()).isEqualTo("kept");
      assertThat(inspect.path("Layers")).hasSize(2);
      JsonNode config = JSON.readTree(skopeo("inspect", "--config", "--tls-verify=false", "docker://" + target));
      assertThat(config.path("config").path("Entrypoint").toString()).isEqualTo("[\"/bin/opm\"]");
      assertThat(config.path("config").path("Cmd").toString())
          .isEqualTo("[\"serve\",\"/configs\",\"--cache-dir=/tmp/cache\"]");

      Run fromImage = Run.inProcess("render", target, "--use-http", "--no-cache");
      assertThat(fromImage.rc()).as(fromImage.stderr()).isZero();
      assertThat(fromImage.out()).isEqualTo(Run.inProcess("render", catalog.toString()).out());

      Run again = build("--base", base, "--tag", reg.host() + "/y/other:v2", "-l", "vendor=me");
      assertThat(again.rc()).as(again.stderr()).isZero();
      assertThat(again.out().strip()).isEqualTo(digest);
      Run otherLabel = build("--base", base, "--tag", reg.host() + "/y/other:v3", "-l", "vendor=you");
      assertThat(otherLabel.out().strip()).isNotEqualTo(digest);
    }
  }

  @Test
  void multiPlatformBaseGivesAnIndexWithOneCatalogManifestPerPlatform() throws Exception {
    try (TestRegistry reg = TestRegistry.start(tmp, Auth.NONE, false)) {
      Path bundleDir = Corpus.conformance("render-bundle").resolve("etcd-0.9.4/input/etcd-0.9.4");
      Path multi = TestImages.multiPlatformBundleImage(bundleDir, tmp.resolve("multi-layout"), "v1");
      String base = reg.push(multi, "v1", "base/multi:v1", false, true);
      String target = reg.host() + "/x/multi:v1";
      Run r = build("--base", base, "--tag", target);
      assertThat(r.rc()).as(r.stderr()).isZero();
      JsonNode index = JSON.readTree(skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + target));
      assertThat(index.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
      List<String> platforms = new ArrayList<>();
      String catalogLayer = null;
      for (JsonNode m : index.path("manifests")) {
        platforms.add(m.path("platform").path("os").asText() + "/" + m.path("platform").path("architecture").asText());
        JsonNode manifest = JSON.readTree(skopeo("inspect", "--raw", "--tls-verify=false",
            "docker://" + reg.host() + "/x/multi@" + m.path("digest").asText()));
        JsonNode layers = manifest.path("layers");
        String last = layers.get(layers.size() - 1).path("digest").asText();
        assertThat(catalogLayer == null || catalogLayer.equals(last)).as("same catalog layer").isTrue();
        catalogLayer = last;
      }
      assertThat(platforms).containsExactly("linux/amd64", "linux/arm64");

      Run one = build("--base", base, "--tag", reg.host() + "/x/arm:v1", "--platform", "linux/arm64");
      assertThat(one.rc()).as(one.stderr()).isZero();
      JsonNode armIndex = JSON.readTree(skopeo("inspect", "--raw", "--tls-verify=false",
          "docker://" + reg.host() + "/x/arm:v1"));
      assertThat(armIndex.path("manifests")).hasSize(1);
      Run missing = build("--base", base, "--tag", reg.host() + "/x/none:v1", "--platform", "linux/s390x");
      assertThat(missing.rc()).isEqualTo(1);
      assertThat(missing.stderr().strip()).contains("no image for platform linux/s390x").doesNotContain("\n");
    }
  }

  @Test
  void ociAndDockerArchiveOutputsLoadWithSkopeo() throws Exception {
    try (TestRegistry reg = TestRegistry.start(tmp, Auth.NONE, false)) {
      String base = reg.push(baseLayout, "v1", "base/opm:v1", false, false);
      Run pushed = build("--base", base, "--tag", reg.host() + "/x/direct:v1");
      assertThat(pushed.rc()).as(pushed.stderr()).isZero();
      String digest = pushed.out().strip();

      Path layout = tmp.resolve("out-layout");
      Run oci = build("--base", base, "--tag", "oci:" + layout + ":v1");
      assertThat(oci.rc()).as(oci.stderr()).isZero();
      assertThat(oci.out().strip()).isEqualTo(digest);
      skopeo("copy", "--dest-tls-verify=false", "oci:" + layout + ":v1", "docker://" + reg.host() + "/x/fromoci:v1");
      JsonNode copied = JSON.readTree(skopeo("inspect", "--tls-verify=false", "docker://" + reg.host()
          + "/x/fromoci:v1"));
      assertThat(copied.path("Digest").asText()).isEqualTo(digest);

      Path archive = tmp.resolve("catalog.tar");
      Run arch = build("--base", base, "--tag", "docker-archive:" + archive + ":x/catalog:v1");
      assertThat(arch.rc()).as(arch.stderr()).isZero();
      skopeo("copy", "--dest-tls-verify=false", "docker-archive:" + archive,
          "docker://" + reg.host() + "/x/fromarchive:v1");
      // a docker-archive has no place for a registry manifest: skopeo makes up a Docker one (layers named by
      // their diff IDs, recompressed on push), so the configuration and the diff IDs are what must be the same
      // (README, "fbc build")
      String direct = JSON.readTree(skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + reg.host()
          + "/x/direct:v1")).path("config").path("digest").asText();
      JsonNode loadedManifest = JSON.readTree(skopeo("inspect", "--raw", "--tls-verify=false", "docker://"
          + reg.host() + "/x/fromarchive:v1"));
      assertThat(loadedManifest.path("config").path("digest").asText()).isEqualTo(direct);
      assertThat(loadedManifest.path("mediaType").asText())
          .isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
      List<String> diffIds = new ArrayList<>();
      JSON.readTree(skopeo("inspect", "--config", "--tls-verify=false", "docker://" + reg.host() + "/x/direct:v1"))
          .path("rootfs").path("diff_ids").forEach(d -> diffIds.add(d.asText()));
      assertThat(diffIds).hasSize(loadedManifest.path("layers").size()).hasSize(2);
      skopeo("copy", "--preserve-digests", "--dest-tls-verify=false", "docker-archive:" + archive,
          "docker://" + reg.host() + "/x/preserved:v1");
      JsonNode preserved = JSON.readTree(skopeo("inspect", "--raw", "--tls-verify=false", "docker://" + reg.host()
          + "/x/preserved:v1"));
      assertThat(preserved.path("config").path("digest").asText()).isEqualTo(direct);
      List<String> preservedLayers = new ArrayList<>();
      preserved.path("layers").forEach(l -> preservedLayers.add(l.path("digest").asText()));
      assertThat(preservedLayers).as("--preserve-digests keeps the layers as skopeo reads them: by diff ID")
          .isEqualTo(diffIds);
      Run render = Run.inProcess("render", reg.host() + "/x/fromarchive:v1", "--use-http", "--no-cache");
      assertThat(render.out()).isEqualTo(Run.inProcess("render", catalog.toString()).out());
    }
  }

  @Test
  void failedPushesSayOneLineAndLeaveNoTag() throws Exception {
    try (TestRegistry reg = TestRegistry.start(tmp, Auth.HTPASSWD, false)) {
      String target = reg.host() + "/x/denied:v1";
      Run denied = build("--base", "oci:" + baseLayout + ":v1", "--tag", target, "--authfile",
          reg.authFile(false).toString());
      assertThat(denied.rc()).isEqualTo(1);
      assertThat(denied.stderr().strip()).contains("authentication failed").doesNotContain("\n")
          .doesNotContain(TestRegistry.PASSWORD);
      Run ok = build("--base", "oci:" + baseLayout + ":v1", "--tag", reg.host() + "/x/allowed:v1", "--authfile",
          reg.authFile(true).toString());
      assertThat(ok.rc()).as(ok.stderr()).isZero();
      assertThat(tagExists(reg, "x/denied", "v1")).isFalse();
    }
    TestRegistry down = TestRegistry.start(tmp, Auth.NONE, false);
    String host = down.host();
    down.close();
    Run unreachable = build("--base", "oci:" + baseLayout + ":v1", "--tag", host + "/x/c:v1");
    assertThat(unreachable.rc()).isEqualTo(1);
    assertThat(unreachable.stderr().strip()).startsWith("fbc build: " + host + "/x/c:v1").contains("cannot connect").doesNotContain("\n");

    Path invalid = Files.createDirectories(tmp.resolve("invalid"));
    Files.writeString(invalid.resolve("c.json"), "{\"schema\":\"olm.channel\",\"name\":\"c\",\"package\":\"nope\"}");
    Run refused = Run.inProcess("build", invalid.toString(), "--base", "scratch", "--tag", "oci:"
        + tmp.resolve("never"));
    assertThat(refused.rc()).isEqualTo(1);
    assertThat(refused.stderr().strip()).startsWith("fbc build: catalog ").contains("is not valid").contains("--no-validate").doesNotContain("\n");
    assertThat(tmp.resolve("never")).doesNotExist();
  }

  /** Whether {@code repo:tag} names a manifest in the registry (asked directly, with the test credentials). */
  static boolean tagExists(TestRegistry reg, String repo, String tag) throws Exception {
    var client = java.net.http.HttpClient.newHttpClient();
    String creds = java.util.Base64.getEncoder().encodeToString((TestRegistry.USER + ":" + TestRegistry.PASSWORD)
        .getBytes(StandardCharsets.UTF_8));
    var r = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(reg.baseUrl() + "/v2/" + repo
        + "/manifests/" + tag)).header("Authorization", "Basic " + creds)
        .header("Accept", "application/vnd.oci.image.manifest.v1+json").method("HEAD",
            java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
        java.net.http.HttpResponse.BodyHandlers.discarding());
    return r.statusCode() == 200;
  }

  /** Runs skopeo (with an accept-anything policy) and returns its stdout; fails the test on a non-zero exit. */
  static String skopeo(String... args) throws IOException, InterruptedException {
    Path policy = tmp.resolve("policy.json");
    if (!Files.exists(policy)) {
      Files.writeString(policy, "{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}");
    }
    List<String> cmd = new ArrayList<>(List.of("skopeo", "--policy", policy.toString()));
    cmd.addAll(List.of(args));
    File out = File.createTempFile("skopeo", ".out");
    try {
      Process p = new ProcessBuilder(cmd).redirectOutput(out).redirectErrorStream(false)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("skopeo did not finish: " + cmd);
      }
      String text = Files.readString(out.toPath());
      if (p.exitValue() != 0) {
        fail("skopeo failed: " + cmd);
      }
      return text;
    } finally {
      out.delete();
    }
  }
}
