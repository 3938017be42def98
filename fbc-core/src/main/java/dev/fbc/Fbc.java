package dev.fbc;

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
    Catalog out = Catalog.empty();
    dev.fbc.ops.ImageRenderer images = null;
    for (String r : refs) {
      Path ref = Path.of(r);
      if (!java.nio.file.Files.exists(ref)) {
        if (images == null) {
          images = new dev.fbc.ops.ImageRenderer(registry, bundles, options, System.getenv());
        }
        out = out.concat(images.render(r));
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
    return RenderNormalizer.normalize(out);
  }

  /**
   * Loads and validates catalog directories as {@code opm validate} does, reporting every problem. Files that
   * cannot be loaded are reported as problems too (and then the model is not checked).
   */
  public static dev.fbc.validate.ValidationResult validate(List<Path> paths, LoadOptions options,
      dev.fbc.validate.CatalogValidator validator) {
    Catalog catalog;
    try {
      catalog = load(paths, options);
    } catch (CatalogLoadException e) {
      return new dev.fbc.validate.ValidationResult(e.problems());
    }
    return validator.validate(catalog);
  }

  public static dev.fbc.validate.ValidationResult validate(Path path) {
    return validate(List.of(path), LoadOptions.defaults(), new dev.fbc.validate.CatalogValidator());
  }

  /** Writes the catalog as one stream. The stream is not closed. */
  public static void write(Catalog catalog, OutputStream out, WriteOptions options) {
    CatalogWriter.write(catalog, out,
        options.format() == OutputFormat.JSON ? CatalogWriter.Format.JSON : CatalogWriter.Format.YAML,
        options.lossless(), options.parallelism());
  }

  public static String writeToString(Catalog catalog, WriteOptions options) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(catalog, out, options);
    return out.toString(StandardCharsets.UTF_8);
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
