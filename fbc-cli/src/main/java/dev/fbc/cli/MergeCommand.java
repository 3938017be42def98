package dev.fbc.cli;

import dev.fbc.Fbc;
import dev.fbc.base.LoadOptions;
import dev.fbc.base.Problem;
import dev.fbc.model.Catalog;
import dev.fbc.ops.CatalogMerger;
import dev.fbc.validate.ValidationReport;
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

/** {@code fbc merge <catalog>...}: one catalog from several, conflicts reported with both places. */
@Command(name = "merge", mixinStandardHelpOptions = true, description = "Merge catalogs into one")
public final class MergeCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "<catalog>", description = "Catalog directories, in order")
  List<Path> catalogs;

  @Option(names = "--on-conflict", defaultValue = "error", paramLabel = "error|prefer-first|prefer-last",
      description = "What to do when catalogs define the same blob differently (default: error)")
  String onConflict;

  @Option(names = "--union-channels", description = "Merge the entries of same-named channels")
  boolean unionChannels;

  @Mixin
  CatalogOutput output;

  @ParentCommand
  FbcCommand parent;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    output.options(); // an invalid -o fails before any work
    CatalogMerger.OnConflict mode = switch (onConflict) {
      case "error" -> CatalogMerger.OnConflict.ERROR;
      case "prefer-first" -> CatalogMerger.OnConflict.PREFER_FIRST;
      case "prefer-last" -> CatalogMerger.OnConflict.PREFER_LAST;
      default -> throw new dev.fbc.base.FbcException("invalid --on-conflict value \"" + onConflict
          + "\", expected (error|prefer-first|prefer-last)");
    };
    List<Catalog> inputs = new ArrayList<>();
    for (Path c : catalogs) {
      inputs.add(Fbc.load(List.of(c), LoadWarnings.options(spec)));
    }
    CatalogMerger.Result r = CatalogMerger.builder().onConflict(mode).unionChannels(unionChannels).build()
        .merge(inputs);
    PrintWriter err = spec.commandLine().getErr();
    for (Problem p : r.conflicts()) {
      err.println(ValidationReport.line(p.isError() ? p.withHint(conflictHint(p)) : p));
    }
    for (Problem p : r.introduced()) {
      err.println(ValidationReport.line(p));
    }
    err.flush();
    if (!r.ok()) {
      return 1;
    }
    output.write(r.catalog(), parent);
    return 0;
  }

  /** The library's hint names no flags; here they are (a channel conflict can also be merged). */
  private static String conflictHint(Problem p) {
    return "keep one definition, or merge with --on-conflict prefer-first|prefer-last"
        + (p.channel().isEmpty() ? "" : " or --union-channels");
  }
}
