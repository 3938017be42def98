package dev.fbc.cli;

import dev.fbc.base.FbcException;
import dev.fbc.image.RegistryOptions;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How {@code fbc mirror} reaches each side, named as skopeo copy names them: {@code --authfile} for both sides,
 * {@code --src-*} for the source registries (and the catalog image and the catalog base), {@code --dest-*} for
 * the mirror. {@code --src-use-http}/{@code --dest-use-http} and {@code --src-ca-file}/{@code --dest-ca-file} are
 * fbc's {@code --use-http} and {@code --ca-file} per side.
 */
public final class MirrorRegistryFlags {
  @Option(names = "--authfile", paramLabel = "FILE",
      description = "Credentials file (Docker config.json format) for both sides, unless --src-authfile or "
          + "--dest-authfile says otherwise")
  Path authFile;

  @Option(names = "--src-authfile", paramLabel = "FILE", description = "Credentials file for the source registries")
  Path srcAuthFile;

  @Option(names = "--dest-authfile", paramLabel = "FILE", description = "Credentials file for the mirror registry")
  Path destAuthFile;

  @Option(names = "--src-tls-verify", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
      defaultValue = "true", description = "Verify the source registries' TLS certificates (default true)")
  boolean srcTlsVerify;

  @Option(names = "--dest-tls-verify", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
      defaultValue = "true", description = "Verify the mirror registry's TLS certificate (default true)")
  boolean destTlsVerify;

  @Option(names = "--src-use-http", description = "Use plain HTTP for the source registries")
  boolean srcUseHttp;

  @Option(names = "--dest-use-http", description = "Use plain HTTP for the mirror registry")
  boolean destUseHttp;

  @Option(names = "--src-ca-file", paramLabel = "FILE", description = "PEM certificates of the source registries' CA")
  Path srcCaFile;

  @Option(names = "--dest-ca-file", paramLabel = "FILE", description = "PEM certificates of the mirror registry's CA")
  Path destCaFile;

  @Option(names = "--registries-conf", paramLabel = "FILE", description = "Redirect source references to other "
      + "registries or mirrors, as in podman's registries.conf (default: $CONTAINERS_REGISTRIES_CONF when set)")
  Path registriesConf;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Keep blobs of the pulled catalog image here (default: $XDG_CACHE_HOME/fbc or ~/.cache/fbc)")
  Path cacheDir;

  @Option(names = "--no-cache", description = "Do not keep blobs of the pulled catalog image")
  boolean noCache;

  /** The source side; {@code platform} is the one the catalog image is read for. */
  RegistryOptions source(String platform) {
    check("src", srcUseHttp, srcTlsVerify);
    return RegistryOptions.builder().authFile(Optional.ofNullable(srcAuthFile != null ? srcAuthFile : authFile))
        .caFile(Optional.ofNullable(srcCaFile))
        .skipTlsVerify(!srcTlsVerify).useHttp(srcUseHttp).platform(platform)
        .cacheDir(noCache ? Optional.empty() : Optional.of(cacheDir != null ? cacheDir : RegistryFlags.defaultCache()))
        .registriesConf(RegistryFlags.registriesConf(registriesConf))
        .build();
  }

  /** The mirror side. */
  RegistryOptions destination() {
    check("dest", destUseHttp, destTlsVerify);
    return RegistryOptions.builder().authFile(Optional.ofNullable(destAuthFile != null ? destAuthFile : authFile))
        .caFile(Optional.ofNullable(destCaFile))
        .skipTlsVerify(!destTlsVerify).useHttp(destUseHttp).build();
  }

  private static void check(String side, boolean useHttp, boolean tlsVerify) {
    if (useHttp && !tlsVerify) {
      // as RegistryFlags refuses --use-http with --skip-tls-verify: there is no TLS to not verify
      throw new FbcException("invalid flag combination: --" + side + "-use-http and --" + side
          + "-tls-verify=false cannot both be given");
    }
  }
}
