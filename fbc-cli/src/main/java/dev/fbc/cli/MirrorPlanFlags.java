package dev.fbc.cli;

import dev.fbc.base.FbcException;
import dev.fbc.image.ImageReference;
import dev.fbc.mirror.CatalogSourceTemplate;
import dev.fbc.mirror.MirrorDestination;
import dev.fbc.mirror.MirrorPlan;
import dev.fbc.text.SafeText;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The plan's naming and output options, shared by {@code fbc mirror plan} and {@code fbc mirror} so both name
 * the same destinations and write the same files from the same flags.
 */
public final class MirrorPlanFlags {
  @Option(names = "--naming", paramLabel = "v2|oc-adm", defaultValue = "v2",
      description = "Destination naming: oc-mirror v2's (default) or oc adm catalog mirror's")
  String naming;

  @Option(names = "--max-components", paramLabel = "N",
      description = "With --naming oc-adm: path components kept in the mirror (default 2; 0 = unlimited)")
  Integer maxComponents;

  @Option(names = "--max-nested-paths", paramLabel = "N",
      description = "With --naming v2: path components under the host (default 0 = unlimited); forces "
          + "repository scope in the mirror sets")
  Integer maxNestedPaths;

  @Option(names = "--catalog-image", paramLabel = "REF",
      description = "The catalog image to mirror and point the CatalogSource at (default: <image> when the "
          + "catalog is given as a registry reference)")
  String catalogImage;

  @Option(names = "--target-catalog", paramLabel = "PATH", description = "The catalog's repository path in the mirror")
  String targetCatalog;

  @Option(names = "--target-tag", paramLabel = "TAG", description = "The catalog's tag in the mirror")
  String targetTag;

  @Option(names = "--icsp", description = "Also write imageContentSourcePolicy.yaml (legacy clusters)")
  boolean icsp;

  @Option(names = "--catalog-source-template", paramLabel = "FILE",
      description = "A CatalogSource to start the generated one from (as oc-mirror's targetCatalogSourceTemplate)")
  Path catalogSourceTemplate;

  @Option(names = "--registries-conf-style", paramLabel = "mirror|rewrite", defaultValue = "mirror",
      description = "registries.conf form: [[registry.mirror]] entries (default) or MicroShift's prefix/location")
  String registriesConfStyle;

  @Option(names = "--insecure-mirror", description = "Mark the mirror insecure in registries.conf")
  boolean insecureMirror;

  @Option(names = "--created-at", paramLabel = "TIME",
      description = "Add a createdAt annotation: an RFC 3339 time or 'now' (default: none, so files are reproducible)")
  String createdAt;

  @Option(names = "--overwrite", description = "Replace plan files in the output directory that have other content")
  boolean overwrite;

  /**
   * The plan's options for {@code destination}, every flag checked; {@code catalog} is the catalog image when
   * {@code --catalog-image} does not name one.
   */
  MirrorPlan.Options options(MirrorDestination destination, Optional<ImageReference> catalog) {
    MirrorPlan.Naming n = Choice.of(MirrorPlan.Naming.class, "--naming", naming);
    if (maxComponents != null && n != MirrorPlan.Naming.OC_ADM) {
      throw new FbcException("--max-components applies to --naming oc-adm");
    }
    if (maxNestedPaths != null && n != MirrorPlan.Naming.V2) {
      throw new FbcException("--max-nested-paths applies to --naming v2");
    }
    MirrorPlan.RegistriesConfStyle style = Choice.of(MirrorPlan.RegistriesConfStyle.class,
        "--registries-conf-style", registriesConfStyle);
    MirrorPlan.Options.Builder b = MirrorPlan.Options.builder()
        .destination(destination)
        .naming(n)
        .icsp(icsp ? MirrorPlan.Icsp.WRITE : MirrorPlan.Icsp.SKIP)
        .registriesConfStyle(style)
        .mirrorTls(insecureMirror ? MirrorPlan.MirrorTls.INSECURE : MirrorPlan.MirrorTls.VERIFY);
    if (maxComponents != null) {
      b.maxComponents(maxComponents);
    }
    if (maxNestedPaths != null) {
      b.maxNestedPaths(maxNestedPaths);
    }
    if (targetCatalog != null) {
      b.targetCatalog(targetCatalog);
    }
    if (targetTag != null) {
      b.targetTag(targetTag);
    }
    if (createdAt != null) {
      b.createdAt(createdAt(createdAt));
    }
    (catalogImage != null ? Optional.of(ImageReference.parse(catalogImage)) : catalog).ifPresent(b::catalogImage);
    if (catalogSourceTemplate != null) {
      b.catalogSourceTemplate(CatalogSourceTemplate.load(catalogSourceTemplate));
    }
    return b.build();
  }

  /** Whether the argument names a registry image (not an existing path, an oci: layout or a docker-archive). */
  static boolean isRegistryImage(String ref) {
    return !(java.nio.file.Files.exists(Path.of(ref)) || ref.startsWith("oci:") || ref.startsWith("docker-archive:"));
  }

  /** Writes the plan's files; one in the way is refused unless {@code --overwrite} (which the error names). */
  java.util.List<Path> write(MirrorPlan plan, Path outputDir) {
    return plan.write(outputDir, overwrite ? MirrorPlan.ExistingFiles.REPLACE : MirrorPlan.ExistingFiles.REFUSE);
  }

  /** The one line saying what a plan wrote. */
  static String written(MirrorPlan plan, java.util.List<Path> written, Path outputDir) {
    long images = plan.images().size();
    return images + " image" + (images == 1 ? "" : "s") + " to mirror; wrote " + SafeText.names(
        written.stream().map(p -> p.getFileName().toString()).toList(), ", ") + " in " + SafeText.path(outputDir);
  }

  private static Instant createdAt(String text) {
    if (text.toLowerCase(Locale.ROOT).equals("now")) {
      return Instant.now();
    }
    try {
      return java.time.OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new FbcException("invalid --created-at value \"" + SafeText.value(text)
          + "\", expected an RFC 3339 time such as 2026-01-31T12:00:00Z, or now");
    }
  }
}
