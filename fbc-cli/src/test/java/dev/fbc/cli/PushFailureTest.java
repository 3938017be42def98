package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fbc.base.FbcException;
import dev.fbc.build.CatalogImageBuilder;
import dev.fbc.image.Descriptor;
import dev.fbc.image.PushListener;
import dev.fbc.image.RegistryOptions;
import dev.fbc.testkit.Fixtures;
import dev.fbc.testkit.TestImages;
import dev.fbc.testkit.TestRegistry;
import dev.fbc.testkit.TestRegistry.Auth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push that fails (the registry killed mid-upload, wrong credentials, a blob whose content does not match its
 * digest) fails with one line naming the image and leaves no tag naming a partial image: through the library
 * ({@link CatalogImageBuilder}) and through {@code fbc build}, against a real docker-registry on loopback.
 */
class PushFailureTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path tmp;

  static Path catalog;
  static Path baseLayout;

  @BeforeAll
  static void setUp() {
    Prerequisites.registryTools("push tests", TestRegistry.Auth.HTPASSWD, false);
    catalog = Fixtures.minioOperatorDir(tmp.resolve("cat"));
    baseLayout = TestImages.opmBaseImage(tmp.resolve("base-layout"), Map.of());
  }

  private static RegistryOptions.Builder http() {
    return RegistryOptions.builder().useHttp(true).timeout(Duration.ofSeconds(20));
  }

  /** The one line a failure must be: no line break, no Java class name, no stack trace. */
  private static void assertOneCleanLine(String line) {
    assertThat(line).doesNotContain("\n").doesNotContain("\r").doesNotContain("Exception")
        .doesNotContain("java.").doesNotContain("\tat ").doesNotContain("dev.fbc");
  }

  private static void assertCliFailure(Run r, String reference) {
    assertThat(r.rc()).as(r.stderr()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    String line = r.stderr().strip();
    assertThat(line).startsWith("fbc build: ").contains(reference);
    assertOneCleanLine(line);
  }

  @Test
  void registryKilledMidUploadFailsWithOneLineAndLeavesNoTag() throws Exception {
    TestRegistry reg = TestRegistry.start(tmp, Auth.NONE, false);
    TestRegistry restarted = null;
    try {
      String target = reg.host() + "/x/killed:v1";
      AtomicBoolean killed = new AtomicBoolean();
      List<String> manifests = new ArrayList<>();
      PushListener killer = new PushListener() {
        @Override
        public void progress(Descriptor blob, long sent) {
          // after the first chunk of a chunked upload: the upload session is open on the registry
          if (sent < blob.size() && killed.compareAndSet(false, true)) {
            reg.kill();
          }
        }

        @Override
        public void manifestPushed(String reference, dev.fbc.image.Digest digest) {
          manifests.add(reference);
        }
      };
      CatalogImageBuilder builder = CatalogImageBuilder.builder(catalog).base("oci:" + baseLayout + ":v1")
          .registry(http().build()).listener(killer).chunkBytes(512).build();
      FbcException e = assertThrows(FbcException.class, () -> builder.buildTo(target));
      assertThat(killed).as("the registry was killed in the middle of an upload").isTrue();
      assertThat(e.getMessage()).contains(target).contains("cannot connect");
      assertOneCleanLine(e.getMessage());
      assertThat(manifests).as("no manifest was stored").isEmpty();

      restarted = reg.restart();
      assertThat(BuildCommandTest.tagExists(restarted, "x/killed", "v1")).isFalse();
      // the same storage, up again: the push now completes and the tag appears (so the check above can fail)
      CatalogImageBuilder.builder(catalog).base("oci:" + baseLayout + ":v1").registry(http().build())
          .chunkBytes(512).build().buildTo(target);
      assertThat(BuildCommandTest.tagExists(restarted, "x/killed", "v1")).isTrue();
    } finally {
      reg.close();
      if (restarted != null) {
        restarted.close();
      }
    }
  }

  @Test
  void cliRegistryKilledMidUploadFailsWithOneLineAndLeavesNoTag() throws Exception {
    TestRegistry reg = TestRegistry.start(tmp, Auth.NONE, false);
    TestRegistry restarted = null;
    // the registry dies when the first blob upload's content is on its way to it
    try (RegistryProxy proxy = RegistryProxy.start(reg.baseUrl(), (i, method, path) ->
        method.equals("PUT") && path.contains("/blobs/uploads/") ? new RegistryProxy.Crash(reg::kill)
            : new RegistryProxy.Forward())) {
      String target = proxy.host() + "/x/killed:v1";
      Run r = Run.inProcess("build", catalog.toString(), "--use-http", "--no-cache", "--base",
          "oci:" + baseLayout + ":v1", "--tag", target);
      assertCliFailure(r, target);
      assertThat(r.stderr()).containsAnyOf("the connection was lost", "cannot connect");
      assertThat(proxy.seen()).extracting(RegistryProxy.Seen::status).contains(-1);
      assertThat(proxy.seen()).noneMatch(s -> s.path().contains("/manifests/"));

      restarted = reg.restart();
      assertThat(BuildCommandTest.tagExists(restarted, "x/killed", "v1")).isFalse();
      Run again = Run.inProcess("build", catalog.toString(), "--use-http", "--no-cache", "--base",
          "oci:" + baseLayout + ":v1", "--tag", restarted.host() + "/x/killed:v1");
      assertThat(again.rc()).as(again.stderr()).isZero();
      assertThat(BuildCommandTest.tagExists(restarted, "x/killed", "v1")).isTrue();
    } finally {
      reg.close();
      if (restarted != null) {
        restarted.close();
      }
    }
  }

  @Test
  void wrongCredentialsFailWithOneLineWithoutTheSecretAndLeaveNoTag() throws Exception {
    try (TestRegistry reg = TestRegistry.start(tmp, Auth.HTPASSWD, false)) {
      String target = reg.host() + "/x/denied:v1";
      Path wrong = reg.authFile(false);
      String wrongSecret = "wrong-password";
      String encoded = Base64.getEncoder().encodeToString((TestRegistry.USER + ":" + wrongSecret).getBytes());
      assertThat(Files.readString(wrong)).contains(encoded);

      CatalogImageBuilder builder = CatalogImageBuilder.builder(catalog).base("oci:" + baseLayout + ":v1")
          .registry(http().authFile(wrong).build()).build();
      FbcException e = assertThrows(FbcException.class, () -> builder.buildTo(target));
      assertThat(e.getMessage()).contains(target).contains("authentication failed").contains("401")
          .doesNotContain(wrongSecret).doesNotContain(encoded).doesNotContain(TestRegistry.PASSWORD);
      assertOneCleanLine(e.getMessage());

      Run r = Run.inProcess("build", catalog.toString(), "--use-http", "--no-cache", "--base",
          "oci:" + baseLayout + ":v1", "--tag", target, "--authfile", wrong.toString());
      assertCliFailure(r, target);
      assertThat(r.stderr()).contains("authentication failed").doesNotContain(wrongSecret).doesNotContain(encoded);
      assertThat(BuildCommandTest.tagExists(reg, "x/denied", "v1")).isFalse();
    }
  }

  @Test
  void baseBlobNotMatchingItsDigestIsRefusedAndNothingIsTagged() throws Exception {
    Path tampered = tmp.resolve("tampered-layout");
    copyTree(baseLayout, tampered);
    String layerDigest = firstLayerDigest(tampered);
    Path blob = tampered.resolve("blobs/sha256").resolve(layerDigest.substring("sha256:".length()));
    byte[] content = Files.readAllBytes(blob);
    content[content.length / 2] ^= 0x01; // same size, other content
    Files.write(blob, content);
    String base = "oci:" + tampered + ":v1";

    try (TestRegistry reg = TestRegistry.start(tmp, Auth.NONE, false)) {
      String target = reg.host() + "/x/tampered:v1";
      FbcException e = assertThrows(FbcException.class, () -> CatalogImageBuilder.builder(catalog).base(base)
          .registry(http().build()).build().buildTo(target));
      assertThat(e.getMessage()).contains(layerDigest).contains("digest mismatch").contains(tampered.toString());
      assertOneCleanLine(e.getMessage());

      Run r = Run.inProcess("build", catalog.toString(), "--use-http", "--no-cache", "--base", base, "--tag", target);
      assertCliFailure(r, layerDigest);
      assertThat(r.stderr()).contains("digest mismatch");
      assertThat(BuildCommandTest.tagExists(reg, "x/tampered", "v1")).isFalse();

      Path layoutOut = tmp.resolve("tampered-out");
      Run oci = Run.inProcess("build", catalog.toString(), "--base", base, "--tag", "oci:" + layoutOut + ":v1");
      assertCliFailure(oci, layerDigest);
      assertThat(layoutOut.resolve("index.json")).doesNotExist();
    }
  }

  @Test
  void uploadAlteredOnTheWayIsRefusedByTheRegistryAndNothingIsTagged() throws Exception {
    try (TestRegistry reg = TestRegistry.start(tmp, Auth.NONE, false);
        RegistryProxy proxy = RegistryProxy.start(reg.baseUrl(), (i, method, path) ->
            method.equals("PUT") && path.contains("/blobs/uploads/") ? new RegistryProxy.Corrupt()
                : new RegistryProxy.Forward())) {
      String target = proxy.host() + "/x/altered:v1";
      Run r = Run.inProcess("build", catalog.toString(), "--use-http", "--no-cache", "--base",
          "oci:" + baseLayout + ":v1", "--tag", target);
      assertCliFailure(r, target);
      assertThat(r.stderr()).contains("computed another digest");
      assertThat(proxy.seen()).noneMatch(s -> s.path().contains("/manifests/"));
      assertThat(BuildCommandTest.tagExists(reg, "x/altered", "v1")).isFalse();
    }
  }

  private static String firstLayerDigest(Path layout) throws Exception {
    JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
    String manifest = index.path("manifests").get(0).path("digest").asText();
    JsonNode m = JSON.readTree(layout.resolve("blobs/sha256").resolve(manifest.substring(7)).toFile());
    return m.path("layers").get(0).path("digest").asText();
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
  }
}
