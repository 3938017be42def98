package dev.fbc.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fbc.FbcException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A client of the OCI distribution API on {@code java.net.http}: manifests with every Accept type, blobs
 * streamed to disk and verified, Basic and Bearer token auth, redirects followed by hand (credentials never go to
 * another host), retries with backoff on 429 and 5xx.
 */
public final class RegistrySource implements ImageSource {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String ACCEPT = String.join(", ", "application/vnd.oci.image.index.v1+json",
      "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json",
      "application/vnd.docker.distribution.manifest.v2+json");
  private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final ImageReference ref;
  private final RegistryOptions options;
  private final RegistryAuth auth;
  private final HttpClient http;
  private final String base;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private volatile boolean basic;

  public RegistrySource(ImageReference ref, RegistryOptions options, RegistryAuth auth) {
    this.ref = ref;
    this.options = options;
    this.auth = auth;
    this.http = client(options);
    this.base = (options.useHttp() ? "http://" : "https://") + ref.endpointHost() + "/v2/" + ref.repository();
  }

  static HttpClient client(RegistryOptions o) {
    HttpClient.Builder b = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(o.timeout());
    try {
      if (o.skipTlsVerify()) {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new TrustAll()}, null);
        b.sslContext(ctx);
        System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
      } else if (o.caFile() != null) {
        b.sslContext(withExtraCa(o.caFile()));
      }
    } catch (Exception e) {
      throw new FbcException("TLS setup failed" + (o.caFile() != null ? " for --ca-file " + o.caFile() : "")
          + ": " + e.getMessage(), e);
    }
    return b.build();
  }

  private static SSLContext withExtraCa(Path caFile) throws Exception {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    int i = 0;
    try (InputStream in = Files.newInputStream(caFile)) {
      for (Certificate c : cf.generateCertificates(in)) {
        ks.setCertificateEntry("extra-" + i++, c);
      }
    }
    if (i == 0) {
      throw new FbcException(caFile + ": no PEM certificate found");
    }
    TrustManagerFactory extra = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    extra.init(ks);
    TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    system.init((KeyStore) null);
    X509TrustManager a = (X509TrustManager) extra.getTrustManagers()[0];
    X509TrustManager s = (X509TrustManager) system.getTrustManagers()[0];
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {new EitherTrust(a, s)}, null);
    return ctx;
  }

  @Override
  public String describe() {
    return ref.original();
  }

  @Override
  public Manifest manifest(String reference) throws IOException {
    HttpResponse<byte[]> r = send(base + "/manifests/" + reference, true, HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() == 404) {
      throw new FbcException(ref.original() + ": manifest unknown (no tag or digest \"" + reference + "\" in "
          + ref.registry() + "/" + ref.repository() + ")");
    }
    expectOk(r, "manifest " + reference);
    byte[] body = r.body();
    String digest = Digests.of(body);
    if (reference.startsWith("sha256:")) {
      Digests.check(reference, digest, ref.original() + " manifest");
    } else {
      Optional<String> header = r.headers().firstValue("Docker-Content-Digest");
      if (header.isPresent() && header.get().startsWith("sha256:")) {
        Digests.check(header.get(), digest, ref.original() + " manifest");
      }
    }
    String type = r.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
    if (type.isEmpty() || type.equals("application/json")) {
      JsonNode doc = JSON.readTree(body);
      type = doc.path("mediaType").asText("");
    }
    return new Manifest(body, type, digest);
  }

  @Override
  public void blob(String digest, Path dest) throws IOException {
    Path cached = options.cacheDir() == null ? null
        : options.cacheDir().resolve("blobs").resolve(digest.replace(':', '/'));
    if (cached != null && Files.isRegularFile(cached)) {
      Files.createDirectories(dest.getParent());
      try (InputStream in = Files.newInputStream(cached)) {
        Digests.copyVerified(in, dest, digest, ref.original() + " blob " + digest + " (cache)", Long.MAX_VALUE);
        return;
      } catch (FbcException damaged) {
        Files.deleteIfExists(cached); // a damaged cache entry is fetched again
      }
    }
    HttpResponse<InputStream> r = send(base + "/blobs/" + digest, false, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = r.body()) {
      if (r.statusCode() == 404) {
        throw new FbcException(ref.original() + ": blob " + digest + " unknown to the registry");
      }
      if (r.statusCode() != 200) {
        throw statusError(r.statusCode(), "blob " + digest);
      }
      Digests.copyVerified(in, dest, digest, ref.original() + " blob " + digest, 8L << 30);
    }
    if (cached != null) {
      Files.createDirectories(cached.getParent());
      Path tmp = Files.createTempFile(cached.getParent(), ".c", ".part");
      Files.copy(dest, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, cached, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private void expectOk(HttpResponse<?> r, String what) {
    if (r.statusCode() != 200) {
      throw statusError(r.statusCode(), what);
    }
  }

  private FbcException statusError(int status, String what) {
    if (status == 401 || status == 403) {
      return new FbcException(ref.original() + ": authentication failed for " + ref.registry() + " (HTTP " + status
          + " for " + what + "; check the credentials for this registry in your auth file)");
    }
    return new FbcException(ref.original() + ": HTTP " + status + " from " + ref.registry() + " for " + what);
  }

  /** Sends a GET with auth, manual redirects and retries. */
  private <T> HttpResponse<T> send(String url, boolean manifest, HttpResponse.BodyHandler<T> handler)
      throws IOException {
    String target = url;
    String originHost = URI.create(url).getHost();
    boolean retriedAuth = false;
    int attempts = 0;
    int redirects = 0;
    while (true) {
      URI uri = URI.create(target);
      HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(options.timeout()).GET();
      if (manifest) {
        rb.header("Accept", ACCEPT);
      }
      boolean sameHost = uri.getHost() != null && uri.getHost().equalsIgnoreCase(originHost);
      if (sameHost) {
        authorization().ifPresent(h -> rb.header("Authorization", h));
      }
      HttpResponse<T> r;
      try {
        r = http.send(rb.build(), handler);
      } catch (java.net.ConnectException e) {
        throw new FbcException(ref.original() + ": cannot connect to " + uri.getHost()
            + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + " (" + e.getMessage() + ")", e);
      } catch (javax.net.ssl.SSLException e) {
        throw new FbcException(ref.original() + ": TLS failed with " + uri.getHost() + ": " + e.getMessage()
            + " (use --ca-file for a private CA, --use-http for a plain HTTP registry)", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FbcException("interrupted", e);
      }
      int status = r.statusCode();
      if (status == 401 && sameHost && !retriedAuth) {
        drain(r);
        retriedAuth = true;
        authenticate(r.headers().firstValue("WWW-Authenticate").orElse(""));
        continue;
      }
      if (status >= 300 && status < 400 && r.headers().firstValue("Location").isPresent()) {
        drain(r);
        if (++redirects > 5) {
          throw new FbcException(ref.original() + ": too many redirects");
        }
        target = uri.resolve(r.headers().firstValue("Location").get()).toString();
        continue;
      }
      if ((status == 429 || status >= 500) && attempts < options.retries()) {
        drain(r);
        long wait = Math.min(10_000, 200L << attempts);
        String retryAfter = r.headers().firstValue("Retry-After").orElse("");
        if (retryAfter.matches("\\d+")) {
          wait = Math.min(10_000, Long.parseLong(retryAfter) * 1000);
        }
        attempts++;
        try {
          Thread.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new FbcException("interrupted", e);
        }
        continue;
      }
      return r;
    }
  }

  private static void drain(HttpResponse<?> r) {
    if (r.body() instanceof InputStream in) {
      try {
        in.close();
      } catch (IOException ignored) {
        // the answer is not needed
      }
    }
  }

  private Optional<String> authorization() {
    String scope = "repository:" + ref.repository() + ":pull";
    String token = tokens.get(scope);
    if (token != null) {
      return Optional.of("Bearer " + token);
    }
    if (basic) {
      return credentials().map(c -> "Basic " + Base64.getEncoder()
          .encodeToString((c.username() + ":" + c.secret()).getBytes(StandardCharsets.UTF_8)));
    }
    return Optional.empty();
  }

  private Optional<RegistryAuth.Credentials> credentials() {
    return auth.lookup(ref.registry(), ref.repository());
  }

  private void authenticate(String challenge) throws IOException {
    String lower = challenge.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("basic")) {
      if (credentials().isEmpty()) {
        throw new FbcException(ref.original() + ": " + ref.registry() + " requires authentication and no "
            + "credentials were found (use --authfile or log in with podman/docker/skopeo login)");
      }
      basic = true;
      return;
    }
    if (!lower.startsWith("bearer")) {
      throw new FbcException(ref.original() + ": unsupported authentication challenge from " + ref.registry());
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = CHALLENGE_PARAM.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1), m.group(2));
    }
    String realm = params.get("realm");
    if (realm == null) {
      throw new FbcException(ref.original() + ": bearer challenge without realm from " + ref.registry());
    }
    String scope = "repository:" + ref.repository() + ":pull";
    StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?");
    if (params.get("service") != null) {
      url.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8)).append('&');
    }
    url.append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
    HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(url.toString())).timeout(options.timeout()).GET();
    Optional<RegistryAuth.Credentials> creds = credentials();
    creds.filter(c -> !c.username().equals("<token>")).ifPresent(c -> rb.header("Authorization", "Basic "
        + Base64.getEncoder().encodeToString((c.username() + ":" + c.secret()).getBytes(StandardCharsets.UTF_8))));
    HttpResponse<byte[]> r;
    try {
      r = http.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FbcException("interrupted", e);
    }
    if (r.statusCode() != 200) {
      throw new FbcException(ref.original() + ": the token service of " + ref.registry() + " refused access (HTTP "
          + r.statusCode() + ")" + (creds.isEmpty() ? "; no credentials were found for it"
          : "; check the credentials for this registry"));
    }
    JsonNode doc = JSON.readTree(r.body());
    String token = doc.path("token").asText(doc.path("access_token").asText(""));
    if (token.isEmpty()) {
      throw new FbcException(ref.original() + ": the token service of " + ref.registry() + " returned no token");
    }
    tokens.put(scope, token);
  }

  /** Trusts what either manager trusts: a private CA in addition to the system's. */
  private record EitherTrust(X509TrustManager first, X509TrustManager second) implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws java.security.cert.CertificateException {
      second.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws java.security.cert.CertificateException {
      try {
        first.checkServerTrusted(chain, authType);
      } catch (java.security.cert.CertificateException e) {
        second.checkServerTrusted(chain, authType);
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return second.getAcceptedIssuers();
    }
  }

  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
