package dev.fbc.mirror;

import dev.fbc.text.Reasons;
import dev.fbc.base.FbcException;
import dev.fbc.image.ImageReference;
import dev.fbc.model.RelatedImage;
import dev.fbc.semantic.BundleModel;
import dev.fbc.semantic.CatalogModel;
import dev.fbc.text.SafeText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every image a catalog needs in a mirror registry, with where it goes, and the files a cluster needs to use the
 * mirror. Built from the semantic layer: each bundle's image and its {@code relatedImages}, de-duplicated, plus
 * the catalog image when one is named. Destinations follow oc-mirror v2's naming by default, or
 * {@code oc adm catalog mirror}'s; the rules are in {@code docs/mirroring.md}.
 *
 * <pre>{@code
 * MirrorPlan plan = MirrorPlan.of(CatalogModel.of(catalog), MirrorPlan.Options.builder()
 *     .destination(MirrorDestination.parse("docker://mirror.example.com:5000"))
 *     .catalogImage(ImageReference.parse("registry.example.com/redhat/redhat-operator-index:v4.18"))
 *     .build());
 * plan.images();    // (source, destination, kind) per image, sorted
 * plan.outputs();   // mapping.txt, idms-operator-0.yaml, ..., cs-redhat-operator-index-v4-18.yaml
 * }</pre>
 *
 * <p>Immutable and thread-safe; rendering is deterministic (no time stamp unless {@link Options#createdAt()} is
 * set).
 */
public final class MirrorPlan {
  /** How destination repositories and tags are named. */
  public enum Naming {
    /** oc-mirror v2: {@code <dest>/<path without host>:<tag>}, digest-only sources tagged {@code sha256-<hex>}. */
    V2,
    /** {@code oc adm catalog mirror}: path components capped by {@code maxComponents}, FNV-32a tags. */
    OC_ADM
  }

  /** Why an image is in the plan. */
  public enum Kind { BUNDLE, RELATED_IMAGE, CATALOG }

  /** How the source names its content. */
  public enum Pinning {
    /** {@code repo@sha256:...} */
    DIGEST,
    /** {@code repo:tag} */
    TAG,
    /** {@code repo:tag@sha256:...}: pulled by digest, pushed with the tag */
    TAG_AND_DIGEST
  }

  /** Whether the legacy ImageContentSourcePolicy is written too (for clusters older than OpenShift 4.13). */
  public enum Icsp { SKIP, WRITE }

  /** The form of the CRI-O {@code registries.conf} drop-in. */
  public enum RegistriesConfStyle {
    /** {@code [[registry.mirror]]} entries, as the machine-config operator renders IDMS/ITMS. */
    MIRROR,
    /** {@code prefix = source, location = mirror}: the MicroShift drop-in form. */
    REWRITE
  }

  /** Whether the mirror registry is marked {@code insecure} (plain HTTP or unverified TLS) in registries.conf. */
  public enum MirrorTls { VERIFY, INSECURE }

  /** What happens to a file of the plan that already exists in the output directory with other content. */
  public enum ExistingFiles { REFUSE, REPLACE }

  /**
   * One image to copy.
   *
   * @param source the reference as the catalog has it
   * @param destination {@code host[:port]/path:tag} in the mirror (no transport, no digest)
   */
  public record Image(ImageReference source, String destination, Kind kind) {
    public Image {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(destination, "destination");
      Objects.requireNonNull(kind, "kind");
    }

    public Pinning pinning() {
      if (source.digest().isEmpty()) {
        return Pinning.TAG;
      }
      return source.tag().isEmpty() ? Pinning.DIGEST : Pinning.TAG_AND_DIGEST;
    }

    /**
     * What is pulled: {@code registry/repository@digest} when the source has a digest (a tag next to it is
     * dropped, as oc-mirror pulls such images by digest), else {@code registry/repository:tag}.
     */
    public String pullReference() {
      String repo = source.registry() + "/" + source.repository();
      return source.digest().map(d -> repo + "@" + d).orElse(repo + ":" + source.tag());
    }

    /** The destination repository, {@code host[:port]/path}, without the tag. */
    public String destinationRepository() {
      return destination.substring(0, destination.lastIndexOf(':'));
    }
  }

  /** A rendered output file: its name in the output directory and its bytes. */
  public record Output(String fileName, byte[] bytes) {
    public Output {
      Objects.requireNonNull(fileName, "fileName");
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    public String text() {
      return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /**
   * What to plan and render.
   *
   * @param destination where images go
   * @param naming destination naming (default {@link Naming#V2})
   * @param maxComponents for {@link Naming#OC_ADM}: path components kept in the mirror, the rest joined with
   *     {@code -} (default 2; 0 = unlimited; 1 is refused)
   * @param maxNestedPaths for {@link Naming#V2}: path components under the host, the rest joined with {@code -};
   *     forces repository scope in the mirror sets (default 0 = unlimited; 1 is refused)
   * @param catalogImage the catalog image to mirror and to point the CatalogSource at; without it there is no
   *     CatalogSource or ClusterCatalog
   * @param targetCatalog replaces the catalog's repository path in the mirror (oc-mirror's {@code targetCatalog})
   * @param targetTag replaces the catalog's tag in the mirror (oc-mirror's {@code targetTag})
   * @param icsp whether {@code imageContentSourcePolicy.yaml} is written
   * @param icspMaxBytes the most bytes of YAML one ImageContentSourcePolicy object may have (default 250,000, as
   *     oc-mirror v1 and {@code oc adm catalog mirror}); larger sets are split into several objects
   * @param registriesConfStyle the form of {@code registries.conf}
   * @param mirrorTls whether the mirror is marked insecure in {@code registries.conf}
   * @param catalogSourceTemplate a CatalogSource to start from (oc-mirror's {@code targetCatalogSourceTemplate})
   * @param createdAt when set, the {@code createdAt} annotation; otherwise there is none, so the files are the
   *     same on every run
   */
  public record Options(MirrorDestination destination, Naming naming, int maxComponents, int maxNestedPaths,
      Optional<ImageReference> catalogImage, Optional<String> targetCatalog, Optional<String> targetTag, Icsp icsp,
      int icspMaxBytes, RegistriesConfStyle registriesConfStyle, MirrorTls mirrorTls,
      Optional<CatalogSourceTemplate> catalogSourceTemplate, Optional<Instant> createdAt) {
    public static final int DEFAULT_MAX_COMPONENTS = 2;
    public static final int DEFAULT_ICSP_MAX_BYTES = 250_000;
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*");

    public Options {
      Objects.requireNonNull(destination, "destination");
      Objects.requireNonNull(naming, "naming");
      Objects.requireNonNull(catalogImage, "catalogImage");
      Objects.requireNonNull(targetCatalog, "targetCatalog");
      Objects.requireNonNull(targetTag, "targetTag");
      Objects.requireNonNull(icsp, "icsp");
      Objects.requireNonNull(registriesConfStyle, "registriesConfStyle");
      Objects.requireNonNull(mirrorTls, "mirrorTls");
      Objects.requireNonNull(catalogSourceTemplate, "catalogSourceTemplate");
      Objects.requireNonNull(createdAt, "createdAt");
      if (maxComponents < 0 || maxComponents == 1) {
        throw new FbcException("max components must be 0 (unlimited) or 2 or more, not " + maxComponents);
      }
      if (maxNestedPaths < 0 || maxNestedPaths == 1) {
        throw new FbcException("max nested paths must be 0 (unlimited) or 2 or more, not " + maxNestedPaths);
      }
      if (naming == Naming.OC_ADM && maxNestedPaths != 0) {
        throw new FbcException("max nested paths applies to the v2 naming; oc-adm naming uses max components");
      }
      if (naming == Naming.OC_ADM && (targetCatalog.isPresent() || targetTag.isPresent())) {
        throw new FbcException("target catalog and target tag apply to the v2 naming only");
      }
      if (icspMaxBytes < 1) {
        throw new FbcException("the ImageContentSourcePolicy size limit must be positive, not " + icspMaxBytes);
      }
      targetCatalog.ifPresent(t -> {
        for (String c : t.split("/", -1)) {
          if (!COMPONENT.matcher(c).matches()) {
            throw new FbcException("invalid target catalog \"" + SafeText.value(t)
                + "\": each path component must be lowercase letters, digits and separators");
          }
        }
      });
      targetTag.ifPresent(t -> {
        if (!TAG.matcher(t).matches()) {
          throw new FbcException("invalid target tag \"" + SafeText.value(t) + "\"");
        }
      });
    }

    public static Builder builder() {
      return new Builder();
    }

    public Builder toBuilder() {
      Builder b = new Builder();
      b.destination = destination;
      b.naming = naming;
      b.maxComponents = maxComponents;
      b.maxNestedPaths = maxNestedPaths;
      b.catalogImage = catalogImage;
      b.targetCatalog = targetCatalog;
      b.targetTag = targetTag;
      b.icsp = icsp;
      b.icspMaxBytes = icspMaxBytes;
      b.registriesConfStyle = registriesConfStyle;
      b.mirrorTls = mirrorTls;
      b.catalogSourceTemplate = catalogSourceTemplate;
      b.createdAt = createdAt;
      return b;
    }

    /** Builds {@link Options}; only the destination is required. */
    public static final class Builder {
      private MirrorDestination destination;
      private Naming naming = Naming.V2;
      private int maxComponents = DEFAULT_MAX_COMPONENTS;
      private int maxNestedPaths;
      private Optional<ImageReference> catalogImage = Optional.empty();
      private Optional<String> targetCatalog = Optional.empty();
      private Optional<String> targetTag = Optional.empty();
      private Icsp icsp = Icsp.SKIP;
      private int icspMaxBytes = DEFAULT_ICSP_MAX_BYTES;
      private RegistriesConfStyle registriesConfStyle = RegistriesConfStyle.MIRROR;
      private MirrorTls mirrorTls = MirrorTls.VERIFY;
      private Optional<CatalogSourceTemplate> catalogSourceTemplate = Optional.empty();
      private Optional<Instant> createdAt = Optional.empty();

      private Builder() {}

      public Builder destination(MirrorDestination d) {
        this.destination = d;
        return this;
      }

      public Builder naming(Naming n) {
        this.naming = n;
        return this;
      }

      public Builder maxComponents(int n) {
        this.maxComponents = n;
        return this;
      }

      public Builder maxNestedPaths(int n) {
        this.maxNestedPaths = n;
        return this;
      }

      public Builder catalogImage(ImageReference ref) {
        this.catalogImage = Optional.of(ref);
        return this;
      }

      public Builder targetCatalog(String path) {
        this.targetCatalog = Optional.of(path);
        return this;
      }

      public Builder targetTag(String tag) {
        this.targetTag = Optional.of(tag);
        return this;
      }

      public Builder icsp(Icsp i) {
        this.icsp = i;
        return this;
      }

      public Builder icspMaxBytes(int n) {
        this.icspMaxBytes = n;
        return this;
      }

      public Builder registriesConfStyle(RegistriesConfStyle s) {
        this.registriesConfStyle = s;
        return this;
      }

      public Builder mirrorTls(MirrorTls t) {
        this.mirrorTls = t;
        return this;
      }

      public Builder catalogSourceTemplate(CatalogSourceTemplate t) {
        this.catalogSourceTemplate = Optional.of(t);
        return this;
      }

      public Builder createdAt(Instant t) {
        this.createdAt = Optional.of(t);
        return this;
      }

      public Options build() {
        return new Options(destination, naming, maxComponents, maxNestedPaths, catalogImage, targetCatalog,
            targetTag, icsp, icspMaxBytes, registriesConfStyle, mirrorTls, catalogSourceTemplate, createdAt);
      }
    }
  }

  private final Options options;
  private final List<Image> images;

  private MirrorPlan(Options options, List<Image> images) {
    this.options = options;
    this.images = List.copyOf(images);
  }

  /**
   * The plan for a catalog: every bundle image and related image (empty references skipped, as oc-mirror does;
   * a reference that does not parse is an error naming its bundle), then the catalog image if one is set.
   */
  public static MirrorPlan of(CatalogModel model, Options options) {
    Map<String, Image> content = new LinkedHashMap<>();
    for (BundleModel b : model.bundles()) {
      add(content, b, b.image(), Kind.BUNDLE, options);
    }
    for (BundleModel b : model.bundles()) {
      for (RelatedImage r : b.blob().relatedImages()) {
        add(content, b, r.image(), Kind.RELATED_IMAGE, options);
      }
    }
    List<Image> out = new ArrayList<>(content.values());
    out.sort(ORDER);
    options.catalogImage().ifPresent(c -> out.add(new Image(c, DestinationNames.catalog(c, options), Kind.CATALOG)));
    refuseSharedDestinations(out);
    return new MirrorPlan(options, out);
  }

  /**
   * Two source repositories named into one destination (v2 naming drops the registry, a collapse joins path
   * components) would overwrite each other's tags in the mirror: refused, naming both.
   */
  private static void refuseSharedDestinations(List<Image> images) {
    Map<String, Image> byDestination = new java.util.HashMap<>();
    for (Image i : images) {
      Image other = byDestination.putIfAbsent(i.destination(), i);
      if (other != null && !repository(other.source()).equals(repository(i.source()))) {
        throw new FbcException("mirror destination " + SafeText.value(i.destination()) + " would hold both "
            + SafeText.value(other.source().original()) + " and " + SafeText.value(i.source().original())
            + ": mirror them in two runs with different destinations, or change --max-nested-paths");
      }
    }
  }

  private static String repository(ImageReference r) {
    return r.registry() + "/" + r.repository();
  }

  private static final Comparator<Image> ORDER = Comparator.comparing((Image i) -> key(i.source()))
      .thenComparing(Image::kind);

  private static void add(Map<String, Image> into, BundleModel b, String ref, Kind kind, Options options) {
    if (ref.isEmpty()) {
      return;
    }
    ImageReference parsed;
    try {
      parsed = ImageReference.parse(ref);
    } catch (FbcException e) {
      throw new FbcException("bundle \"" + SafeText.value(b.name()) + "\" of package \""
          + SafeText.value(b.packageName()) + "\": " + e.getMessage(), e);
    }
    // the first sighting decides the kind: bundle images are read before related images
    into.computeIfAbsent(key(parsed), k -> new Image(parsed, DestinationNames.content(parsed, options), kind));
  }

  /** The reference in full ({@code registry/repository[:tag][@digest]}): two spellings of one image are one. */
  static String key(ImageReference r) {
    return r.registry() + "/" + r.repository() + (r.tag().isEmpty() ? "" : ":" + r.tag())
        + r.digest().map(d -> "@" + d).orElse("");
  }

  public Options options() {
    return options;
  }

  /** Every image: the catalog's content sorted by source reference, then the catalog image if any. */
  public List<Image> images() {
    return images;
  }

  /** The catalog image's entry, when the options name one. */
  public Optional<Image> catalog() {
    return images.stream().filter(i -> i.kind() == Kind.CATALOG).findFirst();
  }

  /** {@code mapping.txt}: one {@code source=destination} line per image, sorted. */
  public Output mapping() {
    java.util.TreeSet<String> lines = new java.util.TreeSet<>();
    for (Image i : images) {
      lines.add(options.naming() == Naming.V2
          ? MirrorDestination.SCHEME + i.pullReference() + "=" + MirrorDestination.SCHEME + i.destination()
          : i.pullReference() + "=" + i.destination());
    }
    StringBuilder sb = new StringBuilder();
    lines.forEach(l -> sb.append(l).append('\n'));
    return new Output("mapping.txt", sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * Every output file, in a fixed order: {@code mapping.txt}; {@code idms-operator-0.yaml} and
   * {@code itms-operator-0.yaml} when there are images by digest or by tag; {@code imageContentSourcePolicy.yaml}
   * when asked and there are images by digest; {@code cs-<name>.yaml} and {@code cc-<name>.yaml} when there is a
   * catalog image; {@code registries.conf} when there is anything to redirect.
   */
  public List<Output> outputs() {
    ClusterResources r = new ClusterResources(this);
    List<Output> out = new ArrayList<>();
    out.add(mapping());
    r.idms().ifPresent(out::add);
    r.itms().ifPresent(out::add);
    if (options.icsp() == Icsp.WRITE) {
      r.icsp().ifPresent(out::add);
    }
    r.catalogSource().ifPresent(out::add);
    r.clusterCatalog().ifPresent(out::add);
    r.registriesConf().ifPresent(out::add);
    return out;
  }

  /**
   * Writes {@link #outputs()} into {@code dir} (created if missing), all or nothing, each file through a
   * temporary file and a rename. Only the plan's own file names are touched. A file that already exists with
   * the same bytes is left alone; with other bytes it is refused unless {@link ExistingFiles#REPLACE}; a symbolic
   * link in the place of an output is always refused, so nothing outside the directory is written.
   *
   * @return the files written or already up to date, in {@link #outputs()} order
   */
  public List<Path> write(Path dir, ExistingFiles existing) {
    List<Output> outs = outputs();
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
      throw new FbcException(SafeText.path(dir) + ": not a directory");
    }
    List<dev.fbc.internal.io.AtomicFiles.Change> changes = new ArrayList<>();
    List<Path> paths = new ArrayList<>();
    try {
      for (Output o : outs) {
        Path p = dir.resolve(o.fileName());
        paths.add(p);
        if (Files.isSymbolicLink(p)) {
          throw new FbcException(SafeText.path(p) + ": is a symbolic link; not written");
        }
        if (Files.exists(p)) {
          if (!Files.isRegularFile(p)) {
            throw new FbcException(SafeText.path(p) + ": exists and is not a regular file; not written");
          }
          byte[] before = Files.readAllBytes(p);
          if (java.util.Arrays.equals(before, o.bytes)) {
            continue;
          }
          if (existing == ExistingFiles.REFUSE) {
            throw new FbcException(SafeText.path(p) + ": exists with other content; nothing was written",
                FbcException.Remedy.REPLACE_EXISTING);
          }
          changes.add(new dev.fbc.internal.io.AtomicFiles.Change(p, Optional.of(o.bytes), Optional.of(before)));
        } else {
          changes.add(new dev.fbc.internal.io.AtomicFiles.Change(p, Optional.of(o.bytes), Optional.empty()));
        }
      }
      Files.createDirectories(dir);
      dev.fbc.internal.io.AtomicFiles.writeAll(changes);
    } catch (IOException e) {
      throw new FbcException(describe(e, dir), e);
    }
    return List.copyOf(paths);
  }

  /** The file and the reason, in words (an exception's own message is often only the path). */
  private static String describe(IOException e, Path dir) {
    if (e instanceof java.nio.file.FileSystemException f) {
      String file = f.getFile() == null ? SafeText.path(dir) : SafeText.path(f.getFile());
      return file + ": " + Reasons.fileSystem(f);
    }
    return SafeText.path(dir) + ": " + (e.getMessage() == null ? "input/output error" : SafeText.line(e.getMessage()));
  }
}
