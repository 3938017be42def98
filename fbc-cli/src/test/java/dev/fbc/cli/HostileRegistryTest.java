package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.fbc.base.FbcException;
import dev.fbc.image.Descriptor;
import dev.fbc.image.Digest;
import dev.fbc.image.ImagePuller;
import dev.fbc.image.ImageReference;
import dev.fbc.image.RegistryAuth;
import dev.fbc.image.RegistryOptions;
import dev.fbc.image.RegistrySource;
import dev.fbc.testkit.TestImages;
import dev.fbc.testkit.TestImages.Entry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registries that misbehave on purpose: small HTTP servers on 127.0.0.1 built here, serving manifests, sizes,
 * redirects and bodies no real registry would. Each must end in one clear line naming the image, in bounded
 * time, touching nothing outside fbc's own directories.
 */
class HostileRegistryTest {
  private static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";

  @TempDir
  Path tmp;

  /** A fake registry: every request goes to {@code handler}; stopped by close. */
  private record Server(HttpServer http) implements AutoCloseable {
    static Server start(HttpHandler handler) throws IOException {
      HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      s.createContext("/", ex -> {
        try {
          handler.handle(ex);
        } catch (IOException | RuntimeException e) {
          // the client went away (as it should when it refuses): nothing more to send
        } finally {
          ex.close();
        }
      });
      s.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
      s.start();
      return new Server(s);
    }

    String host() {
      return "127.0.0.1:" + http.getAddress().getPort();
    }

    @Override
    public void close() {
      http.stop(0);
    }
  }

  /** An image served as a map from path suffix ({@code manifests/v1}, {@code blobs/<digest>}) to bytes. */
  private static final class Image {
    final Map<String, byte[]> content = new LinkedHashMap<>();
    final byte[] config;
    final byte[] layer;

    Image() {
      config = ("{\"config\":{\"Labels\":{\"" + TestImages.BUNDLE_PACKAGE_LABEL + "\":\"etcd\"}}}")
          .getBytes(StandardCharsets.UTF_8);
      layer = TestImages.layer(TestImages.dirEntries(etcdBundle(), ""));
    }

    /** A manifest with the given config and layer descriptors (digest text and size as given). */
    byte[] manifest(String configDigest, long configSize, String layerDigest, long layerSize) {
      return ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST_TYPE + "\",\"config\":{\"mediaType\":"
          + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":" + configSize
          + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\""
          + layerDigest + "\",\"size\":" + layerSize + "}]}").getBytes(StandardCharsets.UTF_8);
    }

    HttpHandler handler() {
      return ex -> {
        String path = ex.getRequestURI().getPath();
        for (Map.Entry<String, byte[]> e : content.entrySet()) {
          if (path.endsWith("/" + e.getKey())) {
            send(ex, 200, path.contains("/manifests/") ? MANIFEST_TYPE : "application/octet-stream", e.getValue());
            return;
          }
        }
        send(ex, 404, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
      };
    }
  }

  static Path etcdBundle() {
    return Corpus.conformance("render-bundle").resolve("etcd-0.9.4/input/etcd-0.9.4");
  }

  static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  static String digest(String algorithm, byte[] b) {
    try {
      String javaName = algorithm.equals("sha512") ? "SHA-512" : "SHA-256";
      return algorithm + ":" + HexFormat.of().formatHex(MessageDigest.getInstance(javaName).digest(b));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void oneLine(Run r) {
    assertThat(r.rc()).as(r.stderr()).isEqualTo(1);
    assertThat(r.stderr().strip().lines()).as(r.stderr()).hasSize(1);
    assertThat(r.stderr()).doesNotContain("internal error").doesNotContain("Exception").doesNotContain("java.");
  }

  @Test
  void layerDigestsThatArePathsTouchNothingOutsideTheCache() throws Exception {
    Path home = tmp.resolve("home");
    Files.createDirectories(home);
    Path victim = home.resolve("important.txt");
    Files.writeString(victim, "do not delete");
    Path cache = tmp.resolve("cache");
    List<String> hostile = List.of(victim.toAbsolutePath().toString(), "sha256:../../../home/important.txt",
        "sha256/../../../home/important.txt", "sha256:" + "../".repeat(20) + victim.toAbsolutePath());
    Image img = new Image();
    for (String bad : hostile) {
      img.content.put("manifests/layer", img.manifest(digest("sha256", img.config), img.config.length, bad, 13));
      img.content.put("manifests/config", img.manifest(bad, 13, digest("sha256", img.layer), img.layer.length));
    }
    try (Server s = Server.start(img.handler())) {
      for (String tag : List.of("layer", "config")) {
        for (String bad : hostile) {
          img.content.put("manifests/" + tag, tag.equals("layer")
              ? img.manifest(digest("sha256", img.config), img.config.length, bad, 13)
              : img.manifest(bad, 13, digest("sha256", img.layer), img.layer.length));
          String ref = s.host() + "/evil/image:" + tag;
          for (List<String> cacheFlags : List.of(List.of("--cache-dir", cache.toString()), List.of("--no-cache"))) {
            List<String> args = new ArrayList<>(List.of("render", ref, "--use-http"));
            args.addAll(cacheFlags);
            Run r = Run.inProcess(args.toArray(new String[0]));
            oneLine(r);
            assertThat(r.stderr()).as(bad).contains(ref).contains("invalid digest");
            assertThat(Files.readString(victim)).as(bad).isEqualTo("do not delete");
            try (var list = Files.list(home)) {
              assertThat(list.toList()).as(bad).containsExactly(victim);
            }
          }
        }
      }
    }
  }

  @Test
  void aSha512PinnedReferenceIsVerifiedBothWays() throws Exception {
    Image img = new Image();
    byte[] manifest = img.manifest(digest("sha256", img.config), img.config.length, digest("sha512", img.layer),
        img.layer.length);
    img.content.put("blobs/" + digest("sha256", img.config), img.config);
    img.content.put("blobs/" + digest("sha512", img.layer), img.layer);
    try (Server s = Server.start(ex -> {
      // answers every manifest request with the same bytes: only the client's check tells good from bad
      if (ex.getRequestURI().getPath().contains("/manifests/")) {
        send(ex, 200, MANIFEST_TYPE, manifest);
      } else {
        img.handler().handle(ex);
      }
    })) {
      String good = s.host() + "/pinned/bundle@" + digest("sha512", manifest);
      Run ok = Run.inProcess("render", good, "--use-http", "--no-cache");
      assertThat(ok.rc()).as(ok.stderr()).isZero();
      assertThat(ok.out()).contains("\"name\": \"etcdoperator.v0.9.4\"").contains(good);

      String bad = s.host() + "/pinned/bundle@" + digest("sha512", "other".getBytes(StandardCharsets.UTF_8));
      Run refused = Run.inProcess("render", bad, "--use-http", "--no-cache");
      oneLine(refused);
      assertThat(refused.stderr()).contains(bad).contains("digest mismatch");

      // a sha512 layer that does not match its digest is refused the same way
      img.content.put("blobs/" + digest("sha512", img.layer), TestImages.layer(List.of(Entry.file("x", "y"))));
      Run badLayer = Run.inProcess("render", good, "--use-http", "--no-cache");
      oneLine(badLayer);
      assertThat(badLayer.stderr()).contains(good).containsAnyOf("digest mismatch", "size mismatch");
    }
  }

  @Test
  void aBlobWhoseSizeDiffersFromItsDescriptorIsRefused() throws Exception {
    Image img = new Image();
    img.content.put("blobs/" + digest("sha256", img.config), img.config);
    img.content.put("blobs/" + digest("sha256", img.layer), img.layer);
    String layer = digest("sha256", img.layer);
    img.content.put("manifests/longer", img.manifest(digest("sha256", img.config), img.config.length, layer,
        img.layer.length + 1));
    img.content.put("manifests/shorter", img.manifest(digest("sha256", img.config), img.config.length, layer,
        img.layer.length - 1));
    try (Server s = Server.start(ex -> {
      if (ex.getRequestURI().getPath().contains("/blobs/") && ex.getRequestURI().getQuery() == null) {
        // no Content-Length (chunked): only counting the bytes read can notice
        byte[] b = img.content.get(ex.getRequestURI().getPath().replaceFirst(".*/blobs/", "blobs/"));
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(b);
        }
      } else {
        img.handler().handle(ex);
      }
    })) {
      for (String tag : List.of("longer", "shorter")) {
        String ref = s.host() + "/sized/bundle:" + tag;
        Run r = Run.inProcess("render", ref, "--use-http", "--no-cache");
        oneLine(r);
        assertThat(r.stderr()).as(tag).contains(ref).contains("size mismatch");
      }
    }
    try (Server s = Server.start(img.handler())) { // with Content-Length: refused before reading
      Run r = Run.inProcess("render", s.host() + "/sized/bundle:longer", "--use-http", "--no-cache");
      oneLine(r);
      assertThat(r.stderr()).contains("size mismatch");
    }
  }

  private static RegistrySource source(String ref, RegistryOptions o) {
    return new RegistrySource(ImageReference.parse(ref), o, new RegistryAuth(List.of()));
  }

  @Test
  void aTricklingOrStalledServerEndsAtTheDeadline() throws Exception {
    Image img = new Image();
    AtomicLong sent = new AtomicLong();
    try (Server s = Server.start(ex -> {
      String path = ex.getRequestURI().getPath();
      if (path.contains("/manifests/")) {
        ex.sendResponseHeaders(200, 1000); // headers at once, then nothing: a stall
        for (int i = 0; i < 300; i++) {
          sleep(100);
        }
        return;
      }
      ex.sendResponseHeaders(200, img.layer.length);
      try (OutputStream out = ex.getResponseBody()) {
        for (int i = 0; i < img.layer.length && i < 300; i++) { // one byte every 100 ms: a trickle
          out.write(img.layer[i]);
          out.flush();
          sent.incrementAndGet();
          sleep(100);
        }
      }
    })) {
      RegistryOptions o = RegistryOptions.builder().useHttp(true).timeout(Duration.ofSeconds(1))
          .blobTimeout(Duration.ofSeconds(1)).retries(0).build();
      String ref = s.host() + "/slow/bundle:v1";
      Descriptor layer = new Descriptor(Digest.parse(digest("sha256", img.layer), "test"), img.layer.length, "");
      try (RegistrySource src = source(ref, o)) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(
            () -> src.blob(layer, tmp.resolve("w/layer"))).isInstanceOf(FbcException.class)
            .hasMessageStartingWith(ref + ": blob " + layer.digest()).hasMessageContaining("did not complete within 1s"));
        assertThat(sent.get()).isLessThan(img.layer.length);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(() -> src.manifest("v1"))
            .isInstanceOf(FbcException.class).hasMessageStartingWith(ref + ": manifest v1")
            .hasMessageContaining("did not complete within 1s"));
      }
      assertThat(Files.exists(tmp.resolve("w/layer"))).isFalse();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aHugeManifestIsRefusedWithoutReadingItAll() throws Exception {
    AtomicLong sent = new AtomicLong();
    long endless = 1_500_000_000L;
    try (Server s = Server.start(ex -> {
      boolean declared = ex.getRequestURI().getPath().endsWith("/declared");
      ex.getResponseHeaders().add("Content-Type", MANIFEST_TYPE);
      ex.sendResponseHeaders(200, declared ? endless : 0);
      byte[] chunk = new byte[64 * 1024];
      java.util.Arrays.fill(chunk, (byte) ' ');
      try (OutputStream out = ex.getResponseBody()) {
        for (long n = 0; n < endless; n += chunk.length) { // stops when the client hangs up
          out.write(chunk);
          sent.addAndGet(chunk.length);
        }
      }
    })) {
      for (String tag : List.of("chunked", "declared")) {
        sent.set(0);
        String ref = s.host() + "/huge/manifest:" + tag;
        Run r = assertTimeoutPreemptively(Duration.ofSeconds(60),
            () -> Run.inProcess("render", ref, "--use-http", "--no-cache"));
        oneLine(r);
        assertThat(r.stderr()).as(tag).contains(ref).contains("larger than the limit of 4194304 bytes");
        assertThat(sent.get()).as(tag).isLessThan(256L << 20);
      }
    }
  }

  @Test
  void aRedirectToAnotherPortCarriesNoCredentials() throws Exception {
    Image img = new Image();
    img.content.put("blobs/" + digest("sha256", img.config), img.config);
    img.content.put("blobs/" + digest("sha256", img.layer), img.layer);
    img.content.put("manifests/v1", img.manifest(digest("sha256", img.config), img.config.length,
        digest("sha256", img.layer), img.layer.length));
    String basic = "Basic " + Base64.getEncoder().encodeToString("u:pw-s3cret".getBytes(StandardCharsets.UTF_8));
    List<String> registrySaw = Collections.synchronizedList(new ArrayList<>());
    List<String> otherPortSaw = Collections.synchronizedList(new ArrayList<>());
    try (Server other = Server.start(ex -> {
      otherPortSaw.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
      img.handler().handle(ex);
    }); Server reg = Server.start(ex -> {
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      registrySaw.add(String.valueOf(auth));
      if (!basic.equals(auth)) {
        ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
        send(ex, 401, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
      } else if (ex.getRequestURI().getPath().contains("/blobs/")) {
        // the same host, another port: another origin
        ex.getResponseHeaders().add("Location", "http://127.0.0.1:" + other.http().getAddress().getPort()
            + ex.getRequestURI().getPath());
        ex.sendResponseHeaders(307, -1);
      } else {
        img.handler().handle(ex);
      }
    })) {
      Path auth = tmp.resolve("auth.json");
      Files.writeString(auth, "{\"auths\":{\"" + reg.host() + "\":{\"auth\":\"" + basic.substring(6) + "\"}}}");
      String ref = reg.host() + "/creds/bundle:v1";
      Run r = Run.inProcess("render", ref, "--use-http", "--no-cache", "--authfile", auth.toString());
      assertThat(r.rc()).as(r.stderr()).isZero();
      assertThat(r.out()).contains("etcdoperator.v0.9.4");
      assertThat(registrySaw).contains(basic);
      assertThat(otherPortSaw).hasSize(2).allSatisfy(h -> assertThat(h).isEqualTo("null"));
    }
  }

  @Test
  void aRedirectToAFileIsRefusedInOneLine() throws Exception {
    Image img = new Image();
    img.content.put("manifests/v1", img.manifest(digest("sha256", img.config), img.config.length,
        digest("sha256", img.layer), img.layer.length));
    try (Server s = Server.start(ex -> {
      if (ex.getRequestURI().getPath().contains("/blobs/")) {
        ex.getResponseHeaders().add("Location", "file:///etc/passwd");
        ex.sendResponseHeaders(302, -1);
      } else {
        img.handler().handle(ex);
      }
    })) {
      String ref = s.host() + "/redirect/bundle:v1";
      Run r = Run.inProcess("render", ref, "--use-http", "--no-cache");
      oneLine(r);
      assertThat(r.stderr()).contains(ref).contains("redirected to a file: address")
          .contains("only http and https");
    }
  }

  @Test
  void credentialsGoToAPlainHttpTokenServiceOnlyOnTheRegistrysOwnHost() throws Exception {
    Image img = new Image();
    img.content.put("blobs/" + digest("sha256", img.config), img.config);
    img.content.put("blobs/" + digest("sha256", img.layer), img.layer);
    img.content.put("manifests/v1", img.manifest(digest("sha256", img.config), img.config.length,
        digest("sha256", img.layer), img.layer.length));
    String basic = "Basic " + Base64.getEncoder().encodeToString("u:pw-s3cret".getBytes(StandardCharsets.UTF_8));
    List<String> tokenSaw = Collections.synchronizedList(new ArrayList<>());
    try (Server tokens = Server.start(ex -> {
      String auth = String.valueOf(ex.getRequestHeaders().getFirst("Authorization"));
      tokenSaw.add(auth);
      if (basic.equals(auth)) {
        send(ex, 200, "application/json", "{\"token\":\"tok-1\"}".getBytes(StandardCharsets.UTF_8));
      } else {
        send(ex, 401, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
      }
    })) {
      int tokenPort = tokens.http().getAddress().getPort();
      java.util.concurrent.atomic.AtomicReference<String> realmHost = new java.util.concurrent.atomic.AtomicReference<>();
      try (Server reg = Server.start(ex -> {
        if (!"Bearer tok-1".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
          ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + realmHost.get() + ":" + tokenPort
              + "/token\",service=\"test\"");
          send(ex, 401, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        } else {
          img.handler().handle(ex);
        }
      })) {
        Path auth = tmp.resolve("auth.json");
        Files.writeString(auth, "{\"auths\":{\"" + reg.host() + "\":{\"auth\":\"" + basic.substring(6) + "\"}}}");
        String ref = reg.host() + "/token/bundle:v1";
        // a realm on another host over plain http: the credentials stay home
        realmHost.set("localhost");
        Run withheld = Run.inProcess("render", ref, "--use-http", "--no-cache", "--authfile", auth.toString());
        oneLine(withheld);
        assertThat(withheld.stderr()).contains(ref).contains("credentials were not sent")
            .doesNotContain("s3cret");
        assertThat(tokenSaw).isNotEmpty().allSatisfy(h -> assertThat(h).isEqualTo("null"));
        // the registry's own host, and --use-http given for it: sent
        tokenSaw.clear();
        realmHost.set("127.0.0.1");
        Run ok = Run.inProcess("render", ref, "--use-http", "--no-cache", "--authfile", auth.toString());
        assertThat(ok.rc()).as(ok.stderr()).isZero();
        assertThat(tokenSaw).contains(basic);
      }
    }
  }
}
