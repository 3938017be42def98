package dev.fbc.cli;

import dev.fbc.Fbc;
import dev.fbc.base.FbcException;
import dev.fbc.base.LoadOptions;
import dev.fbc.model.Catalog;
import dev.fbc.ops.CatalogFilter;
import dev.fbc.ops.FilterConfiguration;
import dev.fbc.ops.FilterMode;
import dev.fbc.text.SafeText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

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
      converter = ReportFormatConverter.class, completionCandidates = ReportFormats.class,
      description = "Per-channel report on stderr: text (default), json or none")
  PruneReport.Format report;

  /** The lowercase names {@code --report} completes to. */
  static final class ReportFormats implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.Arrays.stream(PruneReport.Format.values()).map(String::valueOf).iterator();
    }
  }

  /** {@code --report} by its lowercase name, with the error line fbc gave before the enum. */
  static final class ReportFormatConverter implements picocli.CommandLine.ITypeConverter<PruneReport.Format> {
    @Override
    public PruneReport.Format convert(String value) {
      for (PruneReport.Format f : PruneReport.Format.values()) {
        if (f.toString().equals(value)) {
          return f;
        }
      }
      throw new picocli.CommandLine.TypeConversionException("invalid --report value \"" + value
          + "\", expected (text|json|none)");
    }
  }

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
    Catalog in = Fbc.load(List.of(catalog), LoadWarnings.options(spec));
    PrintWriter err = spec.commandLine().getErr();
    List<CatalogFilter.UnknownPackage> unknown = CatalogFilter.unknownPackages(in, filter);
    for (CatalogFilter.UnknownPackage u : unknown) {
      err.println("note: package \"" + SafeText.value(u.name()) + "\" is not in the catalog"
          + u.didYouMean().map(d -> " (did you mean \"" + SafeText.value(d) + "\"?)").orElse("")
          + (config != null ? "; oc-mirror ignores it too" : ""));
    }
    if (!keeps.isEmpty() && !unknown.isEmpty() && unknown.size() == filter.packages().size()) {
      // --keep is fbc's own: a typo there should not give an empty catalog (a --config file keeps oc-mirror's way)
      err.flush();
      throw new FbcException("none of the packages to keep is in the catalog");
    }
    CatalogFilter.Result result = CatalogFilter.filter(in, filter, inFull ? FilterMode.FULL : FilterMode.HEADS_ONLY);
    for (String w : result.warnings()) {
      err.println("warning: " + SafeText.line(w));
    }
    if (!result.orphans().isEmpty()) {
      err.println((dropOrphans ? "dropped " : "note: kept ") + result.orphans().size() + " bundles with no channel "
          + "entry, as oc-mirror does" + (dropOrphans ? "" : " (the catalog will not validate; --drop-orphans "
          + "removes them)") + ": " + SafeText.names(result.orphans(), ", "));
      if (dropOrphans) {
        result = result.withoutOrphans();
      }
    }
    PruneReport.print(result.reports(), report, err);
    Catalog outCatalog = result.catalog();
    if (withDependencies) {
      var deps = dev.fbc.ops.DependencyResolver.resolve(in, outCatalog);
      for (String reason : deps.reasons()) {
        err.println("dependency: " + SafeText.line(reason));
      }
      outCatalog = deps.catalog();
    }
    err.flush();
    output.write(outCatalog, parent);
    return 0;
  }
}
