package dev.fbc.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A real registry for tests: Debian's {@code docker-registry} (CNCF distribution) on 127.0.0.1 and a free port,
 * plain or TLS (self-signed, CA file provided), open, with htpasswd Basic auth, or with Bearer tokens from
 * {@link TokenServer}. Images are pushed with {@code skopeo} from OCI layouts ({@link TestImages}).
 *
 * <pre>{@code
 * try (TestRegistry reg = TestRegistry.start(tmp, TestRegistry.Auth.HTPASSWD, true)) {
 *   reg.push(layout, "v1", "test/bundle:v1", false, false);
 *   // fbc render 127.0.0.1:<port>/test/bundle:v1 --ca-file reg.caFile() --authfile reg.authFile()
 * }
 * }</pre>
 */
public final class TestRegistry implements AutoCloseable {
  public static final String USER = "fbc-user";
  public static final String PASSWORD = "fbc-Secr3t-pw";

  public enum Auth { NONE, HTPASSWD, TOKEN }

  private final Path dir;
  private final int port;
  private final boolean tls;
  private final Auth auth;
  private final Process process;
  private final TokenServer tokens;
  private final Path policy;

  private TestRegistry(Path dir, int port, boolean tls, Auth auth, Process process, TokenServer tokens,
      Path policy) {
    this.dir = dir;
    this.port = port;
    this.tls = tls;
    this.auth = auth;
    this.process = process;
    this.tokens = tokens;
    this.policy = policy;
  }

  /** The programs this needs, missing from PATH (empty when all are there). */
  public static List<String> missingTools(Auth auth, boolean tls) {
    List<String> missing = new ArrayList<>();
    List<String> needed = new ArrayList<>(List.of("docker-registry", "skopeo"));
    if (auth == Auth.HTPASSWD) {
      needed.add("htpasswd");
    }
    if (tls || auth == Auth.TOKEN) {
      needed.add("openssl");
    }
    for (String tool : needed) {
      if (!onPath(tool)) {
        missing.add(tool);
      }
    }
    return missing;
  }

  private static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static void run(Path cwd, String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", cmd[0]) + " failed: " + out.strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static TestRegistry start(Path workDir, Auth auth, boolean tls) {
    try {
      Path dir = Files.createTempDirectory(workDir, "registry");
      int port = freePort();
      StringBuilder cfg = new StringBuilder();
      cfg.append("version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\n");
      cfg.append("storage:\n  filesystem:\n    rootdirectory: ").append(dir.resolve("data"))
          .append("\n  delete:\n    enabled: true\n");
      cfg.append("http:\n  addr: 127.0.0.1:").append(port).append("\n  headers:\n    X-Content-Type-Options: [nosniff]\n");
      if (tls) {
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "tls.key", "-out", "tls.crt",
            "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        cfg.append("  tls:\n    certificate: ").append(dir.resolve("tls.crt")).append("\n    key: ")
            .append(dir.resolve("tls.key")).append('\n');
      }
      TokenServer tokens = null;
      if (auth == Auth.HTPASSWD) {
        Process p = new ProcessBuilder("htpasswd", "-Bbn", USER, PASSWORD).start();
        byte[] line = p.getInputStream().readAllBytes();
        p.waitFor(30, TimeUnit.SECONDS);
        Files.write(dir.resolve("htpasswd"), line);
        cfg.append("auth:\n  htpasswd:\n    realm: basic-realm\n    path: ").append(dir.resolve("htpasswd"))
            .append('\n');
      } else if (auth == Auth.TOKEN) {
        tokens = TokenServer.start(dir, USER, PASSWORD, "test-registry", "test-issuer");
        cfg.append("auth:\n  token:\n    realm: \"").append(tokens.realm()).append("\"\n    service: test-registry\n")
            .append("    issuer: test-issuer\n    rootcertbundle: ").append(tokens.certificate()).append('\n');
      }
      Files.writeString(dir.resolve("config.yml"), cfg);
      Path policy = dir.resolve("policy.json");
      Files.writeString(policy, "{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}");
      TestRegistry reg = new TestRegistry(dir, port, tls, auth, serve(dir), tokens, policy);
      reg.awaitReady();
      return reg;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** docker-registry serving {@code dir}'s configuration, its output added to {@code dir/registry.log}. */
  private static Process serve(Path dir) throws IOException {
    return new ProcessBuilder("docker-registry", "serve", dir.resolve("config.yml").toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("registry.log").toFile())).start();
  }

  /**
   * Kills the registry at once (SIGKILL: no clean shutdown, as a crash or a pulled plug), leaving its storage for
   * {@link #restart()}.
   */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("docker-registry did not exit after SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A registry on this one's storage, configuration and port, after this one was killed or closed (closed here
   * if it still runs): what was stored survives, what was in flight does not.
   */
  public TestRegistry restart() {
    if (tokens != null) {
      // the token server belongs to the first instance and is closed with it
      throw new IllegalStateException("restart() of a registry with token auth is not supported");
    }
    close();
    try {
      TestRegistry reg = new TestRegistry(dir, port, tls, auth, serve(dir), null, policy);
      reg.awaitReady();
      return reg;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitReady() throws IOException, InterruptedException {
    HttpClient client = trustingClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
      }
      try {
        client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/v2/")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("docker-registry did not answer on " + host());
  }

  static HttpClient trustingClient() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] c, String a) {}

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      }}, null);
      return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(2)).build();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public String host() {
    return "127.0.0.1:" + port;
  }

  public String baseUrl() {
    return (tls ? "https://" : "http://") + host();
  }

  /** The self-signed certificate of a TLS registry (its own CA), for {@code --ca-file}. */
  public Path caFile() {
    return dir.resolve("tls.crt");
  }

  /** A Docker config.json with this registry's credentials (wrong ones if {@code correct} is false). */
  public Path authFile(boolean correct) {
    try {
      String creds = Base64.getEncoder().encodeToString((USER + ":" + (correct ? PASSWORD : "wrong-password"))
          .getBytes(StandardCharsets.UTF_8));
      Path f = dir.resolve(correct ? "auth.json" : "auth-wrong.json");
      Files.writeString(f, "{\"auths\":{\"" + host() + "\":{\"auth\":\"" + creds + "\"}}}");
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Pushes {@code oci:layout:tag} to {@code repoTag} (e.g. {@code test/bundle:v1}); {@code docker} writes Docker
   * schema 2 media types, {@code all} copies every image of an index.
   */
  public String push(Path layout, String tag, String repoTag, boolean docker, boolean all) {
    List<String> cmd = new ArrayList<>(List.of("skopeo", "--policy", policy.toString(), "copy", "-q",
        "--dest-tls-verify=false"));
    if (auth != Auth.NONE) {
      cmd.add("--dest-creds");
      cmd.add(USER + ":" + PASSWORD);
    }
    if (docker) {
      cmd.add("--format");
      cmd.add("v2s2");
    }
    if (all) {
      cmd.add("--all");
    }
    cmd.add("oci:" + layout + ":" + tag);
    cmd.add("docker://" + host() + "/" + repoTag);
    run(dir, cmd.toArray(new String[0]));
    return host() + "/" + repoTag;
  }

  /**
   * {@code skopeo inspect --raw REF}: a manifest's exact bytes as a registry (or an {@code oci:} layout) serves
   * them, or empty when skopeo finds no such image. {@code creds} is {@code user:password} for a registry with
   * auth; TLS is not verified for {@code docker://} references (test registries on loopback).
   */
  public static java.util.Optional<byte[]> rawManifest(String ref, java.util.Optional<String> creds) {
    List<String> cmd = new ArrayList<>(List.of("skopeo", "inspect", "--raw", "--retry-times", "0"));
    if (ref.startsWith("docker://")) {
      cmd.add("--tls-verify=false");
    }
    creds.ifPresent(c -> {
      cmd.add("--creds");
      cmd.add(c);
    });
    cmd.add(ref);
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("skopeo inspect did not finish: " + ref);
      }
      return p.exitValue() == 0 ? java.util.Optional.of(out) : java.util.Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code oci:layout:tag} as a docker-archive tarball with skopeo. */
  public static Path dockerArchive(Path layout, String tag, Path tarball, String name) {
    Path policy = null;
    try {
      policy = Files.createTempFile("policy", ".json");
      Files.writeString(policy, "{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}");
      run(layout.getParent(), "skopeo", "--policy", policy.toString(), "copy", "-q", "oci:" + layout + ":" + tag,
          "docker-archive:" + tarball + ":" + name);
      return tarball;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      // a failed copy must not leave the policy file behind either
      if (policy != null) {
        try {
          Files.deleteIfExists(policy);
        } catch (IOException e) {
          // best effort: the copy's own outcome is what the caller needs
        }
      }
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (tokens != null) {
      tokens.close();
    }
  }
}
