package dev.fbc.image;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach registries. Immutable and thread-safe; build with {@link #builder()} (a builder is not).
 *
 * <pre>{@code
 * RegistryOptions o = RegistryOptions.builder().caFile(Path.of("ca.crt")).authFile(Path.of("auth.json")).build();
 * }</pre>
 */
public final class RegistryOptions {
  private final Path authFile;
  private final Path caFile;
  private final boolean skipTlsVerify;
  private final boolean useHttp;
  private final String platform;
  private final int retries;
  private final Duration timeout;
  private final Path cacheDir;
  private final Duration blobTimeout;
  private final Duration credentialHelperTimeout;
  private final long maxManifestBytes;
  private final long maxBlobBytes;
  private final long maxUnpackBytes;
  private final long maxUnpackEntries;
  private final RegistriesConf registriesConf;

  private RegistryOptions(Builder b) {
    authFile = b.authFile;
    caFile = b.caFile;
    skipTlsVerify = b.skipTlsVerify;
    useHttp = b.useHttp;
    platform = b.platform;
    retries = b.retries;
    timeout = b.timeout;
    cacheDir = b.cacheDir;
    blobTimeout = b.blobTimeout;
    credentialHelperTimeout = b.credentialHelperTimeout;
    maxManifestBytes = b.maxManifestBytes;
    maxBlobBytes = b.maxBlobBytes;
    maxUnpackBytes = b.maxUnpackBytes;
    maxUnpackEntries = b.maxUnpackEntries;
    registriesConf = b.registriesConf;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static RegistryOptions defaults() {
    return builder().build();
  }

  /** A builder holding these options, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.authFile = authFile;
    b.caFile = caFile;
    b.skipTlsVerify = skipTlsVerify;
    b.useHttp = useHttp;
    b.platform = platform;
    b.retries = retries;
    b.timeout = timeout;
    b.cacheDir = cacheDir;
    b.blobTimeout = blobTimeout;
    b.credentialHelperTimeout = credentialHelperTimeout;
    b.maxManifestBytes = maxManifestBytes;
    b.maxBlobBytes = maxBlobBytes;
    b.maxUnpackBytes = maxUnpackBytes;
    b.maxUnpackEntries = maxUnpackEntries;
    b.registriesConf = registriesConf;
    return b;
  }

  /** A credentials file in Docker's config.json format, read before the usual places. */
  public Optional<Path> authFile() {
    return Optional.ofNullable(authFile);
  }

  /** PEM certificates to trust besides the system's. */
  public Optional<Path> caFile() {
    return Optional.ofNullable(caFile);
  }

  public boolean skipTlsVerify() {
    return skipTlsVerify;
  }

  /** Plain HTTP instead of HTTPS. */
  public boolean useHttp() {
    return useHttp;
  }

  /** {@code os/arch} to pick from multi-platform images; defaults to {@code linux/amd64}. */
  public String platform() {
    return platform;
  }

  /** Attempts after a 429 or 5xx answer; defaults to 3. */
  public int retries() {
    return retries;
  }

  /**
   * Connecting, and the whole of every request but blobs (headers and body: manifests, tokens); defaults to 60
   * seconds.
   */
  public Duration timeout() {
    return timeout;
  }

  /** Where pulled blobs are kept by digest; empty for no cache. */
  public Optional<Path> cacheDir() {
    return Optional.ofNullable(cacheDir);
  }

  /** The whole of one blob download, headers and body; defaults to 5 minutes. */
  public Duration blobTimeout() {
    return blobTimeout;
  }

  /** How long a {@code docker-credential-*} helper may run; defaults to 30 seconds. */
  public Duration credentialHelperTimeout() {
    return credentialHelperTimeout;
  }

  /** The largest manifest, index, image configuration or {@code index.json} read; defaults to 4 MiB. */
  public long maxManifestBytes() {
    return maxManifestBytes;
  }

  /** The largest blob (compressed layer) downloaded; defaults to 8 GiB. */
  public long maxBlobBytes() {
    return maxBlobBytes;
  }

  /** The most all layers of one image may unpack to (sparse files at their full size); defaults to 2 GiB. */
  public long maxUnpackBytes() {
    return maxUnpackBytes;
  }

  /** The most entries all layers of one image may hold; defaults to 1,000,000. */
  public long maxUnpackEntries() {
    return maxUnpackEntries;
  }

  /** Where references are redirected (registries.conf {@code [[registry]]} entries); empty: nowhere. */
  public RegistriesConf registriesConf() {
    return registriesConf;
  }

  public static final class Builder {
    private Path authFile;
    private Path caFile;
    private boolean skipTlsVerify;
    private boolean useHttp;
    private String platform = "linux/amd64";
    private int retries = 3;
    private Duration timeout = Duration.ofSeconds(60);
    private Path cacheDir;
    private Duration blobTimeout = Duration.ofMinutes(5);
    private Duration credentialHelperTimeout = Duration.ofSeconds(30);
    private long maxManifestBytes = Limits.DEFAULT_MAX_MANIFEST_BYTES;
    private long maxBlobBytes = 8L << 30;
    private long maxUnpackBytes = 2L << 30;
    private long maxUnpackEntries = 1_000_000;
    private RegistriesConf registriesConf = RegistriesConf.NONE;

    private Builder() {}

    public Builder authFile(Path p) {
      authFile = Objects.requireNonNull(p);
      return this;
    }

    /** The credentials file if there is one, else none. */
    public Builder authFile(Optional<Path> p) {
      authFile = p.orElse(null);
      return this;
    }

    public Builder caFile(Path p) {
      caFile = Objects.requireNonNull(p);
      return this;
    }

    /** The extra CA file if there is one, else none. */
    public Builder caFile(Optional<Path> p) {
      caFile = p.orElse(null);
      return this;
    }

    public Builder skipTlsVerify(boolean b) {
      skipTlsVerify = b;
      return this;
    }

    public Builder useHttp(boolean b) {
      useHttp = b;
      return this;
    }

    public Builder platform(String p) {
      platform = p;
      return this;
    }

    public Builder retries(int n) {
      retries = n;
      return this;
    }

    public Builder timeout(Duration d) {
      timeout = d;
      return this;
    }

    public Builder cacheDir(Path p) {
      cacheDir = Objects.requireNonNull(p);
      return this;
    }

    /** The blob cache if there is one; empty: pulled blobs are not kept. */
    public Builder cacheDir(Optional<Path> p) {
      cacheDir = p.orElse(null);
      return this;
    }

    public Builder blobTimeout(Duration d) {
      blobTimeout = d;
      return this;
    }

    public Builder credentialHelperTimeout(Duration d) {
      credentialHelperTimeout = d;
      return this;
    }

    public Builder maxManifestBytes(long n) {
      maxManifestBytes = n;
      return this;
    }

    public Builder maxBlobBytes(long n) {
      maxBlobBytes = n;
      return this;
    }

    public Builder maxUnpackBytes(long n) {
      maxUnpackBytes = n;
      return this;
    }

    public Builder maxUnpackEntries(long n) {
      maxUnpackEntries = n;
      return this;
    }

    public Builder registriesConf(RegistriesConf conf) {
      registriesConf = conf == null ? RegistriesConf.NONE : conf;
      return this;
    }

    public RegistryOptions build() {
      return new RegistryOptions(this);
    }
  }
}
