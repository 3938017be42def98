package dev.fbc.cli;

import dev.fbc.Fbc;
import dev.fbc.base.LoadOptions;
import dev.fbc.model.Catalog;
import dev.fbc.ops.BundleRenderer;
import dev.fbc.template.Templates;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code template convert basic <catalog-dir|file|image>}: the basic template that renders back to a catalog. */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = "Generate a template from an existing file-based catalog",
    subcommands = TemplateConvertCommand.Basic.class)
public final class TemplateConvertCommand implements Runnable {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing template type (basic)");
  }

  /** The one template type a catalog converts to. */
  @Command(name = "basic", mixinStandardHelpOptions = true,
      description = "Generate a basic template from a catalog directory, file or catalog image")
  static final class Basic implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CATALOG", description = "Catalog directory, file or image")
    String ref;

    @Mixin
    OutputFormatOption output;

    @Mixin
    RegistryFlags registry;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      var format = output.format();
      Catalog catalog = Fbc.render(List.of(ref), LoadOptions.defaults(), BundleRenderer.builder().build(),
          registry.options());
      FbcCommand root = (FbcCommand) spec.root().userObject();
      try (OutputStream out = root.stdout()) {
        out.write(Templates.convertBasic(catalog, format));
      }
      return 0;
    }
  }
}
