package dev.fbc.template;

import dev.fbc.base.FbcException;
import dev.fbc.base.LoadOptions;
import dev.fbc.image.ImageNotFoundException;
import dev.fbc.image.RegistryOptions;
import dev.fbc.model.Blob;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.Catalog;
import dev.fbc.ops.BundleRenderer;
import dev.fbc.ops.ImageRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Turns the bundle references of a template into {@code olm.bundle} blobs. {@link #images} pulls them as opm does;
 * {@link #of(Catalog)} answers from bundles already at hand (tests, previews, a catalog being converted).
 */
@FunctionalInterface
public interface BundleSource {
  /** The bundle of one reference; a failure is an {@link FbcException} naming the reference as opm does. */
  BundleBlob render(String ref);

  /** Every reference, keeping their order; the first failure (in that order) is thrown. */
  default Map<String, BundleBlob> renderAll(List<String> refs) {
    Map<String, BundleBlob> out = new LinkedHashMap<>();
    for (String r : refs) {
      out.computeIfAbsent(r, this::render);
    }
    return out;
  }

  /** Bundles by their {@code image}: the template's references must name images of this catalog. */
  static BundleSource of(Catalog catalog) {
    Map<String, BundleBlob> byImage = new LinkedHashMap<>();
    for (BundleBlob b : catalog.bundles()) {
      byImage.putIfAbsent(b.image(), b);
    }
    return ref -> {
      BundleBlob b = byImage.get(ref);
      if (b == null) {
        throw new FbcException("render reference \"" + ref + "\": no such bundle image in the given catalog");
      }
      return b;
    };
  }

  /**
   * Pulls bundle images (registries, {@code oci:DIR:TAG}, {@code docker-archive:FILE}), at most
   * {@code parallelism} at once (1 to 8). Bundle directories are refused as opm refuses them unless
   * {@code allowDirectories}; then they are rendered with their path as {@code image}, for previews before the
   * images are pushed.
   */
  static BundleSource images(RegistryOptions registry, BundleRenderer bundles, LoadOptions load,
      boolean allowDirectories, int parallelism) {
    ImageRenderer renderer = new ImageRenderer(registry, bundles, load, System.getenv());
    int threads = Math.max(1, Math.min(8, parallelism));
    return new BundleSource() {
      @Override
      public BundleBlob render(String ref) {
        Path dir = Path.of(ref);
        if (!ref.contains(":") && Files.isDirectory(dir)) {
          if (!allowDirectories) {
            throw new FbcException("cannot render bundle directory \"" + ref + "\": not allowed (templates name "
                + "bundle images; allowing bundle directories renders them for a preview)",
                FbcException.Remedy.ALLOW_BUNDLE_DIRECTORIES);
          }
          if (!BundleRenderer.isBundleDirectory(dir)) {
            throw new FbcException("render reference \"" + ref + "\": not a bundle directory (manifests/ and "
                + "metadata/)");
          }
          return bundles.render(dir, ref);
        }
        Catalog c;
        try {
          c = renderer.render(ref);
        } catch (ImageNotFoundException e) {
          throw new FbcException("render reference \"" + ref + "\": failed to pull image \"" + ref + "\": error "
              + "resolving remote name " + ref + ": " + ref + ": not found", e);
        } catch (FbcException e) {
          String m = e.getMessage();
          throw new FbcException(m.startsWith("render ") ? m : "render reference \"" + ref + "\": " + m, e);
        }
        List<Blob> blobs = c.blobs();
        if (blobs.size() != 1 || !(blobs.get(0) instanceof BundleBlob b)) {
          throw new FbcException("cannot render index image \"" + ref + "\": not allowed (templates name bundle "
              + "images)");
        }
        return b;
      }

      @Override
      public Map<String, BundleBlob> renderAll(List<String> refs) {
        List<String> distinct = refs.stream().distinct().toList();
        if (threads == 1 || distinct.size() < 2) {
          return BundleSource.super.renderAll(distinct);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, distinct.size()), r -> {
          Thread t = new Thread(r, "fbc-template-pull");
          t.setDaemon(true);
          return t;
        });
        try {
          List<Future<BundleBlob>> futures = new ArrayList<>();
          for (String r : distinct) {
            futures.add(pool.submit(() -> render(r)));
          }
          Map<String, BundleBlob> out = new LinkedHashMap<>();
          for (int i = 0; i < distinct.size(); i++) {
            try {
              out.put(distinct.get(i), futures.get(i).get());
            } catch (ExecutionException e) {
              if (e.getCause() instanceof RuntimeException re) {
                throw re;
              }
              throw new FbcException("render reference \"" + distinct.get(i) + "\": " + e.getCause(), e);
            }
          }
          return out;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new FbcException("interrupted", e);
        } finally {
          pool.shutdownNow();
        }
      }
    };
  }
}
