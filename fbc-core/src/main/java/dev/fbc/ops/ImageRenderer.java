package dev.fbc.ops;

import dev.fbc.base.TempDirectories;
import dev.fbc.internal.io.CatalogLoader;
import dev.fbc.base.FbcException;
import dev.fbc.base.LoadOptions;
import dev.fbc.image.Descriptor;
import dev.fbc.image.DockerArchive;
import dev.fbc.image.ImagePuller;
import dev.fbc.image.ImageReference;
import dev.fbc.image.OciLayoutSource;
import dev.fbc.image.PulledImage;
import dev.fbc.image.RegistryAuth;
import dev.fbc.image.RegistryOptions;
import dev.fbc.image.RegistrySource;
import dev.fbc.model.Catalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders an image as {@code opm render} does: a bundle image becomes its {@code olm.bundle} blob (its
 * {@code image} is the reference as given), a catalog image (label
 * {@code operators.operatorframework.io.index.configs.v1}) its catalog. Images come from registries,
 * {@code oci:DIR[:TAG]} layouts or {@code docker-archive:FILE} tarballs.
 */
public final class ImageRenderer {
  static final String CONFIGS_LABEL = "operators.operatorframework.io.index.configs.v1";
  static final String BUNDLE_LABEL = "operators.operatorframework.io.bundle.package.v1";
  static final String DATABASE_LABEL = "operators.operatorframework.io.index.database.v1";

  private final RegistryOptions registry;
  private final BundleRenderer bundles;
  private final LoadOptions load;
  private final RegistryAuth auth;

  public ImageRenderer(RegistryOptions registry, BundleRenderer bundles, LoadOptions load, Map<String, String> env) {
    this.registry = registry;
    this.bundles = bundles;
    this.load = load;
    this.auth = RegistryAuth.standard(registry, env);
  }

  /** Warnings met reading credentials (never containing secrets). */
  public List<String> warnings() {
    return auth.warnings();
  }

  public Catalog render(String ref) {
    Path work;
    try {
      work = Files.createTempDirectory("fbc-render-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      PulledImage img = pull(ref, work);
      Map<String, String> labels = img.labels();
      if (labels.containsKey(CONFIGS_LABEL)) {
        String dir = labels.get(CONFIGS_LABEL);
        Path configs = img.rootfs().resolve(dir.startsWith("/") ? dir.substring(1) : dir).normalize();
        if (!configs.startsWith(img.rootfs()) || !Files.isDirectory(configs)) {
          throw new FbcException("render \"" + ref + "\": the catalog directory " + dir + " named by label "
              + CONFIGS_LABEL + " is not in the image");
        }
        return new CatalogLoader(load).load(List.of(configs)).map(b -> b.withSource(
            new dev.fbc.base.Source(ref + ":" + img.rootfs().relativize(Path.of(b.source().file())),
                b.source().line())));
      }
      if (labels.containsKey(BUNDLE_LABEL)) {
        return Catalog.of(bundles.render(img.rootfs(), ref));
      }
      if (labels.containsKey(DATABASE_LABEL)) {
        throw new FbcException("render \"" + ref + "\": sqlite-based index images are no longer supported, migrate "
            + "to a file-based catalog: not allowed");
      }
      throw new FbcException("render \"" + ref + "\": image type could not be determined, "
          + (labels.isEmpty() ? "image has no labels" : "found labels " + labels.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))));
    } catch (IOException e) {
      throw new FbcException("render \"" + ref + "\": " + e.getMessage(), e);
    } finally {
      TempDirectories.deleteQuietly(work);
    }
  }

  private PulledImage pull(String ref, Path work) throws IOException {
    ImagePuller puller = new ImagePuller(registry);
    if (ref.startsWith("oci:")) {
      String spec = ref.substring(4);
      int colon = spec.lastIndexOf(':');
      String dir = spec;
      String tag = "";
      if (colon > spec.lastIndexOf('/') && colon > 0) {
        dir = spec.substring(0, colon);
        tag = spec.substring(colon + 1);
      }
      OciLayoutSource src = new OciLayoutSource(Path.of(dir), registry.maxManifestBytes());
      return puller.pull(src, src.resolve(tag), work);
    }
    if (ref.startsWith("docker-archive:")) {
      return DockerArchive.pull(Path.of(ref.substring("docker-archive:".length())), puller, work);
    }
    ImageReference parsed = ImageReference.parse(ref);
    List<ImageReference> candidates = registry.registriesConf().candidates(parsed);
    Exception failure = null;
    for (ImageReference r : candidates) {
      // mirrors first, then the location, as podman does; the last failure is the one reported
      try (RegistrySource src = new RegistrySource(r, registry, auth)) {
        // a pinned image is fetched by its digest and verified with that digest's own algorithm
        return r.digest().isPresent() ? puller.pull(src, Descriptor.unsized(r.digest().get()), work)
            : puller.pull(src, r.tag(), work);
      } catch (RuntimeException | IOException e) {
        failure = e;
      }
    }
    if (failure instanceof IOException io) {
      throw io;
    }
    throw (RuntimeException) failure;
  }

}
