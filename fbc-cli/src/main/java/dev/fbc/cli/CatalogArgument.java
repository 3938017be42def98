package dev.fbc.cli;

import dev.fbc.Fbc;
import dev.fbc.base.LoadOptions;
import dev.fbc.model.Catalog;
import dev.fbc.ops.BundleRenderer;
import java.io.OutputStream;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** Reading the {@code <catalog-dir|image>} argument of the graph commands, and finding fbc's stdout from them. */
final class CatalogArgument {
  private CatalogArgument() {}

  /** A catalog directory, or an image when no such path exists, loaded as {@code opm render} would. */
  static Catalog load(String ref, RegistryFlags registry) {
    return Fbc.render(List.of(ref), LoadOptions.defaults(), BundleRenderer.builder().build(), registry.options());
  }

  /** The top command's stdout, however deep the subcommand ({@code fbc alpha render-graph}). */
  static OutputStream stdout(CommandSpec spec) {
    for (CommandSpec s = spec; s != null; s = s.parent()) {
      if (s.userObject() instanceof FbcCommand top) {
        return top.stdout();
      }
    }
    throw new IllegalStateException("not run under fbc");
  }
}
