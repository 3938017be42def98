package dev.fbc.cli;

import dev.fbc.Fbc;
import dev.fbc.base.FbcException;
import dev.fbc.base.LoadOptions;
import dev.fbc.base.WriteOptions;
import dev.fbc.model.Catalog;
import dev.fbc.ops.BundleRenderer;
import dev.fbc.text.SafeText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fbc render <catalog-dir|bundle-dir>...}: one normalized stream, byte for byte what {@code opm render}
 * prints.
 */
@Command(name = "render",
    description = "Generate a stream of file-based catalog objects from catalogs and bundles",
    mixinStandardHelpOptions = true)
public final class RenderCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "<catalog-directory>",
      description = "Catalog or bundle directories, images (registry/repo:tag, oci:DIR[:TAG], "
          + "docker-archive:FILE)")
  List<String> refs;

  @Mixin
  OutputFormatOption output;

  @picocli.CommandLine.ParentCommand
  FbcCommand parent;

  @Option(names = "--lossless", description = "Keep every field, the blob order and values as written "
      + "(opm drops unknown fields and sorts)")
  boolean lossless;

  @Option(names = {"--image-ref-template", "--alpha-image-ref-template"}, paramLabel = "TEMPLATE",
      description = "Image reference of bundle directories: {{.Package}}, {{.Name}}, {{.Version}}")
  String imageRefTemplate = "";

  @Option(names = "--migrate-level", paramLabel = "LEVEL", description = "Last migration to run: none (default), "
      + "bundle-object-to-csv-metadata, all")
  String migrateLevel = "";

  @Option(names = "--migrate", description = "Run all migrations (same as --migrate-level all)")
  boolean migrate;

  @Option(names = "--no-progress", description = "No progress line for image pulls (shown only on a terminal)")
  boolean noProgress;

  @picocli.CommandLine.Mixin
  RegistryFlags registry;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    var format = output.format();
    if (migrate && !migrateLevel.isEmpty()) {
      throw new FbcException("if any flags in the group [migrate migrate-level] are set none of the others can be");
    }
    BundleRenderer bundles = BundleRenderer.builder().imageRefTemplate(imageRefTemplate)
        .migrateLevel(migrate ? "all" : migrateLevel).build();
    // catalog directories alone stream: each package is written once read, the catalog is never held whole
    if (!lossless && refs.stream().allMatch(r -> Files.isDirectory(Path.of(r))
        && !BundleRenderer.isBundleDirectory(Path.of(r)))) {
      try (OutputStream out = parent.stdout()) {
        if (Fbc.renderTo(refs.stream().map(Path::of).toList(), LoadWarnings.options(spec), bundles.migrations(),
            out, WriteOptions.builder().format(format).build())) {
          return 0;
        }
      }
    }
    java.io.PrintWriter err = spec.commandLine().getErr();
    // progress lines rewrite themselves with terminal escapes: only where a person watches, and never on request
    boolean terminal = System.console() != null && !noProgress && !"dumb".equals(System.getenv("TERM"));
    Catalog catalog = lossless ? Fbc.load(refs.stream().map(Path::of).toList(), LoadWarnings.options(spec))
        : Fbc.render(refs, LoadWarnings.options(spec), bundles, registry.options(), msg -> {
          if (msg.startsWith("warning: ")) {
            synchronized (err) {
              err.println((terminal ? "\r\033[K" : "") + SafeText.line(msg));
              err.flush();
            }
          } else if (terminal) {
            synchronized (err) {
              err.print("\r\033[K" + SafeText.line(msg));
              err.flush();
            }
          }
        });
    if (terminal && refs.stream().anyMatch(r -> !java.nio.file.Files.exists(Path.of(r)))) {
      err.print("\r\033[K");
      err.flush();
    }
    try (OutputStream out = parent.stdout()) {
      Fbc.write(catalog, out, WriteOptions.builder().format(format).lossless(lossless).build());
    }
    return 0;
  }
}
