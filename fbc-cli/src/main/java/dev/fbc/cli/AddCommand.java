package dev.fbc.cli;

import dev.fbc.Fbc;
import dev.fbc.base.FbcException;
import dev.fbc.base.LoadOptions;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.Catalog;
import dev.fbc.ops.BundleRenderer;
import dev.fbc.ops.CatalogEditor;
import dev.fbc.ops.Replaces;
import dev.fbc.text.SafeText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fbc add bundle|channel}: edits a catalog directory in place, refusing edits that break it. */
@Command(name = "add", mixinStandardHelpOptions = true, description = "Add a bundle or a channel to a catalog",
    subcommands = {AddCommand.Bundle.class, AddCommand.Channel.class})
public final class AddCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name what to add: bundle or channel");
  }

  /** {@code fbc add bundle <ref> --catalog DIR --channel C}. */
  @Command(name = "bundle", mixinStandardHelpOptions = true,
      description = "Render a bundle (directory or image) and add it with its channel entry")
  public static final class Bundle implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<bundle-ref>", description = "Bundle directory, image or oci:/docker-archive: ref")
    String ref;

    @Option(names = "--catalog", required = true, paramLabel = "DIR", description = "The catalog directory to edit")
    Path catalog;

    @Option(names = "--channel", required = true, paramLabel = "NAME", description = "The channel to add it to")
    String channel;

    @Option(names = "--replaces", defaultValue = "auto", paramLabel = "auto|none|NAME",
        description = "The entry it replaces: auto (the channel head, default), none, or a bundle name")
    String replaces;

    @Option(names = "--skip-range", defaultValue = "", paramLabel = "RANGE", description = "skipRange of the entry")
    String skipRange;

    @Option(names = "--skips", split = ",", paramLabel = "NAME", description = "Bundles the entry skips")
    List<String> skips = new ArrayList<>();

    @Option(names = {"--image-ref-template", "--alpha-image-ref-template"}, defaultValue = "",
        paramLabel = "TEMPLATE", description = "Image reference of a bundle directory: {{.Package}} {{.Name}} {{.Version}}")
    String imageRefTemplate;

    @Mixin
    RegistryFlags registry;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      BundleRenderer renderer = BundleRenderer.builder().imageRefTemplate(imageRefTemplate).build();
      Catalog rendered = Fbc.render(List.of(ref), LoadWarnings.options(spec), renderer, registry.options());
      if (rendered.bundles().size() != 1) {
        throw new FbcException("\"" + ref + "\" is not a single bundle (found " + rendered.bundles().size()
            + " bundles)");
      }
      BundleBlob b = rendered.bundles().get(0);
      Replaces edge = switch (replaces) {
        case "auto" -> Replaces.auto();
        case "none" -> Replaces.none();
        default -> Replaces.bundle(replaces);
      };
      List<Path> written = CatalogEditor.open(catalog).addBundle(b, channel,
          new CatalogEditor.EntryOptions(edge, skipRange, skips)).save();
      spec.commandLine().getErr().println("added " + SafeText.value(b.name()) + " to channel \"" + SafeText.value(channel)
          + "\" of package \"" + SafeText.value(b.packageName()) + "\" (" + written.size() + (written.size() == 1 ? " file" : " files") + " written)");
      return 0;
    }
  }

  /** {@code fbc add channel NAME --package P --catalog DIR --entry B...}. */
  @Command(name = "channel", mixinStandardHelpOptions = true,
      description = "Add a channel whose entries replace one another in the order given")
  public static final class Channel implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<name>", description = "The channel name")
    String name;

    @Option(names = "--package", required = true, paramLabel = "PKG")
    String pkg;

    @Option(names = "--catalog", required = true, paramLabel = "DIR")
    Path catalog;

    @Option(names = "--entry", required = true, paramLabel = "BUNDLE",
        description = "Bundles of the channel, oldest first (repeatable)")
    List<String> entries;

    @Override
    public Integer call() {
      CatalogEditor.open(catalog).addChannel(pkg, name, entries).save();
      return 0;
    }
  }
}
