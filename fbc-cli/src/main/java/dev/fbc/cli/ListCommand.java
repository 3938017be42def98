package dev.fbc.cli;

import dev.fbc.base.FbcException;
import dev.fbc.base.Problem;
import dev.fbc.model.Catalog;
import dev.fbc.ops.BundleRenderer;
import dev.fbc.ops.Listing;
import dev.fbc.semantic.CatalogModel;
import dev.fbc.text.SafeText;
import dev.fbc.validate.CatalogValidator;
import dev.fbc.validate.ValidationReport;
import dev.fbc.validate.ValidationResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code fbc list packages|channels|bundles <catalog-dir|image> [package]}: {@code opm alpha list}'s tables byte
 * for byte, or the same rows as JSON ({@code -o json}). Like opm, only a valid catalog is listed.
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List contents of a catalog",
    subcommands = {ListCommand.Packages.class, ListCommand.Channels.class, ListCommand.Bundles.class})
public final class ListCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  /** What the three tables share: the catalog argument, the output format, loading and validating. */
  abstract static class Table implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<catalog-dir|image>", description = "Catalog directory or image")
    String ref;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
        description = "text (default, opm's table) or json")
    String output;

    @Mixin
    RegistryFlags registry;

    @Spec
    CommandSpec spec;

    abstract List<? extends Listing.Row> rows(CatalogModel model);

    abstract Class<? extends Listing.Row> kind();

    /** What {@code -o} chooses. */
    enum Output { TEXT, JSON }

    @Override
    public Integer call() throws IOException {
      boolean asJson = Choice.of(Output.class, "--output", output) == Output.JSON;
      if (Files.isDirectory(Path.of(ref)) && BundleRenderer.isBundleDirectory(Path.of(ref))) {
        throw new FbcException("cannot list non-index \"" + SafeText.value(ref) + "\"");
      }
      Catalog catalog = CatalogArgument.load(ref, registry);
      // opm builds its model before listing, so a catalog that fails validation is not listed
      ValidationResult result = new CatalogValidator().validate(catalog);
      if (!result.errors().isEmpty()) {
        PrintWriter err = spec.commandLine().getErr();
        for (Problem p : result.errors()) {
          err.println(ValidationReport.line(p));
        }
        err.flush();
        return 1;
      }
      List<? extends Listing.Row> rows = rows(CatalogModel.of(catalog));
      String text = asJson ? Listing.json(rows) : Listing.text(rows, kind());
      try (OutputStream out = CatalogArgument.stdout(spec)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
      return 0;
    }
  }

  @Command(name = "packages", mixinStandardHelpOptions = true, description = "List packages in an index")
  static final class Packages extends Table {
    @Override
    List<? extends Listing.Row> rows(CatalogModel model) {
      return Listing.packages(model);
    }

    @Override
    Class<? extends Listing.Row> kind() {
      return Listing.PackageRow.class;
    }
  }

  @Command(name = "channels", mixinStandardHelpOptions = true,
      description = "List package channels in an index")
  static final class Channels extends Table {
    @Parameters(index = "1", arity = "0..1", paramLabel = "<package>", defaultValue = "",
        description = "Only this package")
    String pkg;

    @Override
    List<? extends Listing.Row> rows(CatalogModel model) {
      return Listing.channels(model, pkg);
    }

    @Override
    Class<? extends Listing.Row> kind() {
      return Listing.ChannelRow.class;
    }
  }

  @Command(name = "bundles", mixinStandardHelpOptions = true, description = "List package bundles in an index")
  static final class Bundles extends Table {
    @Parameters(index = "1", arity = "0..1", paramLabel = "<package>", defaultValue = "",
        description = "Only this package")
    String pkg;

    @Override
    List<? extends Listing.Row> rows(CatalogModel model) {
      return Listing.bundles(model, pkg);
    }

    @Override
    Class<? extends Listing.Row> kind() {
      return Listing.BundleRow.class;
    }
  }
}
