package dev.fbc.build;

import dev.fbc.image.Digest;
import java.util.List;

/**
 * What {@link CatalogImageBuilder} made.
 *
 * @param digest the digest of the top manifest (the index for several platforms); the same for the same catalog,
 *     base, labels and time on every machine
 * @param mediaType the top manifest's media type
 * @param platforms each platform's manifest digest, as {@code os/arch[/variant]=sha256:...}
 * @param output where it went, as given
 */
public record BuiltImage(Digest digest, String mediaType, List<String> platforms, String output) {
  public BuiltImage {
    platforms = List.copyOf(platforms);
  }
}
