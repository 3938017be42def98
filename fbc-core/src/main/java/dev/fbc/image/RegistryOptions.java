package dev.fbc.image;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to reach registries. Immutable; build with {@link #builder()}.
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

  private RegistryOptions(Builder b) {
    authFile = b.authFile;
    caFile = b.caFile;
    skipTlsVerify = b.skipTlsVerify;
    useHttp = b.useHttp;
    platform = b.platform;
    retries = b.retries;
    timeout = b.timeout;
    cacheDir = b.cacheDir;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static RegistryOptions defaults() {
    return builder().build();
  }

  /** A credentials file in Docker's config.json format, read before the usual places; null for none. */
  public Path authFile() {
    return authFile;
  }

  /** PEM certificates to trust besides the system's; null for none. */
  public Path caFile() {
    return caFile;
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

  public Duration timeout() {
    return timeout;
  }

  /** Where pulled blobs are kept by digest; null for no cache. */
  public Path cacheDir() {
    return cacheDir;
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

    private Builder() {}

    public Builder authFile(Path p) {
      authFile = p;
      return this;
    }

    public Builder caFile(Path p) {
      caFile = p;
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
      cacheDir = p;
      return this;
    }

    public RegistryOptions build() {
      return new RegistryOptions(this);
    }
  }
}
