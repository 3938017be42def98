package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fbc.image.Descriptor;
import dev.fbc.image.Digest;
import dev.fbc.image.PushListener;
import dev.fbc.image.RegistryOptions;
import dev.fbc.mirror.Mirror;
import dev.fbc.mirror.Mirror.Copy;
import dev.fbc.mirror.Mirror.ImageResult;
import dev.fbc.mirror.Mirror.Outcome;
import dev.fbc.testkit.TestImages;
import dev.fbc.testkit.TestImages.Entry;
import dev.fbc.testkit.TestRegistry;
import dev.fbc.testkit.TestRegistry.Auth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Mirror} between two real registries on loopback: a source (open, plain HTTP) seeded with skopeo with two
 * bundle images, a related image under two names and a multi-arch index, and an empty destination with htpasswd
 * auth (credentials on the destination side only). Digests are checked with {@code skopeo inspect --raw}.
 */
class MirrorCopyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path tmp;

  static Path bundleA;
  static Path bundleB;
  static Path related;
  static Path multi;

  @BeforeAll
  static void images() throws IOException {
    Prerequisites.registryTools("mirror tests", TestRegistry.Auth.HTPASSWD, false);
    bundleA = TestImages.bundleImage(bundleDir("a", "1.0.0"), tmp.resolve("layout-a"), "v1");
    bundleB = TestImages.bundleImage(bundleDir("b", "2.0.0"), tmp.resolve("layout-b"), "v2");
    related = TestImages.image(tmp.resolve("layout-related"), "v1", Map.of("purpose", "operand"),
        List.of(List.of(Entry.file("bin/operand", "#!/bin/sh\necho operand\n")),
            List.of(Entry.file("etc/operand.conf", "level=info\n"))), "linux", "amd64");
    multi = TestImages.multiPlatformBundleImage(bundleDir("m", "3.0.0"), tmp.resolve("layout-multi"), "v1");
  }

  private static Path bundleDir(String name, String version) throws IOException {
    return TestImages.bundleDir(tmp, name, version);
  }

  /** Seeds the source; returns the copies to make into {@code dst} under {@code prefix}. */
  private static List<Copy> seed(TestRegistry src, TestRegistry dst, String prefix) {
    src.push(bundleA, "v1", "test/bundle-a:v1", false, false);
    src.push(bundleB, "v2", "test/bundle-b:v2", true, false);
    src.push(related, "v1", "test/related:v1", false, false);
    src.push(related, "v1", "test/related-ubi:v1", false, false);
    src.push(multi, "v1", "test/multi:v1", false, true);
    String s = src.host() + "/test/";
    String d = dst.host() + "/" + prefix + "/test/";
    Digest ubi = Digest.sha256(raw("docker://" + s + "related-ubi:v1", Optional.empty()).orElseThrow());
    return List.of(new Copy(s + "bundle-a:v1", "docker://" + d + "bundle-a:v1"),
        new Copy("docker://" + s + "bundle-b:v2", d + "bundle-b:v2"),
        new Copy(s + "related:v1", d + "related:v1"),
        // pinned by digest on both sides: no tag at the destination
        new Copy(s + "related-ubi@" + ubi, d + "related-ubi@" + ubi),
        new Copy(s + "multi:v1", d + "multi:v1"));
  }

  private static Mirror.Options.Builder options(TestRegistry dst) {
    return Mirror.Options.builder().environment(Map.of()).workDir(tmp.resolve("work"))
        .source(RegistryOptions.builder().useHttp(true).build())
        .destination(RegistryOptions.builder().useHttp(true).authFile(dst.authFile(true)).build());
  }

  /** Every blob event of a run, and the images started, for assertions. */
  static class Recorder implements Mirror.Listener {
    final Queue<PushListener.Outcome> blobs = new ConcurrentLinkedQueue<>();
    final Queue<Copy> started = new ConcurrentLinkedQueue<>();
    final Queue<ImageResult> done = new ConcurrentLinkedQueue<>();
    final Queue<ImageResult> failed = new ConcurrentLinkedQueue<>();

    @Override
    public void imageStarted(Copy copy) {
      started.add(copy);
    }

    @Override
    public void blob(Copy copy, Descriptor blob, PushListener.Outcome outcome) {
      blobs.add(outcome);
    }

    @Override
    public void imageDone(ImageResult result) {
      done.add(result);
    }

    @Override
    public void imageFailed(ImageResult result) {
      failed.add(result);
    }
  }

  @Test
  void copiesEverythingByDigestThenNothingOnRerun() throws Exception {
    try (TestRegistry src = TestRegistry.start(tmp, Auth.NONE, false);
        TestRegistry dst = TestRegistry.start(tmp, Auth.HTPASSWD, false)) {
      List<Copy> copies = seed(src, dst, "mirror");
      Recorder first = new Recorder();
      // one at a time, so the second name of the related image is copied after the first and can be mounted
      Mirror.Report report = new Mirror(options(dst).parallel(1).build()).run(copies, first);
      assertThat(report.failed()).isEmpty();
      assertThat(report.images()).extracting(ImageResult::outcome).containsOnly(Outcome.COPIED);
      assertThat(first.started).hasSize(copies.size());
      assertThat(first.done).hasSize(copies.size());
      assertThat(first.blobs).contains(PushListener.Outcome.UPLOADED, PushListener.Outcome.MOUNTED);
      assertSameImages(copies, report);
      // the index came whole: both platforms' manifests are in the destination repository
      String multiDst = copies.get(4).destination();
      for (JsonNode m : JSON.readTree(raw("docker://" + multiDst, creds(dst)).orElseThrow()).path("manifests")) {
        String child = multiDst.substring(0, multiDst.lastIndexOf(':')) + "@" + m.path("digest").asText();
        assertThat(raw("docker://" + child, creds(dst))).as(child).isPresent();
      }

      Recorder second = new Recorder();
      Mirror.Report again = new Mirror(options(dst).build()).run(copies, second);
      assertThat(again.images()).extracting(ImageResult::outcome).containsOnly(Outcome.ALREADY_PRESENT);
      assertThat(second.blobs).as("no blob is even looked at on a rerun").isEmpty();
      assertThat(again.images()).extracting(ImageResult::digest).isEqualTo(report.images().stream()
          .map(ImageResult::digest).toList());

      // the image is there by digest, a new tag is not: only the tag is written
      Recorder retag = new Recorder();
      String extra = copies.get(0).destination().replace(":v1", ":extra");
      Mirror.Report tagged = new Mirror(options(dst).build()).run(List.of(new Copy(copies.get(0).source(), extra)),
          retag);
      assertThat(tagged.images()).extracting(ImageResult::outcome).containsExactly(Outcome.COPIED);
      assertThat(retag.blobs).isEmpty();
      assertThat(raw(docker(extra), creds(dst)).orElseThrow())
          .isEqualTo(raw(docker(copies.get(0).destination()), creds(dst)).orElseThrow());
    }
  }

  @Test
  void copiesIntoOneRepositoryRunOneAfterAnotherOnOneThread() throws Exception {
    try (TestRegistry src = TestRegistry.start(tmp, Auth.NONE, false);
        TestRegistry dst = TestRegistry.start(tmp, Auth.HTPASSWD, false)) {
      List<Copy> seeded = seed(src, dst, "serial");
      String shared = dst.host() + "/serial/shared";
      List<Copy> copies = List.of(new Copy(seeded.get(0).source(), shared + ":a"),
          new Copy(seeded.get(1).source(), dst.host() + "/serial/other:b"),
          new Copy(seeded.get(2).source(), shared + ":c"),
          new Copy(seeded.get(4).source(), shared + ":d"));
      Queue<String> events = new ConcurrentLinkedQueue<>();
      Map<String, String> threadOf = new java.util.concurrent.ConcurrentHashMap<>();
      Mirror.Listener rec = new Mirror.Listener() {
        @Override
        public void imageStarted(Copy copy) {
          threadOf.put(copy.destination(), Thread.currentThread().getName());
          events.add("start " + copy.destination());
        }

        @Override
        public void imageDone(ImageResult result) {
          events.add("done " + result.copy().destination());
        }
      };
      Mirror.Report report = new Mirror(options(dst).parallel(4).build()).run(copies, rec);
      assertThat(report.failed()).isEmpty();
      assertThat(report.images()).extracting(r -> r.copy().destination())
          .containsExactlyElementsOf(copies.stream().map(Copy::destination).toList());
      // the shared repository's copies never overlap: each starts after the one before it is done
      List<String> sharedEvents = events.stream().filter(e -> e.contains("/serial/shared:")).toList();
      assertThat(sharedEvents).containsExactly("start " + shared + ":a", "done " + shared + ":a",
          "start " + shared + ":c", "done " + shared + ":c", "start " + shared + ":d", "done " + shared + ":d");
      // and they ran as one task, so they held one thread of the pool, not three
      assertThat(java.util.stream.Stream.of("a", "c", "d").map(t -> threadOf.get(shared + ":" + t)).distinct())
          .hasSize(1);
      assertSameImages(copies, report);
    }
  }

  @Test
  void credentialsOnTheDestinationOnlyAreNeededThere() throws Exception {
    try (TestRegistry src = TestRegistry.start(tmp, Auth.NONE, false);
        TestRegistry dst = TestRegistry.start(tmp, Auth.HTPASSWD, false)) {
      List<Copy> copies = seed(src, dst, "noauth").subList(0, 1);
      Mirror.Report report = new Mirror(options(dst).destination(RegistryOptions.builder().useHttp(true).build())
          .build()).run(copies, Mirror.Listener.NONE);
      assertThat(report.failed()).singleElement().satisfies(r -> {
        assertThat(r.reason().orElseThrow()).contains(dst.host()).contains("authentication").doesNotContain("\n")
            .doesNotContain(TestRegistry.PASSWORD);
        assertThat(r.digest()).isEmpty();
      });
    }
  }

  @Test
  void sourceKilledMidRunLeavesNoPartialTagsAndARerunCompletes() throws Exception {
    Path work = Files.createTempDirectory(tmp, "kill");
    TestRegistry src = TestRegistry.start(work, Auth.NONE, false);
    try (TestRegistry dst = TestRegistry.start(tmp, Auth.HTPASSWD, false)) {
      List<Copy> copies = seed(src, dst, "killed");
      TestRegistry dying = src;
      AtomicBoolean killed = new AtomicBoolean();
      Recorder rec = new Recorder() {
        @Override
        public void blob(Copy copy, Descriptor blob, PushListener.Outcome outcome) {
          super.blob(copy, blob, outcome);
          // the second image has one blob at its destination and more to come when its source goes away
          if (copy.equals(copies.get(1)) && killed.compareAndSet(false, true)) {
            dying.close();
          }
        }
      };
      Mirror.Report report = new Mirror(options(dst).parallel(1).build()).run(copies, rec);
      assertThat(killed).isTrue();
      assertThat(report.images().get(0).outcome()).isEqualTo(Outcome.COPIED);
      assertThat(report.failed()).hasSize(copies.size() - 1).allSatisfy(r -> {
        assertThat(r.reason().orElseThrow()).isNotBlank().doesNotContain("\n").contains(dying.host());
        assertThat(raw(docker(r.copy().destination()), creds(dst))).as("no tag on a partial image")
            .isEmpty();
      });
      assertThat(rec.failed).hasSize(copies.size() - 1);

      src = src.restart();
      Mirror.Report rerun = new Mirror(options(dst).build()).run(copies, Mirror.Listener.NONE);
      assertThat(rerun.failed()).isEmpty();
      assertThat(rerun.images().get(0).outcome()).isEqualTo(Outcome.ALREADY_PRESENT);
      assertThat(rerun.images().subList(1, copies.size())).extracting(ImageResult::outcome)
          .containsOnly(Outcome.COPIED);
      assertSameImages(copies, rerun);
    } finally {
      src.close();
    }
  }

  @Test
  void mirrorToDiskThenFromDiskGivesTheDigestsOfADirectCopy() throws Exception {
    Path disk = tmp.resolve("disk");
    try (TestRegistry dst = TestRegistry.start(tmp, Auth.HTPASSWD, false)) {
      List<Copy> direct;
      List<Copy> toDisk = new ArrayList<>();
      Mirror.Report directReport;
      try (TestRegistry src = TestRegistry.start(tmp, Auth.NONE, false)) {
        direct = seed(src, dst, "direct");
        directReport = new Mirror(options(dst).build()).run(direct, Mirror.Listener.NONE);
        assertThat(directReport.failed()).isEmpty();
        for (Copy c : direct) {
          toDisk.add(new Copy(c.source(), "oci:" + disk));
        }
        Mirror.Report stored = new Mirror(options(dst).build()).run(toDisk, Mirror.Listener.NONE);
        assertThat(stored.failed()).isEmpty();
        assertThat(stored.images()).extracting(ImageResult::digest)
            .isEqualTo(directReport.images().stream().map(ImageResult::digest).toList());
        // skopeo finds each image in the layout by its source reference
        String key = direct.get(0).source();
        assertThat(raw("oci:" + disk + ":" + key, Optional.empty()).orElseThrow())
            .isEqualTo(raw("docker://" + key, Optional.empty()).orElseThrow());
      }
      // the source registry is gone: the second step reads only the directory
      List<Copy> fromDisk = direct.stream().map(c -> new Copy(c.source(),
          c.destination().replace("/direct/", "/fromdisk/"))).toList();
      Recorder rec = new Recorder();
      Mirror.Report report = new Mirror(options(dst).from(disk).build()).run(fromDisk, rec);
      assertThat(report.failed()).isEmpty();
      assertThat(report.images()).extracting(ImageResult::outcome).containsOnly(Outcome.COPIED);
      assertThat(report.images()).extracting(ImageResult::digest)
          .isEqualTo(directReport.images().stream().map(ImageResult::digest).toList());
      for (int i = 0; i < direct.size(); i++) {
        assertThat(raw(docker(fromDisk.get(i).destination()), creds(dst)).orElseThrow())
            .isEqualTo(raw(docker(direct.get(i).destination()), creds(dst)).orElseThrow());
      }
      assertThat(rec.blobs).contains(PushListener.Outcome.UPLOADED);
      Mirror.Report again = new Mirror(options(dst).from(disk).build()).run(fromDisk, Mirror.Listener.NONE);
      assertThat(again.images()).extracting(ImageResult::outcome).containsOnly(Outcome.ALREADY_PRESENT);

      Mirror.Report unknown = new Mirror(options(dst).from(disk).build()).run(List.of(new Copy(
          "quay.io/not/stored:v1", dst.host() + "/fromdisk/not/stored:v1")), Mirror.Listener.NONE);
      assertThat(unknown.failed()).singleElement().extracting(ImageResult::reason).asString()
          .contains("no image named \"quay.io/not/stored:v1\"").doesNotContain("\n");
    }
  }

  @Test
  void platformFilterCopiesOnlyThatManifest() throws Exception {
    try (TestRegistry src = TestRegistry.start(tmp, Auth.NONE, false);
        TestRegistry dst = TestRegistry.start(tmp, Auth.HTPASSWD, false)) {
      Copy multiCopy = seed(src, dst, "arm").get(4);
      JsonNode index = JSON.readTree(raw("docker://" + multiCopy.source(), Optional.empty()).orElseThrow());
      String arm = "";
      String amd = "";
      for (JsonNode m : index.path("manifests")) {
        if (m.path("platform").path("architecture").asText().equals("arm64")) {
          arm = m.path("digest").asText();
        } else {
          amd = m.path("digest").asText();
        }
      }
      String srcRepo = multiCopy.source().substring(0, multiCopy.source().lastIndexOf(':'));
      byte[] armManifest = raw("docker://" + srcRepo + "@" + arm, Optional.empty()).orElseThrow();

      Mirror.Report report = new Mirror(options(dst).platform("linux/arm64").build()).run(List.of(multiCopy),
          Mirror.Listener.NONE);
      assertThat(report.failed()).isEmpty();
      assertThat(report.images().get(0).digest()).contains(Digest.parse(arm, "test"));
      assertThat(raw("docker://" + multiCopy.destination(), creds(dst)).orElseThrow()).isEqualTo(armManifest);
      String dstRepo = multiCopy.destination().substring(0, multiCopy.destination().lastIndexOf(':'));
      assertThat(raw("docker://" + dstRepo + "@" + amd, creds(dst))).as("the other platform stays behind")
          .isEmpty();

      Mirror.Report missing = new Mirror(options(dst).platform("linux/s390x").build())
          .run(List.of(new Copy(multiCopy.source(), dstRepo + "-s390x:v1")), Mirror.Listener.NONE);
      assertThat(missing.failed()).singleElement().extracting(ImageResult::reason).asString()
          .contains("linux/s390x").contains("linux/amd64").contains("linux/arm64");
    }
  }

  @Test
  void aCorruptBlobOrABadReferenceFailsThatImageOnly() throws Exception {
    Path corrupt = tmp.resolve("corrupt-layout");
    try (var files = Files.walk(related)) {
      for (Path p : files.toList()) {
        Files.copy(p, corrupt.resolve(related.relativize(p).toString()));
      }
    }
    JsonNode index = JSON.readTree(corrupt.resolve("index.json").toFile());
    String manifest = index.path("manifests").get(0).path("digest").asText();
    JsonNode m = JSON.readTree(corrupt.resolve("blobs/sha256/" + manifest.substring(7)).toFile());
    Path layer = corrupt.resolve("blobs/sha256/" + m.path("layers").get(0).path("digest").asText().substring(7));
    byte[] bytes = Files.readAllBytes(layer);
    bytes[bytes.length / 2] ^= 0x5a; // same size, other content
    Files.write(layer, bytes);
    try (TestRegistry dst = TestRegistry.start(tmp, Auth.HTPASSWD, false)) {
      String d = dst.host() + "/bad/";
      List<Copy> copies = List.of(new Copy("oci:" + corrupt + ":v1", d + "corrupt:v1"),
          new Copy("oci:" + bundleA + ":v1", d + "bundle-a:v1"),
          new Copy("oci:" + bundleA + ":v1", d + "Not A Reference"));
      Mirror.Report report = new Mirror(options(dst).build()).run(copies, Mirror.Listener.NONE);
      assertThat(report.images()).extracting(ImageResult::outcome)
          .containsExactly(Outcome.FAILED, Outcome.COPIED, Outcome.FAILED);
      assertThat(report.images().get(0).reason().orElseThrow()).contains("digest mismatch").doesNotContain("\n");
      assertThat(report.images().get(2).reason().orElseThrow()).contains("invalid image reference").doesNotContain("\n");
      assertThat(raw(docker(d + "corrupt:v1"), creds(dst))).as("no tag on the corrupt image").isEmpty();
      assertThat(raw(docker(d + "bundle-a:v1"), creds(dst)).orElseThrow())
          .isEqualTo(Files.readAllBytes(bundleA.resolve("blobs/sha256/" + JSON.readTree(bundleA
              .resolve("index.json").toFile()).path("manifests").get(0).path("digest").asText().substring(7))));
    }
  }

  /** Each destination holds byte for byte what its source holds, and the report names that digest. */
  private static void assertSameImages(List<Copy> copies, Mirror.Report report) {
    for (int i = 0; i < copies.size(); i++) {
      Copy c = copies.get(i);
      String srcRef = docker(c.source());
      String dstRef = docker(c.destination());
      byte[] source = raw(srcRef, Optional.empty()).orElseThrow();
      Optional<String> creds = Optional.of(TestRegistry.USER + ":" + TestRegistry.PASSWORD);
      assertThat(raw(dstRef, creds)).as(dstRef).hasValue(source);
      assertThat(report.images().get(i).digest()).contains(Digest.sha256(source));
    }
  }

  /** A reference as skopeo reads it, with its transport. */
  private static String docker(String ref) {
    return ref.startsWith("docker://") ? ref : "docker://" + ref;
  }

  private static Optional<String> creds(TestRegistry dst) {
    return Optional.of(TestRegistry.USER + ":" + TestRegistry.PASSWORD);
  }

  /** {@code skopeo inspect --raw}: the manifest's exact bytes, or empty if skopeo finds no such image. */
  private static Optional<byte[]> raw(String ref, Optional<String> creds) {
    return TestRegistry.rawManifest(ref, creds);
  }
}
