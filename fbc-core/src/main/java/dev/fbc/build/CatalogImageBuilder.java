package dev.fbc.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fbc.base.TempDirectories;
import dev.fbc.base.CatalogLoadException;
import dev.fbc.base.FbcException;
import dev.fbc.base.LoadOptions;
import dev.fbc.base.Problem;
import dev.fbc.image.Descriptor;
import dev.fbc.image.Digest;
import dev.fbc.image.ImageReference;
import dev.fbc.image.ImageSource;
import dev.fbc.image.OciLayoutSource;
import dev.fbc.image.PushListener;
import dev.fbc.image.RegistryAuth;
import dev.fbc.image.RegistryOptions;
import dev.fbc.image.RegistryPusher;
import dev.fbc.image.RegistrySource;
import dev.fbc.internal.io.CatalogLoader;
import dev.fbc.validate.CatalogValidator;
import dev.fbc.validate.ValidationReport;
import dev.fbc.validate.ValidationResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds a catalog image without a container engine, as the Dockerfile of {@code opm generate dockerfile} would:
 * the base image's layers, one layer with the catalog at {@code /configs} and opm's serve cache at
 * {@code /tmp/cache} ({@link CatalogLayer}, {@link ServeCache}; the Dockerfile's {@code opm serve --cache-only}
 * step), and a
 * configuration with {@code ENTRYPOINT ["/bin/opm"]}, {@code CMD ["serve", "/configs", "--cache-dir=/tmp/cache"]}
 * (not for a {@code scratch} base) and the label {@value DockerfileGenerator#CONFIGS_LABEL}{@code =/configs}. A
 * multi-platform base (an index) gives an index of one catalog image per platform, all sharing the catalog layer.
 * The result is reproducible: the same catalog, base, labels and time give the same digest on every machine.
 *
 * <pre>{@code
 * BuiltImage img = CatalogImageBuilder.builder(Path.of("catalog"))
 *     .base("quay.io/operator-framework/opm:v1.54.0")
 *     .labels(Map.of("vendor", "me"))
 *     .registry(RegistryOptions.defaults())
 *     .build()
 *     .buildTo("quay.io/me/catalog:v1");      // or "oci:out:v1", "docker-archive:catalog.tar"
 * }</pre>
 */
public final class CatalogImageBuilder {
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  private static final List<String> INDEX_TYPES = List.of(OCI_INDEX,
      "application/vnd.docker.distribution.manifest.list.v2+json");
  // base layers keep their content; Docker's media types are renamed to OCI's equivalents
  private static final Map<String, String> LAYER_TYPES = Map.of(
      "application/vnd.docker.image.rootfs.diff.tar.gzip", CatalogLayer.MEDIA_TYPE,
      CatalogLayer.MEDIA_TYPE, CatalogLayer.MEDIA_TYPE,
      "application/vnd.oci.image.layer.v1.tar", "application/vnd.oci.image.layer.v1.tar",
      "application/vnd.oci.image.layer.v1.tar+zstd", "application/vnd.oci.image.layer.v1.tar+zstd");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> ENTRYPOINT = List.of("/bin/opm");
  private static final List<String> CMD = List.of("serve", "/configs", "--cache-dir=/tmp/cache");

  private final Path catalog;
  private final String base;
  private final Map<String, String> labels;
  private final List<String> platforms;
  private final RegistryOptions registry;
  private final Map<String, String> env;
  private final boolean validate;
  private final boolean serveCache;
  private final long epochSeconds;
  private final PushListener listener;
  private final long chunkBytes;

  private CatalogImageBuilder(Builder b) {
    catalog = b.catalog;
    base = b.base;
    labels = new TreeMap<>(b.labels);
    platforms = List.copyOf(b.platforms);
    registry = b.registry;
    env = Map.copyOf(b.env);
    validate = b.validate;
    serveCache = b.serveCache;
    epochSeconds = b.epochSeconds;
    listener = b.listener;
    chunkBytes = b.chunkBytes;
  }

  public static Builder builder(Path catalog) {
    return new Builder(catalog);
  }

  /**
   * The time of a reproducible build: {@code SOURCE_DATE_EPOCH} (seconds) when set, else the Unix epoch.
   */
  public static long epochFrom(Map<String, String> env) {
    String v = env.getOrDefault("SOURCE_DATE_EPOCH", "");
    if (v.isEmpty()) {
      return 0;
    }
    if (!v.matches("\\d{1,12}")) {
      throw new FbcException("SOURCE_DATE_EPOCH \"" + v + "\" is not a number of seconds");
    }
    return Long.parseLong(v);
  }

  /** One platform's image: its manifest, configuration and base layers (in the base's source). */
  private record Platform(String name, byte[] manifest, Digest digest, byte[] config, Descriptor configBlob,
      List<Descriptor> baseLayers) {}

  /** Builds the image and writes it to {@code output} (see {@link ImageOutput}). */
  public BuiltImage buildTo(String output) throws IOException {
    ImageOutput out = ImageOutput.parse(output);
    if (validate) {
      validateCatalog();
    }
    if (!Files.isDirectory(catalog)) {
      throw new FbcException("build: catalog " + catalog + " is not a directory");
    }
    Path work = Files.createTempDirectory("fbc-build-");
    RegistryAuth auth = RegistryAuth.standard(registry, env);
    try (ImageSource source = openBase(auth)) {
      ServeCache.Outcome cache = serveCache ? ServeCache.of(catalog, work.resolve("serve-cache"))
          : new ServeCache.Outcome(Optional.empty(), "turned off");
      CatalogLayer layer = CatalogLayer.write(catalog, cache.cache(), epochSeconds, work.resolve("catalog-layer"));
      List<Platform> images = new ArrayList<>();
      boolean index = source == null ? platforms.size() > 1 : buildFromBase(source, layer, work, images);
      if (source == null) {
        for (String p : platforms.isEmpty() ? List.of("linux/amd64") : platforms) {
          ObjectNode config = scratchConfig(p);
          withCatalog(config, layer, true);
          images.add(image(p, config, layer, List.of()));
        }
      }
      byte[] top = index ? index(images) : images.get(0).manifest();
      String topType = index ? OCI_INDEX : OCI_MANIFEST;
      Digest digest = Digest.sha256(top);
      Blobs blobs = new Blobs(source, layer, images, work);
      if (out instanceof ImageOutput.Registry r) {
        push(r.reference(), auth, images, blobs, top, topType);
      } else if (out instanceof ImageOutput.OciLayout l) {
        OciLayoutWriter.write(l.dir(), l.tag(), top, topType, images.stream().map(Platform::manifest).toList(),
            blobs.all());
      } else if (out instanceof ImageOutput.DockerArchive a) {
        if (images.size() != 1) {
          throw new FbcException("build: a docker-archive holds one platform, the base has " + images.size()
              + "; choose one with --platform");
        }
        Platform p = images.get(0);
        DockerArchiveWriter.write(a.file(), a.name(), p.configBlob(), p.config(), blobs.layers(p));
      }
      return new BuiltImage(digest, topType, images.stream().map(p -> p.name() + "=" + p.digest()).toList(),
          output, cache.cache().isPresent() ? Optional.empty() : Optional.of(cache.reason()));
    } finally {
      TempDirectories.deleteQuietly(work);
    }
  }

  private void validateCatalog() {
    ValidationResult result;
    try {
      result = new CatalogValidator().validate(new CatalogLoader(LoadOptions.defaults()).load(List.of(catalog)));
    } catch (CatalogLoadException e) {
      result = new ValidationResult(e.problems());
    }
    if (!result.passed()) {
      List<Problem> errors = result.errors();
      throw new FbcException("build: catalog " + catalog + " is not valid: " + ValidationReport.line(errors.get(0))
          + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more; see fbc validate)" : "")
          + "; fix it", FbcException.Remedy.SKIP_VALIDATION);
    }
  }

  /** The base's source, or null for {@code scratch}. */
  private ImageSource openBase(RegistryAuth auth) {
    if (base.equals("scratch")) {
      return null;
    }
    if (base.startsWith("oci:")) {
      return new OciLayoutSource(ociDir(base), registry.maxManifestBytes());
    }
    return new RegistrySource(ImageReference.parse(base), registry, auth);
  }

  private static Path ociDir(String spec) {
    String rest = spec.substring(4);
    int colon = rest.lastIndexOf(':');
    return Path.of(colon > rest.lastIndexOf('/') && colon > 0 ? rest.substring(0, colon) : rest);
  }

  private static String ociTag(String spec) {
    String rest = spec.substring(4);
    int colon = rest.lastIndexOf(':');
    return colon > rest.lastIndexOf('/') && colon > 0 ? rest.substring(colon + 1) : "";
  }

  /** Adds one image per chosen platform of the base; true when the base is an index. */
  private boolean buildFromBase(ImageSource source, CatalogLayer layer, Path work, List<Platform> images)
      throws IOException {
    ImageSource.Manifest top = topManifest(source);
    JsonNode doc = json(top.body(), base + " manifest");
    String type = top.mediaType().isEmpty() ? doc.path("mediaType").asText("") : top.mediaType();
    if (!INDEX_TYPES.contains(type) && !(type.isEmpty() && doc.has("manifests"))) {
      images.add(fromBaseManifest(source, doc, layer, work, ""));
      return false;
    }
    List<String> available = new ArrayList<>();
    for (JsonNode d : doc.path("manifests")) {
      String p = platformOf(d.path("platform"));
      available.add(p);
      if (p.startsWith("unknown/") || !(platforms.isEmpty() || platforms.stream().anyMatch(w -> matches(w, p)))) {
        continue; // attestations ("unknown/unknown") are not images; unwanted platforms are left out
      }
      Descriptor desc = Descriptor.parse(d, base + " index");
      ImageSource.Manifest m = source.manifest(desc);
      images.add(fromBaseManifest(source, json(m.body(), base + " manifest " + desc.digest()), layer, work, p));
    }
    for (String w : platforms) {
      if (available.stream().noneMatch(p -> matches(w, p))) {
        throw new FbcException("build: base " + base + " has no image for platform " + w + " (has: "
            + String.join(", ", available) + ")");
      }
    }
    if (images.isEmpty()) {
      throw new FbcException("build: base " + base + " has no image to build on");
    }
    return true;
  }

  private ImageSource.Manifest topManifest(ImageSource source) throws IOException {
    if (base.startsWith("oci:")) {
      return source.manifest(ociTag(base));
    }
    ImageReference ref = ImageReference.parse(base);
    return ref.digest().isPresent() ? source.manifest(Descriptor.unsized(ref.digest().get()))
        : source.manifest(ref.tag());
  }

  private static boolean matches(String wanted, String have) {
    return have.equals(wanted) || have.startsWith(wanted + "/");
  }

  private static String platformOf(JsonNode p) {
    String s = p.path("os").asText("") + "/" + p.path("architecture").asText("");
    String variant = p.path("variant").asText("");
    return variant.isEmpty() ? s : s + "/" + variant;
  }

  private Platform fromBaseManifest(ImageSource source, JsonNode manifest, CatalogLayer layer, Path work,
      String platformFromIndex) throws IOException {
    if (!manifest.path("config").isObject()) {
      throw new FbcException("build: base " + base + ": manifest has no config");
    }
    Descriptor configDesc = Descriptor.parse(manifest.path("config"), base + " config");
    if (configDesc.size() > registry.maxManifestBytes()) {
      throw new FbcException("build: base " + base + " config is larger than " + registry.maxManifestBytes()
          + " bytes");
    }
    Path configFile = work.resolve("base-config-" + configDesc.digest().fileName());
    source.blob(configDesc, configFile);
    ObjectNode config = (ObjectNode) json(Files.readAllBytes(configFile), base + " config");
    List<Descriptor> layers = new ArrayList<>();
    for (JsonNode l : manifest.path("layers")) {
      Descriptor d = Descriptor.parse(l, base + " layer");
      String type = LAYER_TYPES.get(d.mediaType());
      if (type == null) {
        throw new FbcException("build: base " + base + " has a layer of media type \"" + d.mediaType()
            + "\", which fbc does not copy");
      }
      layers.add(new Descriptor(d.digest(), d.size(), type));
    }
    String name = platformFromIndex.isEmpty() ? platformOf(config) : platformFromIndex;
    if (platformFromIndex.isEmpty() && !platforms.isEmpty() && platforms.stream().noneMatch(w -> matches(w, name))) {
      throw new FbcException("build: base " + base + " is an image for " + name + ", not " + platforms);
    }
    withCatalog(config, layer, false);
    return image(name, config, layer, layers);
  }

  private ObjectNode scratchConfig(String platform) {
    String[] p = platform.split("/");
    if (p.length < 2 || p.length > 3) {
      throw new FbcException("invalid platform \"" + platform + "\", expected os/arch such as linux/amd64");
    }
    ObjectNode c = JSON.createObjectNode();
    c.put("architecture", p[1]);
    c.put("os", p[0]);
    if (p.length == 3) {
      c.put("variant", p[2]);
    }
    c.putObject("config");
    c.putObject("rootfs").put("type", "layers").putArray("diff_ids");
    return c;
  }

  /** What the Dockerfile's ENTRYPOINT, CMD, COPY and LABEL lines do to the base's configuration. */
  private void withCatalog(ObjectNode config, CatalogLayer layer, boolean scratch) {
    String created = Instant.ofEpochSecond(epochSeconds).toString();
    config.put("created", created);
    ObjectNode c = config.path("config").isObject() ? (ObjectNode) config.get("config") : config.putObject("config");
    if (!scratch) {
      ArrayNode ep = c.putArray("Entrypoint");
      ENTRYPOINT.forEach(ep::add);
      ArrayNode cmd = c.putArray("Cmd");
      CMD.forEach(cmd::add);
    }
    Map<String, String> all = new TreeMap<>();
    c.path("Labels").fields().forEachRemaining(e -> all.put(e.getKey(), e.getValue().asText()));
    all.put(DockerfileGenerator.CONFIGS_LABEL, "/configs");
    all.putAll(labels);
    ObjectNode l = c.putObject("Labels");
    all.forEach(l::put);
    ObjectNode rootfs = config.path("rootfs").isObject() ? (ObjectNode) config.get("rootfs")
        : config.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode diffIds = rootfs.path("diff_ids").isArray() ? (ArrayNode) rootfs.get("diff_ids")
        : rootfs.putArray("diff_ids");
    diffIds.add(layer.diffId().toString());
    ArrayNode history = config.path("history").isArray() ? (ArrayNode) config.get("history")
        : config.putArray("history");
    history.addObject().put("created", created).put("created_by", "fbc build: catalog at /configs");
  }

  private Platform image(String name, ObjectNode config, CatalogLayer layer, List<Descriptor> baseLayers)
      throws IOException {
    byte[] configBytes = JSON.writeValueAsBytes(config);
    Descriptor configBlob = new Descriptor(Digest.sha256(configBytes), configBytes.length, OCI_CONFIG);
    ObjectNode m = JSON.createObjectNode();
    m.put("schemaVersion", 2);
    m.put("mediaType", OCI_MANIFEST);
    m.set("config", descriptor(configBlob));
    ArrayNode ls = m.putArray("layers");
    for (Descriptor d : baseLayers) {
      ls.add(descriptor(d));
    }
    ls.add(descriptor(layer.blob()));
    byte[] manifest = JSON.writeValueAsBytes(m);
    return new Platform(name, manifest, Digest.sha256(manifest), configBytes, configBlob, baseLayers);
  }

  private static ObjectNode descriptor(Descriptor d) {
    ObjectNode n = JSON.createObjectNode();
    n.put("mediaType", d.mediaType());
    n.put("digest", d.digest().toString());
    n.put("size", d.size());
    return n;
  }

  private static byte[] index(List<Platform> images) throws IOException {
    ObjectNode idx = JSON.createObjectNode();
    idx.put("schemaVersion", 2);
    idx.put("mediaType", OCI_INDEX);
    ArrayNode ms = idx.putArray("manifests");
    for (Platform p : images) {
      ObjectNode d = descriptor(new Descriptor(p.digest(), p.manifest().length, OCI_MANIFEST));
      String[] parts = p.name().split("/");
      ObjectNode plat = d.putObject("platform");
      plat.put("architecture", parts.length > 1 ? parts[1] : "");
      plat.put("os", parts[0]);
      if (parts.length > 2) {
        plat.put("variant", parts[2]);
      }
      ms.add(d);
    }
    return JSON.writeValueAsBytes(idx);
  }

  /** Blobs first, then each platform's manifest by digest, the tag last: a failure leaves no tag. */
  private void push(ImageReference target, RegistryAuth auth, List<Platform> images, Blobs blobs, byte[] top,
      String topType) throws IOException {
    Optional<ImageReference> mountFrom = base.equals("scratch") || base.startsWith("oci:") ? Optional.empty()
        : Optional.of(ImageReference.parse(base));
    try (RegistryPusher pusher = new RegistryPusher(target, registry, auth, listener, chunkBytes)) {
      Map<Digest, Boolean> done = new HashMap<>();
      for (Platform p : images) {
        for (Descriptor d : p.baseLayers()) {
          if (done.putIfAbsent(d.digest(), true) == null) {
            pusher.pushBlob(d, () -> blobs.file(d), mountFrom);
          }
        }
        Descriptor layer = blobs.layer.blob();
        if (done.putIfAbsent(layer.digest(), true) == null) {
          pusher.pushBlob(layer, () -> blobs.layer.file(), Optional.empty());
        }
        pusher.pushBlob(p.configBlob(), () -> blobs.file(p.configBlob()), Optional.empty());
      }
      if (images.size() > 1 || topType.equals(OCI_INDEX)) {
        for (Platform p : images) {
          pusher.pushManifest(p.manifest(), OCI_MANIFEST, p.digest().toString());
        }
      }
      pusher.pushManifest(top, topType, target.tag());
    }
  }

  /** Every blob of the build as a file: built ones in the work directory, base layers fetched when first asked. */
  static final class Blobs {
    private final ImageSource source;
    final CatalogLayer layer;
    private final Path dir;
    private final Map<Digest, Path> files = new LinkedHashMap<>();
    private final Map<Digest, Descriptor> descriptors = new LinkedHashMap<>();

    Blobs(ImageSource source, CatalogLayer layer, List<Platform> images, Path work) throws IOException {
      this.source = source;
      this.layer = layer;
      this.dir = work.resolve("blobs");
      Files.createDirectories(dir);
      for (Platform p : images) {
        p.baseLayers().forEach(d -> descriptors.put(d.digest(), d));
        descriptors.put(layer.blob().digest(), layer.blob());
        files.put(layer.blob().digest(), layer.file());
        descriptors.put(p.configBlob().digest(), p.configBlob());
        Path c = dir.resolve(p.configBlob().digest().fileName());
        Files.write(c, p.config());
        files.put(p.configBlob().digest(), c);
      }
    }

    Path file(Descriptor d) throws IOException {
      Path f = files.get(d.digest());
      if (f == null) {
        f = dir.resolve(d.digest().fileName());
        source.blob(d, f); // verified by size and digest
        files.put(d.digest(), f);
      }
      return f;
    }

    /** The layers of one platform's image, in order, as files. */
    List<Path> layers(Platform p) throws IOException {
      List<Path> out = new ArrayList<>();
      for (Descriptor d : p.baseLayers()) {
        out.add(file(d));
      }
      out.add(layer.file());
      return out;
    }

    /** Every blob (base layers fetched), by digest. */
    Map<Digest, Path> all() throws IOException {
      Map<Digest, Path> out = new LinkedHashMap<>();
      for (Descriptor d : descriptors.values()) {
        out.put(d.digest(), file(d));
      }
      return out;
    }
  }

  private static JsonNode json(byte[] body, String what) {
    try {
      JsonNode n = JSON.readTree(body);
      if (n == null || !n.isObject()) {
        throw new FbcException("build: " + what + " is not a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new FbcException("build: " + what + " is not valid JSON");
    }
  }

  static void writeAtomically(Path file, byte[] content) throws IOException {
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".fbc", ".part");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        out.write(content);
      }
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  public static final class Builder {
    private final Path catalog;
    private String base = DockerfileGenerator.DEFAULT_IMAGE;
    private Map<String, String> labels = Map.of();
    private List<String> platforms = List.of();
    private RegistryOptions registry = RegistryOptions.defaults();
    private Map<String, String> env = Map.of();
    private boolean validate = true;
    private boolean serveCache = true;
    private long epochSeconds;
    private PushListener listener = PushListener.NONE;
    private long chunkBytes = RegistryPusher.DEFAULT_CHUNK_BYTES;

    private Builder(Path catalog) {
      this.catalog = catalog;
    }

    /** A registry reference, {@code oci:DIR[:TAG]} or {@code scratch}; default opm's image. */
    public Builder base(String ref) {
      base = ref;
      return this;
    }

    /** Labels besides the catalog one (they win over the base's). */
    public Builder labels(Map<String, String> l) {
      labels = Map.copyOf(l);
      return this;
    }

    /** {@code os/arch[/variant]} to build for; empty: every platform of the base (linux/amd64 for scratch). */
    public Builder platforms(List<String> p) {
      platforms = List.copyOf(p);
      return this;
    }

    /** TLS, auth file, limits and timeouts for the base's registry and the target's. */
    public Builder registry(RegistryOptions o) {
      registry = o;
      return this;
    }

    /** Environment for credentials lookup (auth file variables). */
    public Builder env(Map<String, String> e) {
      env = e;
      return this;
    }

    /** Whether to refuse an invalid catalog (default true). */
    public Builder validate(boolean v) {
      validate = v;
      return this;
    }

    /**
     * Whether the catalog layer carries opm's serve cache at {@code /tmp/cache} (default on; see
     * {@link ServeCache}). A catalog whose cache cannot be written exactly gets none either way
     * ({@link BuiltImage#noServeCache()} says why).
     */
    public Builder serveCache(boolean on) {
      serveCache = on;
      return this;
    }

    /** Every time stamp of the image, seconds since the epoch (default 0; see {@link #epochFrom}). */
    public Builder epochSeconds(long s) {
      epochSeconds = s;
      return this;
    }

    public Builder listener(PushListener l) {
      listener = l;
      return this;
    }

    /**
     * Blobs larger than this are pushed in chunks of this size (default
     * {@value RegistryPusher#DEFAULT_CHUNK_BYTES}): smaller chunks for a registry or proxy that limits request sizes.
     */
    public Builder chunkBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("chunk size must be positive");
      }
      chunkBytes = bytes;
      return this;
    }

    public CatalogImageBuilder build() {
      return new CatalogImageBuilder(this);
    }
  }
}
