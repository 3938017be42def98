package dev.fbc.cli;

import dev.fbc.Fbc;
import dev.fbc.base.FbcException;
import dev.fbc.base.WriteOptions;
import dev.fbc.model.Blob;
import dev.fbc.model.Catalog;
import dev.fbc.ops.BundleRenderer;
import dev.fbc.ops.Migrations;
import dev.fbc.text.SafeText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code fbc migrate <catalog> <out-dir>}: {@code opm migrate} (v1.54) byte for byte: the catalog rendered with
 * the chosen migrations and written as {@code <out-dir>/<package>/catalog.json|yaml}. Like opm v1.54 it leaves out
 * deprecations and blobs of other schemas; unlike opm it says so on stderr.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = "Migrate a file-based catalog to a new file-based catalog applying optional migrations")
public final class MigrateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "<catalog-dir|image>", description = "Catalog directory or image")
  String ref;

  @Parameters(index = "1", paramLabel = "<out-dir>", description = "Output directory (absent or empty)")
  Path outDir;

  @Mixin
  OutputFormatOption output;

  @Option(names = "--migrate-level", paramLabel = "LEVEL", defaultValue = "",
      description = "Last migration to run: none (default), bundle-object-to-csv-metadata, all")
  String migrateLevel;

  @Mixin
  RegistryFlags registry;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    var format = output.format();
    BundleRenderer renderer = BundleRenderer.builder().migrateLevel(migrateLevel).build();
    PrintWriter err = spec.commandLine().getErr();
    // opm's info lines, without logrus's time/level wrapper
    err.println("rendering index \"" + SafeText.value(ref) + "\" as file-based catalog");
    err.flush();
    // checked before rendering, as opm does: a long image pull must not end in this error
    if (Files.isDirectory(outDir)) {
      try (Stream<Path> s = Files.list(outDir)) {
        if (s.findAny().isPresent()) {
          throw new FbcException("output dir \"" + SafeText.path(outDir) + "\" must be empty");
        }
      }
    }
    if (Files.isDirectory(Path.of(ref)) && BundleRenderer.isBundleDirectory(Path.of(ref))) {
      throw new FbcException("render catalog: \"" + SafeText.value(ref) + "\" is a bundle directory; migrate "
          + "takes a catalog directory or image");
    }
    Catalog catalog = Fbc.render(List.of(ref), LoadWarnings.options(spec), renderer, registry.options());
    Migrations.Layout layout = Migrations.opmV154Layout(catalog);
    if (!layout.dropped().isEmpty()) {
      Map<String, Integer> bySchema = new TreeMap<>();
      for (Blob b : layout.dropped()) {
        bySchema.merge(b.schema(), 1, Integer::sum);
      }
      StringBuilder what = new StringBuilder();
      bySchema.forEach((schema, n) -> what.append(what.length() == 0 ? "" : ", ").append(n).append(' ')
          .append(SafeText.value(schema)));
      err.println("warning: not written, as opm v1.54 migrate leaves them out: " + what
          + " (blobs of other schemas, deprecations, or of packages without an olm.package blob)");
    }
    Fbc.writeDirectory(layout.catalog(), outDir, WriteOptions.builder().format(format).build());
    // opm's message ends with a line break of its own, so logrus leaves an empty line after it
    err.println("wrote rendered file-based catalog to \"" + SafeText.path(outDir) + "\"");
    err.println();
    err.flush();
    return 0;
  }
}
