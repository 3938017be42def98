package dev.fbc.build;

import dev.fbc.image.Digest;
import java.util.List;
import java.util.Optional;

/**
 * What {@link CatalogImageBuilder} made.
 *
 * @param digest the digest of the top manifest (the index for several platforms); the same for the same catalog,
 *     base, labels and time on every machine
 * @param mediaType the top manifest's media type
 * @param platforms each platform's manifest digest, as {@code os/arch[/variant]=sha256:...}
 * @param output where it went, as given
 * @param noServeCache why the image has no serve cache at {@code /tmp/cache} (empty when it has one)
 */
public record BuiltImage(Digest digest, String mediaType, List<String> platforms, String output,
    Optional<String> noServeCache) {
  public BuiltImage {
    platforms = List.copyOf(platforms);
    noServeCache = noServeCache == null ? Optional.empty() : noServeCache;
  }
}
