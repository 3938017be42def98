package dev.fbc;

import dev.fbc.base.CatalogLoadException;
import dev.fbc.base.FbcException;
import dev.fbc.base.LoadOptions;
import dev.fbc.base.OutputFormat;
import dev.fbc.base.Problem;
import dev.fbc.base.WriteOptions;
import dev.fbc.internal.io.AtomicFiles;
import dev.fbc.internal.io.CatalogLoader;
import dev.fbc.internal.io.CatalogWriter;
import dev.fbc.model.Catalog;
import dev.fbc.ops.RenderNormalizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Entry points of the fbc library: load catalogs, render them as opm does, write them.
 *
 * <pre>{@code
 * Catalog catalog = Fbc.load(Path.of("catalog"));                  // every file below catalog/, like opm
 * PackageBlob pkg = catalog.findPackage("etcd").orElseThrow();
 * Catalog edited = catalog.map(b -> b == pkg ? pkg.withDefaultChannel("stable") : b);
 * Fbc.writeFile(edited, Path.of("catalog/index.json"), WriteOptions.builder().lossless(true).build());
 *
 * Fbc.write(Fbc.render(List.of(Path.of("catalog"))), System.out, WriteOptions.yaml()); // = opm render -o yaml
 * }</pre>
 */
public final class Fbc {
  private Fbc() {}

  /** Loads a catalog directory (or a single file) with default options. */
  public static Catalog load(Path path) {
    return load(List.of(path), LoadOptions.defaults());
  }

  /**
   * Loads directories or files, in order, as one catalog.
   *
   * @throws CatalogLoadException listing every file that could not be read, each with its line
   */
  public static Catalog load(List<Path> paths, LoadOptions options) {
    return new CatalogLoader(options).load(paths);
  }

  /** Loads catalog directories and applies what {@code opm render} does to them before writing. */
  public static Catalog render(List<Path> paths, LoadOptions options) {
    return RenderNormalizer.normalize(load(paths, options));
  }

  public static Catalog render(List<Path> paths) {
    return render(paths, LoadOptions.defaults());
  }

  /**
   * What {@code opm render} does with its arguments: each bundle directory ({@code manifests/} and
   * {@code metadata/}) becomes its {@code olm.bundle} blob, each other directory is loaded as a catalog; the
   * results are concatenated in argument order and normalized as opm does.
   *
   * @throws FbcException for a path that does not exist or is not a directory (images are not supported yet)
   */
  public static Catalog render(List<Path> refs, LoadOptions options, dev.fbc.ops.BundleRenderer bundles) {
    return render(refs.stream().map(Path::toString).toList(), options, bundles,
        dev.fbc.image.RegistryOptions.defaults());
  }

  /**
   * The same, where a reference that is not an existing path is an image: {@code registry/repo:tag},
   * {@code ...@sha256:...}, {@code oci:DIR[:TAG]} or {@code docker-archive:FILE}.
   */
  public static Catalog render(List<String> refs, LoadOptions options, dev.fbc.ops.BundleRenderer bundles,
      dev.fbc.image.RegistryOptions registry) {
    return render(refs, options, bundles, registry, msg -> { });
  }

  /**
   * The same, reporting progress ("pulled 3/10 ...") to {@code progress}. Images are pulled in parallel (at most
   * {@link LoadOptions#parallelism()} at once, and no more than 4); the result keeps argument order.
   */
  public static Catalog render(List<String> refs, LoadOptions options, dev.fbc.ops.BundleRenderer bundles,
      dev.fbc.image.RegistryOptions registry, java.util.function.Consumer<String> progress) {
    java.util.Map<String, java.util.concurrent.Future<Catalog>> pulled = new java.util.HashMap<>();
    for (String r : refs) {
      if (looksLikePath(r) && !java.nio.file.Files.exists(Path.of(r))) {
        throw new FbcException(r + ": no such file or directory");
      }
    }
    List<String> images = refs.stream().filter(r -> !looksLikePath(r) && !java.nio.file.Files.exists(Path.of(r)))
        .distinct().toList();
    java.util.concurrent.ExecutorService pool = null;
    if (!images.isEmpty()) {
      dev.fbc.ops.ImageRenderer renderer = new dev.fbc.ops.ImageRenderer(registry, bundles, options,
          System.getenv());
      pool = java.util.concurrent.Executors.newFixedThreadPool(Math.min(4, Math.max(1, options.parallelism())),
          r -> {
            Thread t = new Thread(r, "fbc-pull");
            t.setDaemon(true);
            return t;
          });
      java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
      for (String image : images) {
        pulled.put(image, pool.submit(() -> {
          Catalog c = renderer.render(image);
          progress.accept("pulled " + done.incrementAndGet() + "/" + images.size() + " " + image);
          return c;
        }));
      }
      for (java.util.concurrent.Future<Catalog> f : pulled.values()) {
        try {
          f.get();
        } catch (Exception e) {
          break; // reported below, in argument order
        }
      }
      for (String w : renderer.warnings()) {
        progress.accept("warning: " + w);
      }
    }
    try {
      return render(refs, options, bundles, pulled);
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  /**
   * Whether a reference can only be a path: absolute, or starting with {@code ./}, {@code ../} or {@code ~/}, or
   * {@code .} or {@code ..} itself. Such a reference is never taken for an image, even when nothing is there.
   */
  static boolean looksLikePath(String ref) {
    return ref.startsWith("/") || ref.startsWith("./") || ref.startsWith("../") || ref.startsWith("~/")
        || ref.equals(".") || ref.equals("..") || ref.equals("~");
  }

  private static Catalog render(List<String> refs, LoadOptions options, dev.fbc.ops.BundleRenderer bundles,
      java.util.Map<String, java.util.concurrent.Future<Catalog>> pulled) {
    Catalog out = Catalog.empty();
    for (String r : refs) {
      Path ref = Path.of(r);
      java.util.concurrent.Future<Catalog> image = pulled.get(r);
      if (image != null) {
        try {
          out = out.concat(image.get());
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof RuntimeException re) {
            throw re;
          }
          throw new FbcException(r + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new FbcException("interrupted", e);
        }
        continue;
      }
      if (!java.nio.file.Files.isDirectory(ref)) {
        throw new FbcException("ref \"" + r + "\" is not a directory: not allowed");
      }
      if (dev.fbc.ops.BundleRenderer.isBundleDirectory(ref)) {
        out = out.with(bundles.render(ref));
      } else {
        out = out.concat(load(List.of(ref), options));
      }
    }
    // opm migrates the whole rendered config, catalogs included, not only the bundles it renders itself
    return RenderNormalizer.normalize(bundles.migrations().apply(out));
  }

  /**
   * Loads and validates catalog directories as {@code opm validate} does, reporting every problem. Files that
   * cannot be loaded are reported as problems too (and then the model is not checked).
   */
  public static dev.fbc.validate.ValidationResult validate(List<Path> paths, LoadOptions options,
      dev.fbc.validate.CatalogValidator validator) {
    List<Problem> loadWarnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    LoadOptions collecting = options.toBuilder().warnings(p -> {
      loadWarnings.add(p);
      options.warnings().accept(p);
    }).build();
    Catalog catalog;
    List<Problem> problems = new java.util.ArrayList<>();
    try {
      // the catalog goes to the validator only, which reads no more than the kind of some property values
      // (unless it checks schemas, which read everything): the load skips their content
      CatalogLoader loader = new CatalogLoader(collecting);
      if (!validator.checksSchemas()) {
        loader = loader.skippingValues(CatalogLoader.KIND_ONLY_FOR_VALIDATION);
      }
      catalog = loader.load(paths);
      problems.addAll(validator.validate(catalog).problems());
    } catch (CatalogLoadException e) {
      problems.addAll(e.problems());
    }
    problems.addAll(0, loadWarnings);
    return new dev.fbc.validate.ValidationResult(problems);
  }

  public static dev.fbc.validate.ValidationResult validate(Path path) {
    LoadOptions options = LoadOptions.defaults();
    return validate(List.of(path), options,
        new dev.fbc.validate.CatalogValidator().withParallelism(options.parallelism()));
  }

  /** Writes the catalog as one stream. The stream is not closed. */
  public static void write(Catalog catalog, OutputStream out, WriteOptions options) {
    CatalogWriter.write(catalog, out,
        options.format() == OutputFormat.JSON ? CatalogWriter.Format.JSON : CatalogWriter.Format.YAML,
        options.lossless(), options.parallelism());
  }

  /**
   * {@code write(render(dirs, ...), out, options)} for catalog directories (not bundle directories or images)
   * without holding the catalog: a quick pass over the files finds every blob's place in opm's order, then the blobs
   * are read, parsed and written in that order a few at a time, so memory follows the blobs in flight, not the
   * files or the catalog. Returns false, having written and reported nothing, when the
   * catalog holds input that only a whole load can vouch for (YAML files, unusual keys); then render and write.
   * With {@code options.lossless()} it does nothing and returns false: lossless output keeps the input order.
   *
   * @throws CatalogLoadException listing every file that could not be read; output larger than
   *     {@link dev.fbc.internal.io.CatalogStreamer#HOLD_BYTES} may then have been written in part (whole blobs)
   */
  public static boolean renderTo(List<Path> dirs, LoadOptions loadOptions, dev.fbc.ops.Migrations migrations,
      OutputStream out, WriteOptions options) {
    if (options.lossless()) {
      return false;
    }
    return new dev.fbc.internal.io.CatalogStreamer(loadOptions).render(dirs,
        b -> RenderNormalizer.normalize(migrations.apply(b)), out,
        options.format() == OutputFormat.JSON ? CatalogWriter.Format.JSON : CatalogWriter.Format.YAML);
  }

  public static String writeToString(Catalog catalog, WriteOptions options) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(catalog, out, options);
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Writes the catalog as a directory, one {@code <package>/catalog.json} (or {@code .yaml}) per package and the
   * blobs of no package in {@code catalog.json} at the top, each file atomically. The directory must not exist or
   * be empty, so nothing is overwritten.
   */
  public static void writeDirectory(Catalog catalog, Path dir, WriteOptions options) {
    try {
      if (java.nio.file.Files.exists(dir)) {
        try (var s = java.nio.file.Files.list(dir)) {
          if (s.findAny().isPresent()) {
            throw new FbcException("output dir \"" + dev.fbc.text.SafeText.path(dir) + "\" must be empty (fbc does not overwrite catalogs)");
          }
        }
      }
      String ext = options.format() == OutputFormat.JSON ? ".json" : ".yaml";
      java.util.Map<String, List<dev.fbc.model.Blob>> byPackage = new java.util.LinkedHashMap<>();
      for (dev.fbc.model.Blob b : options.lossless() ? catalog.blobs()
          : dev.fbc.internal.io.CatalogWriter.opmOrder(catalog.blobs())) {
        byPackage.computeIfAbsent(b.packageName(), k -> new java.util.ArrayList<>()).add(b);
      }
      // every name is checked before anything is written: a bad one late in the catalog must not leave a partial
      // directory behind
      for (String pkg : byPackage.keySet()) {
        if (!pkg.isEmpty()) {
          dev.fbc.text.FileNames.problem(pkg).ifPresent(why -> {
            throw new FbcException("invalid package name \"" + dev.fbc.text.SafeText.value(pkg) + "\": it must be a "
                + "single file name in the output directory, but " + why);
          });
        }
      }
      for (var e : byPackage.entrySet()) {
        String pkg = e.getKey();
        Path file = pkg.isEmpty() ? dir.resolve("catalog" + ext) : dir.resolve(pkg).resolve("catalog" + ext);
        writeFile(new Catalog(e.getValue()), file, options);
      }
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
    }
  }

  /** Writes the catalog to a file atomically: readers see the old file or the new one, never a part. */
  public static void writeFile(Catalog catalog, Path file, WriteOptions options) {
    try {
      AtomicFiles.write(file, out -> write(catalog, out, options));
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }
}
