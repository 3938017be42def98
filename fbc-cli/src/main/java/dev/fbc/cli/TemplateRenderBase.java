package dev.fbc.cli;

import dev.fbc.Fbc;
import dev.fbc.base.LoadOptions;
import dev.fbc.base.WriteOptions;
import dev.fbc.model.Catalog;
import dev.fbc.ops.BundleRenderer;
import dev.fbc.template.BundleSource;
import dev.fbc.template.TemplateSource;
import dev.fbc.template.Templates;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What {@code template basic} and {@code template semver} share: reading the template, pulling, writing. */
abstract class TemplateRenderBase implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", defaultValue = "-",
      description = "The template; '-' or none reads standard input")
  String file;

  @Mixin
  OutputFormatOption output;

  @Option(names = "--migrate-level", paramLabel = "LEVEL", description = "Last migration to run on rendered "
      + "bundles: none (default), bundle-object-to-csv-metadata, all")
  String migrateLevel = "";

  @Option(names = "--allow-bundle-directories", description = "Render bundle directories named in the template "
      + "(their path becomes the image; opm refuses them), to preview a catalog before its bundles are pushed")
  boolean allowDirectories;

  @Option(names = "--parallel", defaultValue = "4", paramLabel = "N",
      description = "Images pulled at once, 1 to 8 (default 4)")
  int parallel;

  @Mixin
  RegistryFlags registry;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  abstract Catalog render(TemplateSource source, BundleSource bundles);

  @Override
  public Integer call() throws IOException {
    var format = output.format();
    BundleRenderer bundles = BundleRenderer.builder().migrateLevel(migrateLevel).build();
    TemplateSource source = file.equals("-") ? TemplateSource.of("-", System.in) : TemplateSource.of(Path.of(file));
    BundleSource images = BundleSource.images(registry.options(), bundles, LoadOptions.defaults(), allowDirectories,
        parallel);
    Catalog catalog = render(source, images);
    FbcCommand root = (FbcCommand) spec.root().userObject();
    try (OutputStream out = root.stdout()) {
      Fbc.write(catalog, out, WriteOptions.builder().format(format).build());
    }
    return 0;
  }

  /** {@code template basic FILE}. */
  @picocli.CommandLine.Command(name = "basic", mixinStandardHelpOptions = true,
      description = "Generate a file-based catalog from a basic template (schema olm.template.basic)")
  static final class Basic extends TemplateRenderBase {
    @Override
    Catalog render(TemplateSource source, BundleSource bundles) {
      return Templates.basic(source, bundles);
    }
  }

  /** {@code template semver FILE}. */
  @picocli.CommandLine.Command(name = "semver", mixinStandardHelpOptions = true,
      description = "Generate a file-based catalog from a semver template (schema olm.semver)")
  static final class Semver extends TemplateRenderBase {
    @Override
    Catalog render(TemplateSource source, BundleSource bundles) {
      return Templates.semver(source, bundles);
    }
  }
}
