package dev.fbc.cli;

import dev.fbc.base.FbcException;
import dev.fbc.image.RegistryOptions;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Registry options shared by the commands that pull images (opm's flags, plus --authfile and --ca-file). */
public final class RegistryFlags {
  @Option(names = "--authfile", paramLabel = "FILE", description = "Credentials file (Docker config.json format)")
  Path authFile;

  @Option(names = "--ca-file", paramLabel = "FILE", description = "PEM certificates of a private registry CA")
  Path caFile;

  @Option(names = "--skip-tls-verify", description = "Do not verify registry TLS certificates")
  boolean skipTlsVerify;

  @Option(names = "--use-http", description = "Use plain HTTP for registries")
  boolean useHttp;

  @Option(names = "--skip-tls", hidden = true, description = "Deprecated: use --use-http and --skip-tls-verify")
  boolean skipTls;

  @Option(names = "--platform", defaultValue = "linux/amd64", paramLabel = "OS/ARCH",
      description = "Platform to pick from multi-platform images (default linux/amd64)")
  String platform;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Keep pulled blobs here by digest (default: $XDG_CACHE_HOME/fbc or ~/.cache/fbc)")
  Path cacheDir;

  @Option(names = "--no-cache", description = "Do not keep pulled blobs")
  boolean noCache;

  @Option(names = "--registries-conf", paramLabel = "FILE", description = "Redirect references to other "
      + "registries or mirrors: [[registry]] prefix/location and [[registry.mirror]] location, as in podman's "
      + "registries.conf (default: $CONTAINERS_REGISTRIES_CONF when set)")
  Path registriesConf;

  /** The default cache: the fbc.cache.dir property (tests), $XDG_CACHE_HOME/fbc, ~/.cache/fbc. */
  static Path defaultCache() {
    String prop = System.getProperty("fbc.cache.dir");
    if (prop != null) {
      return Path.of(prop);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isEmpty()) {
      return Path.of(xdg, "fbc");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "fbc");
  }

  RegistryOptions options() {
    if (skipTls && useHttp) {
      throw new FbcException("invalid flag combination: cannot use --use-http with --skip-tls");
    }
    if (skipTls && skipTlsVerify) {
      throw new FbcException("invalid flag combination: cannot use --skip-tls-verify with --skip-tls");
    }
    if (useHttp && skipTlsVerify) {
      throw new FbcException("invalid flag combination: --use-http and --skip-tls-verify cannot both be true");
    }
    return RegistryOptions.builder().authFile(Optional.ofNullable(authFile)).caFile(Optional.ofNullable(caFile)).skipTlsVerify(skipTlsVerify)
        .useHttp(useHttp || skipTls).platform(platform)
        .cacheDir(noCache ? Optional.empty() : Optional.of(cacheDir != null ? cacheDir : defaultCache()))
        .registriesConf(registriesConf(registriesConf))
        .build();
  }

  /** Only an explicit file or variable: the system's registries.conf is not read behind the user's back. */
  static dev.fbc.image.RegistriesConf registriesConf(Path explicit) {
    if (explicit != null) {
      return dev.fbc.image.RegistriesConf.read(explicit);
    }
    String env = System.getenv("CONTAINERS_REGISTRIES_CONF");
    return env == null || env.isEmpty() ? dev.fbc.image.RegistriesConf.NONE
        : dev.fbc.image.RegistriesConf.read(Path.of(env));
  }
}
