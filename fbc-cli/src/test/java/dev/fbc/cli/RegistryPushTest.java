package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fbc.base.FbcException;
import dev.fbc.build.BuiltImage;
import dev.fbc.build.CatalogImageBuilder;
import dev.fbc.image.Descriptor;
import dev.fbc.image.Digest;
import dev.fbc.image.ImageReference;
import dev.fbc.image.PushListener;
import dev.fbc.image.PushListener.Outcome;
import dev.fbc.image.RegistryAuth;
import dev.fbc.image.RegistryOptions;
import dev.fbc.image.RegistryPusher;
import dev.fbc.testkit.Fixtures;
import dev.fbc.testkit.TestImages;
import dev.fbc.testkit.TestImages.Entry;
import dev.fbc.testkit.TestRegistry;
import dev.fbc.testkit.TestRegistry.Auth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The push path against a real docker-registry on loopback: chunked uploads really go in chunks, blobs of
 * another repository are mounted, blobs already there are skipped, and 429/5xx answers are retried (made by
 * {@link RegistryProxy} in front of the registry, which also counts the requests).
 */
class RegistryPushTest {
  private static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
  private static final RegistryAuth NO_CREDENTIALS = new RegistryAuth(List.of(), null);

  @TempDir
  static Path tmp;

  static Path catalog;
  static Path baseLayout;

  @BeforeAll
  static void setUp() {
    Prerequisites.registryTools("push tests", TestRegistry.Auth.NONE, false);
    catalog = Fixtures.minioOperatorDir(tmp.resolve("cat"));
    baseLayout = TestImages.opmBaseImage(tmp.resolve("base-layout"), Map.of(),
        List.of(Entry.file("etc/motd", "second base layer\n")));
  }

  private static RegistryOptions http() {
    return RegistryOptions.builder().useHttp(true).timeout(Duration.ofSeconds(20)).build();
  }

  /** A blob of {@code size} bytes of seeded noise, written to a file. */
  private static Path blobFile(String name, int size, long seed) throws Exception {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return Files.write(tmp.resolve(name), b);
  }

  private static Descriptor descriptor(Path file) throws Exception {
    byte[] b = Files.readAllBytes(file);
    return new Descriptor(Digest.sha256(b), b.length, LAYER);
  }

  /** The blob as the registry serves it (asked directly, not through fbc). */
  private static byte[] fetchBlob(TestRegistry reg, String repo, Digest d) throws Exception {
    HttpResponse<byte[]> r = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build().send(
        HttpRequest.newBuilder(URI.create(reg.baseUrl() + "/v2/" + repo + "/blobs/" + d)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  private static long count(RegistryProxy proxy, String method, String pathPart) {
    return proxy.seen().stream().filter(s -> s.method().equals(method) && s.path().contains(pathPart)).count();
  }

  /** Records progress and outcomes. */
  private static final class Recorder implements PushListener {
    final List<Long> progress = new ArrayList<>();
    final Map<Digest, Outcome> outcomes = new LinkedHashMap<>();

    @Override
    public void progress(Descriptor blob, long sent) {
      progress.add(sent);
    }

    @Override
    public void blobDone(Descriptor blob, Outcome outcome) {
      outcomes.put(blob.digest(), outcome);
    }
  }

  @Test
  void blobsAboveTheChunkSizeGoInChunksAndArriveWhole() throws Exception {
    try (TestRegistry reg = TestRegistry.start(tmp, Auth.NONE, false);
        RegistryProxy proxy = RegistryProxy.start(reg.baseUrl(), (i, m, p) -> new RegistryProxy.Forward())) {
      Path big = blobFile("big.bin", 10_000, 1);
      Descriptor bigDesc = descriptor(big);
      Path small = blobFile("small.bin", 700, 2);
      Descriptor smallDesc = descriptor(small);
      Recorder rec = new Recorder();
      try (RegistryPusher pusher = new RegistryPusher(ImageReference.parse(proxy.host() + "/p/chunked:v1"), http(),
          NO_CREDENTIALS, rec, 1024)) {
        assertThat(pusher.pushBlob(bigDesc, () -> big, Optional.empty())).isEqualTo(Outcome.UPLOADED);
        assertThat(count(proxy, "PATCH", "/blobs/uploads/")).as("one PATCH per 1024-byte chunk").isEqualTo(10);
        assertThat(rec.progress).containsExactly(1024L, 2048L, 3072L, 4096L, 5120L, 6144L, 7168L, 8192L, 9216L,
            10_000L, 10_000L);

        assertThat(pusher.pushBlob(smallDesc, () -> small, Optional.empty())).isEqualTo(Outcome.UPLOADED);
        assertThat(count(proxy, "PATCH", "/blobs/uploads/")).as("a blob under the chunk size: one PUT").isEqualTo(10);
        assertThat(count(proxy, "PUT", "/blobs/uploads/")).isEqualTo(2);
      }
      assertThat(fetchBlob(reg, "p/chunked", bigDesc.digest())).isEqualTo(Files.readAllBytes(big));
      assertThat(fetchBlob(reg, "p/chunked", smallDesc.digest())).isEqualTo(Files.readAllBytes(small));
    }
  }

  @Test
  void blobsOfAnotherRepositoryAreMountedAndBlobsThereAreSkipped() throws Exception {
    try (TestRegistry reg = TestRegistry.start(tmp, Auth.NONE, false);
        RegistryProxy proxy = RegistryProxy.start(reg.baseUrl(), (i, m, p) -> new RegistryProxy.Forward())) {
      Path file = blobFile("mount.bin", 3000, 3);
      Descriptor d = descriptor(file);
      ImageReference one = ImageReference.parse(proxy.host() + "/m/one:v1");
      ImageReference two = ImageReference.parse(proxy.host() + "/m/two:v1");
      try (RegistryPusher p1 = new RegistryPusher(one, http(), NO_CREDENTIALS, PushListener.NONE);
          RegistryPusher p2 = new RegistryPusher(two, http(), NO_CREDENTIALS, PushListener.NONE)) {
        assertThat(p1.pushBlob(d, () -> file, Optional.empty())).isEqualTo(Outcome.UPLOADED);
        long uploads = count(proxy, "PUT", "/blobs/uploads/");
        assertThat(p2.hasBlob(d)).isFalse();
        assertThat(p2.pushBlob(d, () -> {
          throw new AssertionError("a mounted blob is not read");
        }, Optional.of(one))).isEqualTo(Outcome.MOUNTED);
        assertThat(count(proxy, "PUT", "/blobs/uploads/")).as("nothing sent for a mount").isEqualTo(uploads);
        assertThat(proxy.seen()).anyMatch(s -> s.method().equals("POST") && s.status() == 201);
        assertThat(p2.pushBlob(d, () -> file, Optional.of(one))).isEqualTo(Outcome.EXISTS);

        // a repository without the blob: the registry starts a plain upload instead, and the blob is sent
        ImageReference three = ImageReference.parse(proxy.host() + "/m/three:v1");
        Path other = blobFile("other.bin", 2000, 4);
        try (RegistryPusher p3 = new RegistryPusher(three, http(), NO_CREDENTIALS, PushListener.NONE)) {
          assertThat(p3.pushBlob(descriptor(other), () -> other, Optional.of(two))).isEqualTo(Outcome.UPLOADED);
        }
      }
      assertThat(fetchBlob(reg, "m/two", d.digest())).isEqualTo(Files.readAllBytes(file));
    }
  }

  @Test
  void aBuildMountsTheBaseLayersFromTheBaseRepositoryAndSkipsWhatIsThere() throws Exception {
    try (TestRegistry reg = TestRegistry.start(tmp, Auth.NONE, false)) {
      String base = reg.push(baseLayout, "v1", "base/opm:v1", false, false);
      Recorder first = new Recorder();
      BuiltImage img = CatalogImageBuilder.builder(catalog).base(base).registry(http()).listener(first)
          .chunkBytes(256).build().buildTo(reg.host() + "/x/mounted:v1");
      List<Outcome> outcomes = new ArrayList<>(first.outcomes.values());
      // two base layers, the catalog layer, the configuration, in push order
      assertThat(outcomes).containsExactly(Outcome.MOUNTED, Outcome.MOUNTED, Outcome.UPLOADED, Outcome.UPLOADED);
      assertThat(first.progress).as("the catalog layer went in 256-byte chunks").hasSizeGreaterThan(3);

      Recorder again = new Recorder();
      BuiltImage same = CatalogImageBuilder.builder(catalog).base(base).registry(http()).listener(again).build()
          .buildTo(reg.host() + "/x/mounted:v2");
      assertThat(same.digest()).isEqualTo(img.digest());
      assertThat(new ArrayList<>(again.outcomes.values())).containsOnly(Outcome.EXISTS).hasSize(4);
      assertThat(again.progress).isEmpty();
      assertThat(BuildCommandTest.tagExists(reg, "x/mounted", "v1")).isTrue();
    }
  }

  @Test
  void answers429And5xxAreRetriedUntilTheRetriesRunOut() throws Exception {
    try (TestRegistry reg = TestRegistry.start(tmp, Auth.NONE, false)) {
      // the first HEAD, the first upload start, the first chunk and the first tag PUT each fail once
      Set<String> failedOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
      RegistryProxy.Policy flaky = (i, method, path) -> {
        String kind = method + (path.contains("/manifests/") ? " manifest" : path.contains("/uploads/") ? " upload"
            : " blob");
        if (Set.of("HEAD blob", "POST upload", "PATCH upload", "PUT manifest").contains(kind)
            && failedOnce.add(kind)) {
          return kind.startsWith("POST") ? new RegistryProxy.Fail(429, "0") : new RegistryProxy.Fail(503, "");
        }
        return new RegistryProxy.Forward();
      };
      try (RegistryProxy proxy = RegistryProxy.start(reg.baseUrl(), flaky)) {
        BuiltImage img = CatalogImageBuilder.builder(catalog).base("oci:" + baseLayout + ":v1").registry(http())
            .chunkBytes(256).build().buildTo(proxy.host() + "/x/flaky:v1");
        assertThat(failedOnce).hasSize(4);
        assertThat(proxy.seen()).filteredOn(s -> s.status() == 503).hasSize(3);
        assertThat(proxy.seen()).filteredOn(s -> s.status() == 429).hasSize(1);
        assertThat(BuildCommandTest.tagExists(reg, "x/flaky", "v1")).isTrue();
        assertThat(img.digest().toString()).isEqualTo(CatalogImageBuilder.builder(catalog)
            .base("oci:" + baseLayout + ":v1").build().buildTo("oci:" + tmp.resolve("flaky-ref") + ":v1").digest()
            .toString());
      }

      // a registry that keeps failing the tag: the retries run out, one line, no tag
      try (RegistryProxy proxy = RegistryProxy.start(reg.baseUrl(), (i, method, path) ->
          method.equals("PUT") && path.endsWith("/manifests/v1") ? new RegistryProxy.Fail(503, "")
              : new RegistryProxy.Forward())) {
        String target = proxy.host() + "/x/down:v1";
        FbcException e = assertThrows(FbcException.class, () -> CatalogImageBuilder.builder(catalog)
            .base("oci:" + baseLayout + ":v1").registry(http().toBuilder().retries(2).build()).build()
            .buildTo(target));
        assertThat(e.getMessage()).contains(target).contains("HTTP 503").doesNotContain("\n");
        assertThat(proxy.seen()).filteredOn(s -> s.status() == 503).as("the first try and 2 retries").hasSize(3);
        assertThat(BuildCommandTest.tagExists(reg, "x/down", "v1")).isFalse();
      }
    }
  }
}
