package dev.fbc.cli;

import dev.fbc.text.Reasons;
import dev.fbc.base.TempDirectories;
import dev.fbc.Fbc;
import dev.fbc.base.CatalogLoadException;
import dev.fbc.base.FbcException;
import dev.fbc.base.LoadOptions;
import dev.fbc.base.WriteOptions;
import dev.fbc.build.BuiltImage;
import dev.fbc.build.CatalogImageBuilder;
import dev.fbc.build.DockerfileGenerator;
import dev.fbc.image.Digest;
import dev.fbc.image.ImageReference;
import dev.fbc.image.RegistryOptions;
import dev.fbc.mirror.Mirror;
import dev.fbc.mirror.MirrorDestination;
import dev.fbc.mirror.MirrorPlan;
import dev.fbc.model.Catalog;
import dev.fbc.ops.BundleRenderer;
import dev.fbc.ops.CatalogFilter;
import dev.fbc.ops.FilterConfiguration;
import dev.fbc.ops.FilterMode;
import dev.fbc.semantic.CatalogModel;
import dev.fbc.text.SafeText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fbc mirror <catalog-dir|image> --to docker://...|oci:DIR}: copies every image of the catalog's
 * {@link MirrorPlan} with {@link Mirror}, then the catalog image (as is, or rebuilt when pruned or given as a
 * directory), then writes the plan's cluster files. {@code fbc mirror plan} writes the files without copying.
 * The steps and rules are in docs/mirroring.md.
 */
@Command(name = "mirror", mixinStandardHelpOptions = true,
    description = "Copy a catalog's images (bundles, related images, the catalog image) to a mirror registry or "
        + "an OCI layout directory, then write the cluster files",
    subcommands = {MirrorPlanCommand.class})
public final class MirrorCommand implements Callable<Integer> {
  /** Where the cluster files go unless --output-dir says otherwise (oc-mirror's folder name). */
  static final String DEFAULT_OUTPUT_DIR = "cluster-resources";
  /** The name a catalog image has inside the temporary layout it is built into. */
  private static final String BUILT = "catalog";

  // not required for picocli: a parent's required options would be demanded of `fbc mirror plan` too
  @Parameters(index = "0", arity = "0..1", paramLabel = "<catalog-dir|image>",
      description = "Catalog directory or catalog image")
  String ref;

  @Option(names = "--to", paramLabel = "docker://HOST[:PORT][/PREFIX]|oci:DIR",
      description = "The mirror registry, or an OCI layout directory to carry to a disconnected network")
  String to;

  @Option(names = "--from", paramLabel = "oci:DIR",
      description = "Read the images from a directory an earlier --to oci:DIR wrote, not from their registries")
  String from;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Prune the catalog first, as fbc prune --config does (oc-mirror ImageSetConfiguration or "
          + "FilterConfiguration); the pruned catalog is mirrored as a new catalog image")
  Path config;

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
      description = "Copy only this platform of multi-platform images (default: every platform)")
  String platform;

  @Option(names = "--parallel", paramLabel = "N", defaultValue = "" + Mirror.DEFAULT_PARALLEL,
      description = "Images copied at once (default ${DEFAULT-VALUE}, at most " + Mirror.MAX_PARALLEL + ")")
  int parallel;

  @Option(names = "--dry-run", description = "Write the plan's files (as fbc mirror plan) and copy nothing")
  boolean dryRun;

  @Option(names = "--output-dir", paramLabel = "DIR", defaultValue = DEFAULT_OUTPUT_DIR,
      description = "Where the cluster files go (default ${DEFAULT-VALUE}); only the plan's own file names are "
          + "written")
  Path outputDir;

  @Option(names = "--catalog-base", paramLabel = "REF", defaultValue = DockerfileGenerator.DEFAULT_IMAGE,
      description = "Base of a rebuilt catalog image: registry reference, oci:DIR[:TAG] or scratch "
          + "(default ${DEFAULT-VALUE}, as fbc build)")
  String catalogBase;

  @Mixin
  MirrorPlanFlags plan;

  @Mixin
  MirrorRegistryFlags registry;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (ref == null || to == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "fbc mirror needs "
          + (ref == null ? "a catalog directory or image" + (to == null ? " and " : "") : "")
          + (to == null ? "--to docker://HOST[:PORT][/PREFIX] or --to oci:DIR" : "")
          + " (fbc mirror plan writes the files only)");
    }
    try {
      return mirror();
    } catch (CatalogLoadException e) {
      throw e;
    } catch (FbcException e) {
      // the library names the image or file; the line says which command failed, once
      throw new FbcException("fbc mirror: " + e.getMessage(), e.remedy(), e);
    }
  }

  /** What the catalog image is and how it reaches the mirror. */
  private enum CatalogCopy {
    /** the catalog image of the argument, unchanged: same digest in the mirror */
    AS_IS,
    /** a catalog directory or a pruned catalog: built with CatalogImageBuilder, then copied */
    BUILT,
    /** stored by an earlier --to oci:DIR (as is or built there): copied from the layout */
    FROM_LAYOUT
  }

  private int mirror() throws IOException {
    Optional<Path> disk = to.startsWith("oci:") ? Optional.of(ociDir(to, "--to")) : Optional.empty();
    Optional<Path> fromDir = from == null ? Optional.empty() : Optional.of(ociDir(from, "--from"));
    if (fromDir.isPresent() && !Files.isDirectory(fromDir.get())) {
      throw new FbcException("--from " + SafeText.value(from) + ": no such directory");
    }
    if (disk.isPresent() && fromDir.isPresent()) {
      throw new FbcException("--from oci:DIR copies to a registry; to copy a layout to another place, copy the "
          + "directory");
    }
    if (disk.isPresent() && dryRun) {
      throw new FbcException("--dry-run writes the cluster files of a registry destination: use --to docker://...");
    }
    // a layout has no registry names yet: the plan's destinations are only needed for the enumeration then
    MirrorDestination destination = disk.isPresent() ? new MirrorDestination("localhost", "")
        : destination(to);
    boolean isImage = MirrorPlanFlags.isRegistryImage(ref);
    MirrorPlan.Options planOptions = plan.options(destination, Optional.of(isImage ? ImageReference.parse(ref)
        : ImageReference.parse("localhost/" + defaultName(ref) + ":latest")));
    Mirror.Options.Builder copyOptions = Mirror.Options.builder()
        // the blob cache is for catalog images read again and again, not for every image a mirror copies once
        .source(registry.source(platform != null ? platform : RegistryOptions.defaults().platform()).toBuilder()
            .cacheDir(Optional.empty()).build())
        .destination(registry.destination())
        .parallel(parallel)
        .platform(Optional.ofNullable(platform));
    Mirror.Options direct = copyOptions.build();
    ImageReference catalogRef = planOptions.catalogImage().orElseThrow();
    String catalogKey = new MirrorPlan.Image(catalogRef, "", MirrorPlan.Kind.CATALOG).pullReference();
    PrintWriter err = spec.commandLine().getErr();

    Path work = Files.createTempDirectory("fbc-mirror-");
    try {
      Catalog catalog;
      CatalogCopy catalogCopy;
      if (fromDir.isPresent() && isImage) {
        // the second step of an air-gapped copy: the catalog is what the first step stored, pruned there if asked
        catalog = catalogFromLayout(direct.toBuilder().from(fromDir.get()).build(), catalogKey, work);
        catalogCopy = CatalogCopy.FROM_LAYOUT;
      } else {
        catalog = Fbc.render(List.of(ref), LoadOptions.defaults(), BundleRenderer.builder().build(), direct.source());
        if (config != null) {
          catalog = prune(catalog, err);
        }
        catalogCopy = fromDir.isPresent() ? CatalogCopy.FROM_LAYOUT
            : isImage && config == null ? CatalogCopy.AS_IS : CatalogCopy.BUILT;
      }
      CatalogModel model = CatalogModel.of(catalog);
      MirrorPlan mirrorPlan = MirrorPlan.of(model, planOptions);
      if (dryRun) {
        List<Path> written = plan.write(mirrorPlan, outputDir);
        err.println(MirrorPlanFlags.written(mirrorPlan, written, outputDir) + " (dry run: nothing copied)");
        err.flush();
        return 0;
      }
      MirrorPlan.Image catalogImage = mirrorPlan.catalog().orElseThrow();
      List<Mirror.Copy> content = new ArrayList<>();
      for (MirrorPlan.Image i : mirrorPlan.images()) {
        if (i.kind() != MirrorPlan.Kind.CATALOG) {
          // to a layout: keyed by the source reference, so the --from step finds it
          content.add(new Mirror.Copy(i.pullReference(), disk.map(d -> "oci:" + d).orElse(i.destination())));
        }
      }
      String catalogTo = disk.map(d -> "oci:" + d + ":" + catalogKey).orElse(catalogImage.destination());
      Mirror.Options contentOptions = fromDir.map(d -> direct.toBuilder().from(d).build()).orElse(direct);
      Progress progress = new Progress(err, content.size() + 1);
      List<Mirror.ImageResult> results = new ArrayList<>(new Mirror(contentOptions).run(content, progress).images());
      // the catalog last: a cluster that sees it finds the images it names already copied
      results.add(switch (catalogCopy) {
        case AS_IS -> copyOne(direct, new Mirror.Copy(catalogKey, catalogTo), progress);
        case FROM_LAYOUT -> copyOne(contentOptions, new Mirror.Copy(catalogKey, catalogTo), progress);
        case BUILT -> buildAndCopy(catalog, direct, catalogTo, retagged(model, planOptions, catalogRef, catalogTo),
            work, progress);
      });
      Optional<Digest> builtDigest = results.get(results.size() - 1).digest();
      if (catalogCopy == CatalogCopy.BUILT && builtDigest.isPresent() && disk.isEmpty()) {
        // the cluster files name the catalog where it was pushed
        mirrorPlan = MirrorPlan.of(model, builtOptions(planOptions, catalogRef, builtDigest.get()));
      }
      Mirror.Report report = new Mirror.Report(results);
      summary(report, err);
      if (disk.isEmpty()) {
        List<Path> written = plan.write(mirrorPlan, outputDir);
        err.println("wrote " + SafeText.names(written.stream().map(p -> p.getFileName().toString()).toList(), ", ")
            + " in " + SafeText.path(outputDir));
      }
      err.flush();
      return report.complete() ? 0 : 1;
    } finally {
      TempDirectories.deleteQuietly(work);
    }
  }

  /**
   * Where a rebuilt catalog goes, once its digest is known: a catalog pinned by digest alone is tagged after the
   * rebuilt image's digest, not the source's, which would name an image the tag does not hold (oc-mirror's
   * OCPBUGS-52470); other catalogs keep the planned destination.
   */
  private static Function<Digest, String> retagged(CatalogModel model, MirrorPlan.Options options,
      ImageReference catalogRef, String planned) {
    return d -> planned.startsWith("oci:") ? planned
        : MirrorPlan.of(model, builtOptions(options, catalogRef, d)).catalog().orElseThrow().destination();
  }

  private static MirrorPlan.Options builtOptions(MirrorPlan.Options options, ImageReference catalogRef, Digest d) {
    boolean byDigestOnly = catalogRef.tag().isEmpty() && catalogRef.digest().isPresent()
        && options.targetTag().isEmpty();
    return byDigestOnly ? options.toBuilder().targetTag(d.algorithm() + "-" + d.hex()).build() : options;
  }

  /** Prunes as {@code fbc prune --config} does: the same configuration, mode and library call. */
  private Catalog prune(Catalog in, PrintWriter err) {
    FilterConfiguration filter = FilterConfiguration.load(config);
    FilterMode mode = FilterConfiguration.imageSetFull(config) ? FilterMode.FULL : FilterMode.HEADS_ONLY;
    for (CatalogFilter.UnknownPackage u : CatalogFilter.unknownPackages(in, filter)) {
      err.println("note: package \"" + SafeText.value(u.name()) + "\" is not in the catalog; oc-mirror ignores it "
          + "too");
    }
    CatalogFilter.Result result = CatalogFilter.filter(in, filter, mode);
    for (String w : result.warnings()) {
      err.println("warning: " + SafeText.line(w));
    }
    return result.catalog();
  }

  /** Reads the catalog image an earlier {@code --to oci:DIR} stored under {@code key}. */
  private static Catalog catalogFromLayout(Mirror.Options fromLayout, String key, Path work) {
    // the layout names images by full reference (colons and slashes), which render's oci:DIR:TAG cannot
    // address: the image is copied into a layout of its own first
    Path one = work.resolve("stored-catalog");
    Mirror.Report r = new Mirror(fromLayout).run(List.of(new Mirror.Copy(key, "oci:" + one + ":" + BUILT)),
        Mirror.Listener.NONE);
    if (!r.complete()) {
      throw new FbcException("catalog image: " + r.failed().get(0).reason().orElse("failed"));
    }
    return Fbc.render(List.of("oci:" + one + ":" + BUILT), LoadOptions.defaults(), BundleRenderer.builder().build(),
        fromLayout.source());
  }

  /** Builds the catalog image into a temporary layout as fbc build would, then copies it to the mirror. */
  private Mirror.ImageResult buildAndCopy(Catalog catalog, Mirror.Options direct, String catalogTo,
      Function<Digest, String> destinationOf, Path work, Progress progress) {
    Path layout = work.resolve("built-catalog");
    boolean directory = config == null && Files.isDirectory(Path.of(ref));
    BuiltImage built;
    try {
      Path dir = Path.of(ref);
      if (!directory) {
        dir = work.resolve("catalog");
        Fbc.writeDirectory(catalog, dir, WriteOptions.defaults());
      }
      built = CatalogImageBuilder.builder(dir)
          .base(catalogBase)
          .platforms(platform == null ? List.of() : List.of(platform))
          .registry(direct.source())
          .env(System.getenv())
          // a directory is checked as fbc build checks it; a pruned catalog is oc-mirror's result as it is
          .validate(directory)
          .epochSeconds(CatalogImageBuilder.epochFrom(System.getenv()))
          .build()
          .buildTo("oci:" + layout + ":" + BUILT);
      progress.built(built);
    } catch (RuntimeException | IOException e) {
      Mirror.ImageResult failed = new Mirror.ImageResult(new Mirror.Copy("catalog " + ref, catalogTo),
          // fbc build's way out is its own flag; fbc mirror has none, the directory has to be fixed
          Mirror.Outcome.FAILED, Optional.empty(), Optional.of("catalog image: " + oneLine(e)
              + (e instanceof FbcException f && f.remedy() == FbcException.Remedy.SKIP_VALIDATION
                  ? " (fbc validate lists every problem)" : "")), 0, 0);
      progress.imageFailed(failed);
      return failed;
    }
    return copyOne(direct, new Mirror.Copy("oci:" + layout + ":" + BUILT, destinationOf.apply(built.digest())),
        progress);
  }

  private static Mirror.ImageResult copyOne(Mirror.Options options, Mirror.Copy copy, Progress progress) {
    return new Mirror(options).run(List.of(copy), progress).images().get(0);
  }

  /** Counts and every failure with its reason; the same text on every run of the same outcome. */
  private void summary(Mirror.Report report, PrintWriter err) {
    for (Mirror.ImageResult f : report.failed()) {
      err.println("failed: " + SafeText.line(f.reason().orElse("failed")));
    }
    long n = report.images().size();
    err.println(n + " image" + (n == 1 ? "" : "s") + " to " + SafeText.value(to) + ": "
        + report.count(Mirror.Outcome.COPIED) + " copied, " + report.count(Mirror.Outcome.ALREADY_PRESENT)
        + " already present, " + report.count(Mirror.Outcome.FAILED) + " failed");
    Mirror.ImageResult catalog = report.images().get(report.images().size() - 1);
    catalog.digest().ifPresent(d -> err.println("catalog image: " + SafeText.value(catalog.copy().destination())
        + "@" + d));
    if (!report.complete()) {
      err.println("fbc mirror: " + report.failed().size() + " of " + n + " images failed; run the same command "
          + "again to copy only what is missing");
    }
  }

  /** A line per image on a terminal; nothing in a log or a pipe, where the summary says it all. */
  private static final class Progress implements Mirror.Listener {
    private final PrintWriter err;
    private final int total;
    private final boolean terminal = System.console() != null;
    private final AtomicInteger done = new AtomicInteger();

    Progress(PrintWriter err, int total) {
      this.err = err;
      this.total = total;
    }

    @Override
    public void imageDone(Mirror.ImageResult r) {
      line((r.outcome() == Mirror.Outcome.COPIED ? "copied " : "already present ") + r.copy().destination());
    }

    @Override
    public void imageFailed(Mirror.ImageResult r) {
      line("failed " + r.copy().source());
    }

    void built(BuiltImage img) {
      if (terminal) {
        synchronized (this) {
          err.println("built catalog image " + img.digest());
          err.flush();
        }
      }
    }

    private void line(String text) {
      int n = done.incrementAndGet();
      if (terminal) {
        synchronized (this) {
          err.println("[" + n + "/" + total + "] " + SafeText.line(text));
          err.flush();
        }
      }
    }
  }

  private static MirrorDestination destination(String text) {
    if (!text.startsWith(MirrorDestination.SCHEME)) {
      throw new FbcException("invalid --to \"" + SafeText.value(text)
          + "\": expected docker://HOST[:PORT][/PREFIX] or oci:DIR");
    }
    return MirrorDestination.parse(text);
  }

  /** The directory of {@code oci:DIR}; a colon in it would be read as a name, so it is refused. */
  private static Path ociDir(String spec, String flag) {
    if (!spec.startsWith("oci:") || spec.length() == 4) {
      throw new FbcException("invalid " + flag + " \"" + SafeText.value(spec) + "\": expected oci:DIR");
    }
    String dir = spec.substring(4);
    if (dir.contains(":")) {
      throw new FbcException("invalid " + flag + " \"" + SafeText.value(spec) + "\": the directory's path must not "
          + "contain ':'");
    }
    return Path.of(dir);
  }

  /**
   * The repository a catalog directory's image is named by when --catalog-image does not name one: its folder
   * name as a repository path component ({@code catalog} when nothing is left of it).
   */
  static String defaultName(String ref) {
    String spec = ref.startsWith("oci:") ? ref.substring(4) : ref.startsWith("docker-archive:")
        ? ref.substring("docker-archive:".length()) : ref;
    Path file = Path.of(spec).toAbsolutePath().normalize().getFileName();
    String name = file == null ? "" : file.toString().toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return name.isEmpty() ? "catalog" : name;
  }

  private static String oneLine(Throwable e) {
    return Reasons.of(e);
  }

}
