package dev.fbc.cli;

import dev.fbc.image.ImageReference;
import dev.fbc.mirror.MirrorDestination;
import dev.fbc.mirror.MirrorPlan;
import dev.fbc.model.Catalog;
import dev.fbc.semantic.CatalogModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fbc mirror plan <catalog-dir|image> --to docker://... --output-dir DIR}: the images to copy and the cluster
 * files, written without copying anything (docs/mirroring.md).
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Write mapping.txt, IDMS/ITMS, CatalogSource, ClusterCatalog and registries.conf for mirroring "
        + "a catalog, without copying")
public final class MirrorPlanCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "<catalog-dir|image>", description = "Catalog directory or catalog image")
  String ref;

  @Option(names = "--to", required = true, paramLabel = "docker://HOST[:PORT][/PREFIX]",
      description = "The mirror registry")
  String to;

  @Option(names = "--output-dir", required = true, paramLabel = "DIR", description = "Where the files go")
  Path outputDir;

  @Mixin
  MirrorPlanFlags plan;

  @Mixin
  RegistryFlags registry;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    Optional<ImageReference> image = MirrorPlanFlags.isRegistryImage(ref) ? Optional.of(ImageReference.parse(ref))
        : Optional.empty();
    MirrorPlan.Options options = plan.options(MirrorDestination.parse(to), image); // checked before any pull
    Catalog catalog = CatalogArgument.load(ref, registry);
    MirrorPlan mirrorPlan = MirrorPlan.of(CatalogModel.of(catalog), options);
    List<Path> written = plan.write(mirrorPlan, outputDir);
    PrintWriter err = spec.commandLine().getErr();
    err.println(MirrorPlanFlags.written(mirrorPlan, written, outputDir));
    err.flush();
    return 0;
  }
}
