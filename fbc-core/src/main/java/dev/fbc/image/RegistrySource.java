package dev.fbc.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fbc.text.Reasons;
import dev.fbc.base.FbcException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
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
 * streamed to disk and verified by size and digest, Basic and Bearer token auth, redirects followed by hand (to
 * http and https only; credentials only to the registry's own scheme, host and port), retries with backoff on 429
 * and 5xx, and a deadline over each whole request (headers and body) so a stalled or trickling server cannot hold
 * fbc. Every read is bounded (see {@link RegistryOptions}).
 */
public final class RegistrySource implements ImageSource {
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
  private final String scope;
  private volatile boolean basic;

  public RegistrySource(ImageReference ref, RegistryOptions options, RegistryAuth auth) {
    this(ref, options, auth, "pull");
  }

  /** @param actions the token scope's actions: {@code pull}, or {@code pull,push} for {@link RegistryPusher} */
  RegistrySource(ImageReference ref, RegistryOptions options, RegistryAuth auth, String actions) {
    this(ref, options, auth, actions, client(options));
  }

  /**
   * A source over a client shared with others made with the same options ({@link #client}): many images copied in
   * one run then share connections instead of each holding its own client and its threads.
   */
  RegistrySource(ImageReference ref, RegistryOptions options, RegistryAuth auth, String actions, HttpClient http) {
    this.ref = ref;
    this.options = options;
    this.auth = auth;
    this.http = http;
    this.base = (options.useHttp() ? "http://" : "https://") + ref.endpointHost() + "/v2/" + ref.repository();
    this.scope = "repository:" + ref.repository() + ":" + actions;
  }

  /** The repository's API root, {@code scheme://host/v2/repository}. */
  String base() {
    return base;
  }

  ImageReference ref() {
    return ref;
  }

  RegistryOptions options() {
    return options;
  }

  static HttpClient client(RegistryOptions o) {
    HttpClient.Builder b = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(o.timeout());
    try {
      if (o.skipTlsVerify()) {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new TrustAll()}, null);
        b.sslContext(ctx);
      } else if (o.caFile().isPresent()) {
        b.sslContext(withExtraCa(o.caFile().get()));
      }
    } catch (Exception e) {
      throw new FbcException("TLS setup failed" + o.caFile().map(f -> " for the CA file " + f).orElse("")
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
  public Manifest manifest(String tag) throws IOException {
    Fetched f = fetchManifest(tag, options.maxManifestBytes());
    return new Manifest(f.body(), mediaType(f, tag), Digest.sha256(f.body()));
  }

  @Override
  public Manifest manifest(Descriptor d) throws IOException {
    String what = ref.original() + " manifest " + d.digest();
    if (d.size() > options.maxManifestBytes()) {
      throw Limits.tooLarge(what, options.maxManifestBytes());
    }
    // a declared size bounds the read exactly; one more byte is read to notice a longer body
    Fetched f = fetchManifest(d.digest().toString(), d.sized() ? d.size() + 1 : options.maxManifestBytes());
    byte[] body = f.body();
    if (d.sized() && body.length > d.size()) {
      throw Digests.sizeMismatch(what, d.size(), body.length);
    }
    Digests.check(d, body, what);
    return new Manifest(body, mediaType(f, d.digest().toString()), d.digest());
  }

  /** A manifest's bytes and the media type the registry gave them. */
  private record Fetched(byte[] body, String contentType) {}

  private String mediaType(Fetched f, String reference) {
    String type = f.contentType();
    if (type.isEmpty() || type.equals("application/json")) {
      type = Limits.json(f.body(), ref.original() + " manifest " + reference).path("mediaType").asText("");
    }
    return type;
  }

  /** A manifest's bytes, never more than {@code limit}, within the request deadline. */
  private Fetched fetchManifest(String reference, long limit) throws IOException {
    String what = "manifest " + reference;
    return withDeadline(options.timeout(), what, dl -> {
      HttpResponse<InputStream> r = send(base + "/manifests/" + reference, true, dl);
      try (InputStream in = r.body()) {
        dl.closeOnExpiry(in);
        if (r.statusCode() == 404) {
          throw new ImageNotFoundException(ref.original() + ": manifest unknown (no tag or digest \"" + reference + "\" in "
              + ref.registry() + "/" + ref.repository() + ")");
        }
        expectOk(r, what);
        long declared = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > limit) {
          throw Limits.tooLarge(ref.original() + " " + what, Math.min(limit, options.maxManifestBytes()));
        }
        byte[] body = Limits.readAll(in, limit, ref.original() + " " + what);
        Optional<String> header = r.headers().firstValue("Docker-Content-Digest");
        if (header.isPresent() && !reference.contains(":")) {
          // advisory for a tag: checked with its own algorithm when it is a valid digest, else ignored
          Optional<Digest> claimed = validDigest(header.get());
          if (claimed.isPresent()) {
            Digests.check(claimed.get(), claimed.get().of(body), ref.original() + " manifest");
          }
        }
        return new Fetched(body, r.headers().firstValue("Content-Type").orElse("").split(";")[0].strip());
      }
    });
  }

  private static Optional<Digest> validDigest(String text) {
    try {
      return Optional.of(Digest.parse(text, "header"));
    } catch (FbcException e) {
      return Optional.empty();
    }
  }

  @Override
  public void blob(Descriptor d, Path dest) throws IOException {
    String what = ref.original() + " blob " + d.digest();
    if (d.size() > options.maxBlobBytes()) {
      throw Limits.tooLarge(what, options.maxBlobBytes());
    }
    // the path comes from a checked digest only, and Digest.under asserts it stays in the cache
    Path cached = options.cacheDir().map(c -> d.digest().under(c.resolve("blobs"))).orElse(null);
    if (cached != null && Files.isRegularFile(cached, LinkOption.NOFOLLOW_LINKS)) {
      try (InputStream in = Files.newInputStream(cached)) {
        Digests.copyVerified(in, dest, d, what + " (cache)", options.maxBlobBytes());
        return;
      } catch (FbcException damaged) {
        Files.deleteIfExists(cached); // a damaged cache entry is fetched again
      }
    }
    withDeadline(options.blobTimeout(), "blob " + d.digest(), dl -> {
      HttpResponse<InputStream> r = send(base + "/blobs/" + d.digest(), false, dl);
      try (InputStream in = r.body()) {
        dl.closeOnExpiry(in);
        if (r.statusCode() == 404) {
          throw new FbcException(ref.original() + ": blob " + d.digest() + " unknown to the registry");
        }
        if (r.statusCode() != 200) {
          throw statusError(r.statusCode(), "blob " + d.digest());
        }
        long declared = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared >= 0 && declared != d.size()) {
          throw Digests.sizeMismatch(what, d.size(), declared);
        }
        Digests.copyVerified(in, dest, d, what, options.maxBlobBytes());
      }
      return null;
    });
    if (cached != null) {
      Files.createDirectories(cached.getParent());
      Path tmp = Files.createTempFile(cached.getParent(), ".c", ".part");
      try {
        Files.copy(dest, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
  }

  interface Request<T> {
    T run(Deadline deadline) throws IOException;
  }

  /**
   * Runs a request (headers and body) under one deadline; whatever fails once it has passed is reported as the
   * deadline, in one line.
   */
  <T> T withDeadline(Duration length, String what, Request<T> request) throws IOException {
    Deadline dl = Deadline.start(length);
    try {
      return request.run(dl);
    } catch (IOException | RuntimeException e) {
      if (dl.expired()) {
        throw new FbcException(ref.original() + ": " + what + " from " + ref.registry() + " did not complete within "
            + seconds(length) + " (the registry is too slow or stalled)", e);
      }
      throw e;
    } finally {
      dl.close();
    }
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  private void expectOk(HttpResponse<?> r, String what) {
    if (r.statusCode() != 200) {
      throw statusError(r.statusCode(), what);
    }
  }

  FbcException statusError(int status, String what) {
    if (status == 401 || status == 403) {
      return new FbcException(ref.original() + ": authentication failed for " + ref.registry() + " (HTTP " + status
          + " for " + what + "; check the credentials for this registry in your auth file)");
    }
    return new FbcException(ref.original() + ": HTTP " + status + " from " + ref.registry() + " for " + what);
  }

  /** Same scheme, host and port: the only place credentials and tokens are sent. */
  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
  }

  private static int port(URI u) {
    return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private static boolean httpOrHttps(URI u) {
    return "http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme());
  }

  /** Sends a GET with auth, manual redirects and retries, within {@code deadline}; the body is left to read. */
  private HttpResponse<InputStream> send(String url, boolean manifest, Deadline deadline) throws IOException {
    return exchange("GET", url, manifest ? Map.of("Accept", ACCEPT) : Map.of(), null, deadline);
  }

  /**
   * Sends any request with auth, manual redirects and retries, within {@code deadline}; the body is left to read.
   * {@code body} (null for none) is asked for a fresh publisher on every attempt, so a retried upload resends it.
   */
  HttpResponse<InputStream> exchange(String method, String url, Map<String, String> headers,
      java.util.function.Supplier<HttpRequest.BodyPublisher> body, Deadline deadline) throws IOException {
    URI origin = URI.create(base);
    URI uri = URI.create(url);
    boolean retriedAuth = false;
    int attempts = 0;
    int redirects = 0;
    while (true) {
      HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(deadline.remaining())
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body.get());
      headers.forEach(rb::header);
      boolean sameOrigin = sameOrigin(uri, origin);
      if (sameOrigin) {
        authorization().ifPresent(h -> rb.header("Authorization", h));
      }
      HttpResponse<InputStream> r;
      try {
        r = http.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (java.net.ConnectException e) {
        throw new FbcException(ref.original() + ": cannot connect to " + uri.getHost()
            + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + " (" + oneLine(e) + ")", e);
      } catch (javax.net.ssl.SSLException e) {
        throw new FbcException(ref.original() + ": TLS failed with " + uri.getHost() + ": " + oneLine(e)
            + " (a private CA must be trusted, a plain HTTP registry allowed)", FbcException.Remedy.TRUST_REGISTRY, e);
      } catch (java.net.http.HttpTimeoutException e) {
        throw new FbcException(ref.original() + ": " + uri.getHost() + " did not answer in time", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FbcException(ref.original() + ": interrupted", e);
      }
      int status = r.statusCode();
      if (status == 401 && sameOrigin && !retriedAuth) {
        drain(r);
        retriedAuth = true;
        authenticate(r.headers().firstValue("WWW-Authenticate").orElse(""), deadline);
        continue;
      }
      if (status >= 300 && status < 400 && r.headers().firstValue("Location").isPresent()) {
        drain(r);
        if (++redirects > 5) {
          throw new FbcException(ref.original() + ": too many redirects from " + ref.registry());
        }
        uri = redirect(uri, r.headers().firstValue("Location").get());
        continue;
      }
      if ((status == 429 || status >= 500) && attempts < options.retries()) {
        drain(r);
        long wait = Math.min(10_000, 200L << attempts);
        String retryAfter = r.headers().firstValue("Retry-After").orElse("");
        if (retryAfter.matches("\\d{1,6}")) {
          wait = Math.min(10_000, Long.parseLong(retryAfter) * 1000);
        }
        attempts++;
        try {
          Thread.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new FbcException(ref.original() + ": interrupted", e);
        }
        continue;
      }
      return r;
    }
  }

  /** The target of a redirect: http or https only (a registry has no business sending fbc to a file). */
  private URI redirect(URI from, String location) {
    URI next;
    try {
      next = from.resolve(new URI(location));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new FbcException(ref.original() + ": " + ref.registry() + " redirected to an invalid address");
    }
    if (!httpOrHttps(next) || next.getHost() == null) {
      throw new FbcException(ref.original() + ": " + ref.registry() + " redirected to a "
          + (next.getScheme() == null ? "relative" : Digest.shorten(next.getScheme()) + ":")
          + " address; only http and https redirects are followed");
    }
    return next;
  }

  static String oneLine(Exception e) {
    return Reasons.of(e);
  }

  static void drain(HttpResponse<InputStream> r) {
    try {
      r.body().close();
    } catch (IOException ignored) {
      // the answer is not needed
    }
  }

  private Optional<String> authorization() {
    String token = tokens.get(scope);
    if (token != null) {
      return Optional.of("Bearer " + token);
    }
    if (basic) {
      return credentials().map(RegistrySource::basicHeader);
    }
    return Optional.empty();
  }

  private static String basicHeader(RegistryAuth.Credentials c) {
    return "Basic " + Base64.getEncoder().encodeToString((c.username() + ":" + c.secret())
        .getBytes(StandardCharsets.UTF_8));
  }

  private Optional<RegistryAuth.Credentials> credentials() {
    return auth.lookup(ref.registry(), ref.repository());
  }

  private void authenticate(String challenge, Deadline deadline) throws IOException {
    String lower = challenge.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("basic")) {
      if (credentials().isEmpty()) {
        throw new FbcException(ref.original() + ": " + ref.registry() + " requires authentication and no "
            + "credentials were found (log in with podman/docker/skopeo login)", FbcException.Remedy.PROVIDE_CREDENTIALS);
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
    StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?");
    if (params.get("service") != null) {
      url.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8)).append('&');
    }
    url.append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
    // a push that mounts a blob from another repository is challenged for that one too (pull on the source)
    for (String extra : params.getOrDefault("scope", "").split(" ")) {
      if (!extra.isEmpty() && !extra.equals(scope) && extra.startsWith("repository:")) {
        url.append("&scope=").append(URLEncoder.encode(extra, StandardCharsets.UTF_8));
      }
    }
    URI realmUri;
    try {
      realmUri = new URI(url.toString());
    } catch (URISyntaxException e) {
      throw new FbcException(ref.original() + ": " + ref.registry() + " named an invalid token service address");
    }
    if (!httpOrHttps(realmUri) || realmUri.getHost() == null) {
      throw new FbcException(ref.original() + ": " + ref.registry() + " named a token service that is not http or "
          + "https; refusing it");
    }
    HttpRequest.Builder rb = HttpRequest.newBuilder(realmUri).timeout(deadline.remaining()).GET();
    Optional<RegistryAuth.Credentials> creds = credentials().filter(c -> !c.username().equals("<token>"));
    // the registry named this realm, so it may have the credentials; but never in the clear, unless the user
    // chose plain http for this very host
    boolean plainAllowed = options.useHttp() && realmUri.getHost().equalsIgnoreCase(URI.create(base).getHost());
    boolean withheld = creds.isPresent() && "http".equalsIgnoreCase(realmUri.getScheme()) && !plainAllowed;
    if (!withheld) {
      creds.ifPresent(c -> rb.header("Authorization", basicHeader(c)));
    }
    byte[] body;
    int status;
    try {
      HttpResponse<InputStream> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = r.body()) {
        deadline.closeOnExpiry(in);
        status = r.statusCode();
        body = status == 200 ? Limits.readAll(in, Limits.MAX_TOKEN_BYTES, ref.original() + " token from "
            + ref.registry()) : new byte[0];
      }
    } catch (java.net.ConnectException e) {
      throw new FbcException(ref.original() + ": cannot connect to the token service of " + ref.registry(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FbcException(ref.original() + ": interrupted", e);
    }
    if (status != 200) {
      throw new FbcException(ref.original() + ": the token service of " + ref.registry() + " refused access (HTTP "
          + status + ")" + (withheld ? "; credentials were not sent because the token service is plain http "
          + "(allow plain HTTP for it only if that is intended)" : credentials().isEmpty()
          ? "; no credentials were found for it" : "; check the credentials for this registry"),
          withheld ? FbcException.Remedy.ALLOW_PLAIN_HTTP : FbcException.Remedy.NONE);
    }
    JsonNode doc = Limits.json(body, ref.original() + " token from " + ref.registry());
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

  /**
   * Trusts every certificate and every host name, for this client only. An extended trust manager is what checks
   * the host name in JSSE (a plain one gets a wrapper that checks it), so this one skips that check too without
   * the JVM-wide switch {@code jdk.internal.httpclient.disableHostnameVerification}, which would turn host name
   * checks off for every other client of an application that embeds fbc.
   */
  private static final class TrustAll extends javax.net.ssl.X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
