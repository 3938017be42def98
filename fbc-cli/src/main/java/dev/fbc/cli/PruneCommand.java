package dev.fbc.cli;

import dev.fbc.Fbc;
import dev.fbc.base.FbcException;
import dev.fbc.base.LoadOptions;
import dev.fbc.model.Catalog;
import dev.fbc.ops.CatalogFilter;
import dev.fbc.ops.FilterConfiguration;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code fbc prune <catalog>}: the catalog cut down as oc-mirror v2 filters it, byte for byte its output.
 */
@Command(name = "prune", mixinStandardHelpOptions = true,
    description = "Keep only some packages, channels and versions of a catalog (oc-mirror v2's filtering)")
public final class PruneCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "<catalog>", description = "Catalog directory")
  Path catalog;

  @Option(names = "--config", paramLabel = "FILE",
      description = "A FilterConfiguration or an oc-mirror v2 ImageSetConfiguration (one catalog)")
  Path config;

  @Option(names = "--keep", paramLabel = "PKG[:CHANNEL][@RANGE]",
      description = "Keep a package, or one of its channels, optionally a version range (repeatable)")
  List<String> keeps = new ArrayList<>();

  @Option(names = "--full", description = "Keep every bundle of the kept channels, not only their heads")
  boolean full;

  @Option(names = "--drop-orphans", description = "Remove bundles kept without any channel entry "
      + "(oc-mirror keeps them; the result then does not validate)")
  boolean dropOrphans;

  @Option(names = "--with-dependencies", description = "Also keep what kept bundles require (olm.gvk.required, "
      + "olm.package.required), saying why each addition was made")
  boolean withDependencies;

  @Option(names = "--report", paramLabel = "text|json|none", defaultValue = "text",
      description = "Per-channel report on stderr: text (default), json or none")
  String report;

  @Mixin
  CatalogOutput output;

  @ParentCommand
  FbcCommand parent;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    output.options(); // an invalid -o fails before any work
    if (config != null && !keeps.isEmpty()) {
      throw new FbcException("use either --config or --keep, not both");
    }
    FilterConfiguration filter = config != null ? FilterConfiguration.load(config)
        : FilterConfiguration.ofKeeps(keeps);
    boolean inFull = full || (config != null && FilterConfiguration.imageSetFull(config));
    Catalog in = Fbc.load(List.of(catalog), LoadOptions.defaults());
    if (!List.of("text", "json", "none").contains(report)) {
      throw new FbcException("invalid --report value \"" + report + "\", expected (text|json|none)");
    }
    CatalogFilter.Result result = CatalogFilter.filter(in, filter, inFull);
    PrintWriter err = spec.commandLine().getErr();
    for (String w : result.warnings()) {
      err.println("warning: " + w);
    }
    if (!result.orphans().isEmpty()) {
      err.println((dropOrphans ? "dropped " : "note: kept ") + result.orphans().size() + " bundles with no channel "
          + "entry, as oc-mirror does" + (dropOrphans ? "" : " (the catalog will not validate; --drop-orphans "
          + "removes them)") + ": " + String.join(", ", result.orphans()));
      if (dropOrphans) {
        result = result.withoutOrphans();
      }
    }
    PruneReport.print(result.reports(), report, err);
    Catalog outCatalog = result.catalog();
    if (withDependencies) {
      var deps = dev.fbc.ops.DependencyResolver.resolve(in, outCatalog);
      for (String reason : deps.reasons()) {
        err.println("dependency: " + reason);
      }
      outCatalog = deps.catalog();
    }
    err.flush();
    output.write(outCatalog, parent);
    return 0;
  }
}
