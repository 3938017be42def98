package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.fbc.testkit.TestImages;
import dev.fbc.testkit.TestRegistry;
import dev.fbc.testkit.TestRegistry.Auth;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fbc render} of images in a real registry (docker-registry on loopback, images pushed with skopeo): plain
 * HTTP, htpasswd, TLS with a private CA, Bearer tokens, indexes and manifest lists, tags and digests, and the
 * failures users meet.
 */
class RegistryTest {
  @TempDir
  static Path tmp;

  static Path bundleDir;
  static Path layout;

  @BeforeAll
  static void images() {
    Prerequisites.registryTools("registry tests", TestRegistry.Auth.TOKEN, true, TestRegistry.Auth.HTPASSWD);
    bundleDir = Corpus.conformance("render-bundle").resolve("etcd-0.9.4/input/etcd-0.9.4");
    layout = TestImages.bundleImage(bundleDir, tmp.resolve("etcd-layout"), "v0.9.4");
  }

  private static String expectedFor(String ref) {
    return Run.inProcess("render", bundleDir.toString(), "--image-ref-template", ref).out();
  }

  @Test
  void plainHttpByTagAndDigestOciAndDockerFormats() throws Exception {
    try (TestRegistry reg = TestRegistry.start(tmp, Auth.NONE, false)) {
      String oci = reg.push(layout, "v0.9.4", "test/etcd-bundle:v0.9.4", false, false);
      String docker = reg.push(layout, "v0.9.4", "test/etcd-bundle:v0.9.4-docker", true, false);
      for (String ref : List.of(oci, docker)) {
        Run r = Run.inProcess("render", ref, "--use-http");
        assertThat(r.stderr()).isEmpty();
        assertThat(r.out()).isEqualTo(expectedFor(ref));
      }
      String digest = manifestDigest(reg, "test/etcd-bundle", "v0.9.4");
      String byDigest = reg.host() + "/test/etcd-bundle@" + digest;
      Run r = Run.inProcess("render", byDigest, "--use-http");
      assertThat(r.rc()).as(r.stderr()).isZero();
      assertThat(r.out()).isEqualTo(expectedFor(byDigest));

      Run unknown = Run.inProcess("render", reg.host() + "/test/etcd-bundle:v9", "--use-http");
      assertThat(unknown.rc()).isEqualTo(1);
      assertThat(unknown.stderr()).contains("manifest unknown").contains("\"v9\"");
    }
  }

  @Test
  void ociIndexAndDockerManifestListPickLinuxAmd64() {
    Path multi = TestImages.multiPlatformBundleImage(bundleDir, tmp.resolve("multi"), "multi");
    try (TestRegistry reg = TestRegistry.start(tmp, Auth.NONE, false)) {
      String index = reg.push(multi, "multi", "test/multi:index", false, true);
      String list = reg.push(multi, "multi", "test/multi:list", true, true);
      for (String ref : List.of(index, list)) {
        Run r = Run.inProcess("render", ref, "--use-http");
        assertThat(r.rc()).as(r.stderr()).isZero();
        assertThat(r.out()).isEqualTo(expectedFor(ref));
      }
    }
  }

  @Test
  void htpasswdBasicAuth() {
    try (TestRegistry reg = TestRegistry.start(tmp, Auth.HTPASSWD, false)) {
      String ref = reg.push(layout, "v0.9.4", "test/etcd-bundle:v0.9.4", false, false);
      Run ok = Run.inProcess("render", ref, "--use-http", "--authfile", reg.authFile(true).toString());
      assertThat(ok.rc()).as(ok.stderr()).isZero();
      assertThat(ok.out()).isEqualTo(expectedFor(ref));

      Run wrong = Run.inProcess("render", ref, "--use-http", "--authfile", reg.authFile(false).toString());
      assertThat(wrong.rc()).isEqualTo(1);
      assertThat(wrong.stderr()).contains("authentication failed for " + reg.host())
          .doesNotContain("wrong-password").doesNotContain(TestRegistry.PASSWORD);
      assertThat(wrong.stderr().strip().lines()).hasSize(1);

      Run none = Run.inProcess("render", ref, "--use-http", "--authfile", tmp.resolve("none.json").toString());
      assertThat(none.rc()).isEqualTo(1);
      assertThat(none.stderr()).contains("requires authentication and no credentials were found");
    }
  }

  @Test
  void tlsWithAPrivateCa() {
    try (TestRegistry reg = TestRegistry.start(tmp, Auth.NONE, true)) {
      String ref = reg.push(layout, "v0.9.4", "test/etcd-bundle:v0.9.4", false, false);
      Run ok = Run.inProcess("render", ref, "--ca-file", reg.caFile().toString());
      assertThat(ok.rc()).as(ok.stderr()).isZero();
      assertThat(ok.out()).isEqualTo(expectedFor(ref));
      Run untrusted = Run.inProcess("render", ref);
      assertThat(untrusted.rc()).isEqualTo(1);
      assertThat(untrusted.stderr()).contains("TLS failed").contains("--ca-file");
      Run skip = Run.inProcess("render", ref, "--skip-tls-verify");
      assertThat(skip.rc()).as(skip.stderr()).isZero();
      assertThat(skip.out()).isEqualTo(expectedFor(ref));
    }
  }

  @Test
  void bearerTokens() {
    try (TestRegistry reg = TestRegistry.start(tmp, Auth.TOKEN, false)) {
      String ref = reg.push(layout, "v0.9.4", "test/etcd-bundle:v0.9.4", false, false);
      Run ok = Run.inProcess("render", ref, "--use-http", "--authfile", reg.authFile(true).toString());
      assertThat(ok.rc()).as(ok.stderr()).isZero();
      assertThat(ok.out()).isEqualTo(expectedFor(ref));
      Run wrong = Run.inProcess("render", ref, "--use-http", "--authfile", reg.authFile(false).toString());
      assertThat(wrong.rc()).isEqualTo(1);
      assertThat(wrong.stderr()).contains("token service").contains("refused")
          .doesNotContain("wrong-password");
    }
  }

  @Test
  void aCatalogImageFromTheRegistry() {
    Path catalog = dev.fbc.testkit.Fixtures.minioOperatorDir(tmp.resolve("cat"));
    Path catLayout = TestImages.catalogImage(catalog, tmp.resolve("cat-layout"), "latest");
    try (TestRegistry reg = TestRegistry.start(tmp, Auth.NONE, false)) {
      String ref = reg.push(catLayout, "latest", "test/catalog:latest", false, false);
      Run r = Run.inProcess("render", ref, "--use-http", "-o", "yaml");
      assertThat(r.rc()).as(r.stderr()).isZero();
      assertThat(r.out()).isEqualTo(Run.inProcess("render", catalog.toString(), "-o", "yaml").out());
    }
  }

  @Test
  void aDockerArchiveTarball() {
    Path tar = TestRegistry.dockerArchive(layout, "v0.9.4", tmp.resolve("etcd.tar"), "example/etcd:v0.9.4");
    String ref = "docker-archive:" + tar;
    Run r = Run.inProcess("render", ref);
    assertThat(r.rc()).as(r.stderr()).isZero();
    assertThat(r.out()).isEqualTo(expectedFor(ref));
  }

  @Test
  void aBlobCorruptedOnTheWayIsRefused() throws Exception {
    try (TestRegistry reg = TestRegistry.start(tmp, Auth.NONE, false)) {
      reg.push(layout, "v0.9.4", "test/etcd-bundle:v0.9.4", false, false);
      HttpServer proxy = corruptingProxy(reg.baseUrl());
      try {
        String ref = "127.0.0.1:" + proxy.getAddress().getPort() + "/test/etcd-bundle:v0.9.4";
        Run r = Run.inProcess("render", ref, "--use-http", "--no-cache");
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.stderr()).contains("digest mismatch").contains(ref);
      } finally {
        proxy.stop(0);
      }
    }
  }

  @Test
  void theWalkthroughEndToEnd() throws Exception {
    Path minio = Path.of(System.getProperty("user.dir")).getParent().resolve("testdata/minio-operator-bundle-5.0.10");
    Path minioLayout = TestImages.bundleImage(minio, tmp.resolve("minio-layout"), "v5.0.10");
    try (TestRegistry reg = TestRegistry.start(tmp, Auth.NONE, false)) {
      String ref = reg.push(minioLayout, "v5.0.10", "minio/minio-operator-bundle:v5.0.10", false, false);
      Path catalog = tmp.resolve("walkthrough/catalog");
      Files.createDirectories(catalog);
      Path index = catalog.resolve("index.yaml");
      Run init = Run.inProcess("init", "minio-operator", "--default-channel", "preview", "-o", "yaml");
      assertThat(init.rc()).isZero();
      Files.write(index, init.stdout());
      Run render = Run.inProcess("render", ref, "--use-http", "-o", "yaml");
      assertThat(render.rc()).as(render.stderr()).isZero();
      Files.write(index, render.stdout(), java.nio.file.StandardOpenOption.APPEND);
      Files.writeString(index, "---\nschema: olm.channel\npackage: minio-operator\nname: preview\nentries:\n"
          + "  - name: minio-operator.v5.0.10\n", java.nio.file.StandardOpenOption.APPEND);
      Run validate = Run.inProcess("validate", catalog.toString());
      assertThat(validate.stderr()).isEmpty();
      assertThat(validate.rc()).isZero();
      assertThat(Files.readString(index)).contains("image: " + ref);
    }
  }

  @Test
  void pulledBlobsAreCachedByDigestAndADamagedEntryIsFetchedAgain() throws IOException {
    Path cache = tmp.resolve("cache");
    try (TestRegistry reg = TestRegistry.start(tmp, Auth.NONE, false)) {
      String ref = reg.push(layout, "v0.9.4", "test/etcd-bundle:v0.9.4", false, false);
      Run first = Run.inProcess("render", ref, "--use-http", "--cache-dir", cache.toString());
      assertThat(first.rc()).as(first.stderr()).isZero();
      List<Path> blobs;
      try (var s = Files.list(cache.resolve("blobs/sha256"))) {
        blobs = s.toList();
      }
      assertThat(blobs).hasSize(2); // the config and the one layer
      for (Path b : blobs) {
        Files.write(b, new byte[] {1, 2, 3});
      }
      Run second = Run.inProcess("render", ref, "--use-http", "--cache-dir", cache.toString());
      assertThat(second.rc()).as(second.stderr()).isZero();
      assertThat(second.out()).isEqualTo(first.out());
      assertThat(Files.size(blobs.get(0))).isGreaterThan(3);
    }
  }

  @Test
  void redirectsAreFollowedWithoutSendingCredentialsToAnotherHostAndBusyAnswersAreRetried() throws Exception {
    try (TestRegistry reg = TestRegistry.start(tmp, Auth.HTPASSWD, false)) {
      reg.push(layout, "v0.9.4", "test/etcd-bundle:v0.9.4", false, false);
      String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(
          (TestRegistry.USER + ":" + TestRegistry.PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      java.util.List<String> cdnAuth = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
      java.util.concurrent.atomic.AtomicInteger busy = new java.util.concurrent.atomic.AtomicInteger(2);
      HttpClient client = HttpClient.newHttpClient();
      // the "CDN": another host name, serving blobs with its own access to the registry
      HttpServer cdn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      cdn.createContext("/", ex -> {
        cdnAuth.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
        forward(client, reg.baseUrl() + ex.getRequestURI(), basic, ex);
      });
      cdn.start();
      HttpServer front = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      front.createContext("/", ex -> {
        String path = ex.getRequestURI().getPath();
        if (path.contains("/manifests/") && busy.getAndDecrement() > 0) {
          ex.getResponseHeaders().add("Retry-After", "0");
          ex.sendResponseHeaders(429, -1);
          ex.close();
          return;
        }
        if (path.contains("/blobs/")) {
          ex.getResponseHeaders().add("Location", "http://localhost:" + cdn.getAddress().getPort() + path);
          ex.sendResponseHeaders(307, -1);
          ex.close();
          return;
        }
        forward(client, reg.baseUrl() + ex.getRequestURI(), ex.getRequestHeaders().getFirst("Authorization"), ex);
      });
      front.start();
      try {
        String host = "127.0.0.1:" + front.getAddress().getPort();
        String ref = host + "/test/etcd-bundle:v0.9.4";
        Path auth = tmp.resolve("front-auth.json");
        Files.writeString(auth, "{\"auths\":{\"" + host + "\":{\"auth\":\"" + basic.substring(6) + "\"}}}");
        Run r = Run.inProcess("render", ref, "--use-http", "--no-cache", "--authfile", auth.toString());
        assertThat(r.rc()).as(r.stderr()).isZero();
        assertThat(r.out()).isEqualTo(expectedFor(ref));
        assertThat(busy.get()).isNegative();
        assertThat(cdnAuth).isNotEmpty().allSatisfy(h -> assertThat(h).isEqualTo("null"));
      } finally {
        front.stop(0);
        cdn.stop(0);
      }
    }
  }

  private static void forward(HttpClient client, String url, String authorization,
      com.sun.net.httpserver.HttpExchange ex) throws IOException {
    try {
      HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(url));
      String accept = ex.getRequestHeaders().getFirst("Accept");
      if (accept != null) {
        rb.header("Accept", accept);
      }
      if (authorization != null) {
        rb.header("Authorization", authorization);
      }
      HttpResponse<byte[]> r = client.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
      for (String h : List.of("Content-Type", "Docker-Content-Digest", "WWW-Authenticate")) {
        r.headers().firstValue(h).ifPresent(v -> ex.getResponseHeaders().add(h, v));
      }
      byte[] body = r.body();
      ex.sendResponseHeaders(r.statusCode(), body.length == 0 ? -1 : body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String manifestDigest(TestRegistry reg, String repo, String tag) throws Exception {
    HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(reg.baseUrl() + "/v2/"
        + repo + "/manifests/" + tag)).method("HEAD", HttpRequest.BodyPublishers.noBody())
        .header("Accept", "application/vnd.oci.image.manifest.v1+json").build(), HttpResponse.BodyHandlers.discarding());
    return r.headers().firstValue("Docker-Content-Digest").orElseThrow();
  }

  /** Forwards to the registry and flips one byte in the middle of every blob. */
  private static HttpServer corruptingProxy(String upstream) throws IOException {
    HttpClient client = HttpClient.newHttpClient();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      try {
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(upstream + ex.getRequestURI()));
        String accept = ex.getRequestHeaders().getFirst("Accept");
        if (accept != null) {
          rb.header("Accept", accept);
        }
        HttpResponse<byte[]> r = client.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
        byte[] body = r.body();
        if (ex.getRequestURI().getPath().contains("/blobs/") && body.length > 0) {
          body[body.length / 2] ^= 0x01;
        }
        r.headers().firstValue("Content-Type").ifPresent(v -> ex.getResponseHeaders().add("Content-Type", v));
        r.headers().firstValue("Docker-Content-Digest")
            .ifPresent(v -> ex.getResponseHeaders().add("Docker-Content-Digest", v));
        ex.sendResponseHeaders(r.statusCode(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    server.start();
    return server;
  }
}
