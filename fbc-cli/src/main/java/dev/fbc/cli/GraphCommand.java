package dev.fbc.cli;

import dev.fbc.base.FbcException;
import dev.fbc.graph.render.GraphRenderer;
import dev.fbc.graph.render.MermaidRenderer;
import dev.fbc.semantic.CatalogModel;
import dev.fbc.semantic.PackageModel;
import java.util.Comparator;
import java.util.List;
import dev.fbc.model.Catalog;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code fbc graph <catalog-dir|image>}: the upgrade graphs of a catalog; mermaid is byte for byte
 * {@code opm alpha render-graph}.
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
    description = "Draw the upgrade graphs of a catalog (mermaid as opm alpha render-graph)")
public class GraphCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "<catalog-dir|image>", description = "Catalog directory or image")
  String ref;

  @Option(names = {"-p", "--package-name", "--package"}, paramLabel = "PACKAGE", defaultValue = "",
      description = "Only this package")
  String packageName;

  @Option(names = "--minimum-edge", paramLabel = "BUNDLE", defaultValue = "",
      description = "Only this bundle's package, without edges from versions below it")
  String minimumEdge;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "mermaid",
      description = "mermaid (default, as opm), dot, svg or html")
  String format;

  @Mixin
  RegistryFlags registry;

  @Spec
  CommandSpec spec;

  /** What {@code --format} chooses. */
  enum Format { MERMAID, DOT, SVG, HTML }

  @Override
  public Integer call() throws IOException {
    Format chosen = Choice.of(Format.class, "--format", format);
    if (chosen != Format.MERMAID && !minimumEdge.isEmpty()) {
      throw new FbcException("--minimum-edge works with --format mermaid only");
    }
    Catalog catalog = CatalogArgument.load(ref, registry);
    if (chosen != Format.MERMAID) {
      write(picture(CatalogModel.of(catalog), chosen));
      return 0;
    }
    MermaidRenderer.Result r = MermaidRenderer.render(catalog,
        new MermaidRenderer.Options(packageName, minimumEdge));
    PrintWriter err = spec.commandLine().getErr();
    for (String w : r.warnings()) {
      err.println("warning: " + w);
    }
    err.flush();
    write(r.text());
    return 0;
  }

  private String picture(CatalogModel model, Format chosen) {
    List<PackageModel> packages = model.packages().values().stream()
        .filter(p -> packageName.isEmpty() || p.name().equals(packageName))
        .sorted(Comparator.comparing(PackageModel::name)).toList();
    if (packages.isEmpty() && !packageName.isEmpty()) {
      throw new FbcException("package \"" + packageName + "\" is not in the catalog");
    }
    return switch (chosen) {
      case DOT -> GraphRenderer.dot(packages);
      case HTML -> GraphRenderer.html(packages);
      case MERMAID -> throw new IllegalStateException("mermaid is written by MermaidRenderer, not drawn");
      case SVG -> {
        if (packages.size() != 1) {
          throw new FbcException("--format svg draws one package: choose it with -p (the catalog has "
              + packages.size() + "), or use --format html for all");
        }
        yield GraphRenderer.svg(packages.get(0));
      }
    };
  }

  private void write(String text) throws IOException {
    try (OutputStream out = CatalogArgument.stdout(spec)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
