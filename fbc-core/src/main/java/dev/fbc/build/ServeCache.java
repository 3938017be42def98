package dev.fbc.build;

import dev.fbc.base.CatalogLoadException;
import dev.fbc.base.LoadOptions;
import dev.fbc.internal.io.CatalogLoader;
import dev.fbc.internal.io.Documents;
import dev.fbc.internal.json.ByteSink;
import dev.fbc.internal.json.GoFields;
import dev.fbc.internal.json.GoMarshal;
import dev.fbc.internal.json.JsonTextWriter;
import dev.fbc.internal.json.JsonValue;
import dev.fbc.internal.json.RawJsonReader;
import dev.fbc.internal.model.RawAccess;
import dev.fbc.model.Catalog;
import dev.fbc.model.ChannelEntry;
import dev.fbc.model.DeprecationEntry;
import dev.fbc.model.Icon;
import dev.fbc.model.Property;
import dev.fbc.model.RawJson;
import dev.fbc.semantic.BundleModel;
import dev.fbc.semantic.BundleProperties;
import dev.fbc.semantic.CatalogModel;
import dev.fbc.semantic.ChannelModel;
import dev.fbc.semantic.PackageModel;
import dev.fbc.validate.CatalogValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * opm's {@code json} serve cache for a catalog, as {@code opm serve <catalog> --cache-dir=<dir> --cache-only}
 * (v1.54) writes it: {@code <dir>/cache/packages.json}, one {@code <dir>/cache/<package>_<channel>_<bundle>.json}
 * per channel entry, and {@code <dir>/digest}, the integrity digest over the catalog and those files. With it in the
 * image at {@code /tmp/cache}, the image's own command ({@code opm serve /configs --cache-dir=/tmp/cache}, which
 * checks integrity and does not rebuild) starts serving at once.
 *
 * <p>The digest covers the catalog tree as the image holds it ({@link CatalogLayer}: directories 0755, files 0644)
 * and the cache files with the modes opm gives them (directory 0750, files 0640). A catalog whose cache fbc cannot
 * write exactly gets none, and {@link Outcome#reason()} says why: never a cache opm would reject or read
 * differently. (Without a cache, that command fails its integrity check; opm v1.54 does not rebuild then.)
 *
 * <p>The files go to a directory, not to memory: a large catalog's cache is several times its size (715 MB for a
 * 201 MB catalog of 7,000 bundles).
 *
 * @param dir the directory holding the files of {@code cache/}
 * @param files their names, in byte order (Go's order)
 * @param digest the content of {@code digest}
 */
public record ServeCache(Path dir, List<String> files, String digest) {
  /** Where the image's command looks for the cache, without the leading slash. */
  public static final String DIR = "tmp/cache";
  /** The modes opm gives the cache (it builds it with umask 0). */
  static final int DIR_MODE = 0750;
  static final int FILE_MODE = 0640;
  private static final String NOT_VALID = "the catalog is not valid";

  public ServeCache {
    files = files.stream().sorted(CatalogLayer::compareBytes).toList();
  }

  /** Either a cache or the reason there is none. */
  public record Outcome(Optional<ServeCache> cache, String reason) {
    static Outcome none(String reason) {
      return new Outcome(Optional.empty(), reason);
    }
  }

  /** Thrown inside the writer when something cannot be written exactly; becomes {@link Outcome#reason()}. */
  private static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    Unsupported(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * The cache for the catalog in {@code catalogDir}, written to {@code out} (created; left empty when there is no
   * cache); a catalog that does not load gets none, as from opm.
   */
  public static Outcome of(Path catalogDir, Path out) throws IOException {
    Catalog catalog;
    try {
      catalog = new CatalogLoader(LoadOptions.defaults()).load(List.of(catalogDir));
    } catch (CatalogLoadException e) {
      return Outcome.none(NOT_VALID);
    }
    return of(catalogDir, catalog, out);
  }

  /**
   * The cache for {@code catalog}, as loaded from {@code catalogDir}. An invalid catalog gets none: opm cannot
   * build one for it either.
   */
  public static Outcome of(Path catalogDir, Catalog catalog, Path out) throws IOException {
    Files.createDirectories(out);
    if (!new CatalogValidator().validate(catalog).passed()) {
      return Outcome.none(NOT_VALID);
    }
    CatalogModel model = CatalogModel.of(catalog);
    Written files = new Written(out);
    try {
      ByteSink packages = new ByteSink(1 << 12);
      JsonTextWriter index = JsonTextWriter.compact(packages).escapeHtml(true);
      index.beginObject();
      // opm groups blobs by package and keeps an entry for every group; a group with no olm.package (custom
      // schema blobs outside any package, or under an undeclared one) gets Go's zero value
      TreeMap<String, Optional<PackageModel>> groups = new TreeMap<>(CatalogLayer::compareBytes);
      catalog.stream().forEach(b -> groups.put(b.packageName(), Optional.empty()));
      model.packages().forEach((name, p) -> groups.put(name, Optional.of(p)));
      for (Map.Entry<String, Optional<PackageModel>> g : groups.entrySet()) {
        index.key(g.getKey());
        if (g.getValue().isPresent()) {
          writePackage(g.getValue().get(), index, files);
        } else {
          index.beginObject();
          for (String k : List.of("name", "description")) {
            index.key(k);
            index.string("");
          }
          index.key("icon");
          index.nul();
          index.key("defaultChannel");
          index.string("");
          index.key("Channels");
          index.nul();
          index.endObject();
        }
      }
      index.endObject();
      files.put("packages.json", packages.toByteArray());
      GoTarDigest d = new GoTarDigest();
      for (GoTarDigest.Entry e : catalogTree(catalogDir)) {
        d.add(e);
      }
      d.close();
      d.add(GoTarDigest.Entry.dir(".", DIR_MODE));
      List<String> names = files.names();
      for (String name : names) {
        Path f = out.resolve(name);
        d.add(new GoTarDigest.Entry(name, false, FILE_MODE, Files.size(f),
            () -> Files.newInputStream(f)));
      }
      d.close();
      return new Outcome(Optional.of(new ServeCache(out, names, d.hex())), "");
    } catch (Unsupported e) {
      files.deleteAll();
      return Outcome.none(e.getMessage());
    }
  }

  private static void writePackage(PackageModel p, JsonTextWriter w, Written files)
      throws Unsupported, IOException {
    Deprecations dep = Deprecations.of(p);
    w.beginObject();
    w.key("name");
    w.string(p.name());
    w.key("description");
    w.string(p.blob().description());
    w.key("icon");
    Optional<Icon> icon = p.blob().icon();
    if (icon.isEmpty()) {
      w.nul();
    } else {
      w.beginObject();
      w.key("base64data");
      if (icon.get().base64data() == null) {
        w.nul();
      } else {
        w.string(Base64.getEncoder().encodeToString(goBase64(icon.get().base64data(), "the icon of package")));
      }
      w.key("mediatype");
      w.string(icon.get().mediatype());
      w.endObject();
    }
    w.key("defaultChannel");
    w.string(p.defaultChannel().orElseThrow(() -> new Unsupported("a package has no default channel")).name());
    w.key("Channels");
    w.beginObject();
    for (ChannelModel ch : sorted(p.channels())) {
      w.key(ch.name());
      w.beginObject();
      w.key("Name");
      w.string(ch.name());
      w.key("Head");
      w.string(ch.graph().head().orElseThrow(() -> new Unsupported("a channel has no single head")));
      w.key("Bundles");
      w.beginObject();
      Map<String, ChannelEntry> entries = new TreeMap<>(CatalogLayer::compareBytes);
      for (ChannelEntry e : ch.entries()) {
        if (entries.put(e.name(), e) != null) {
          throw new Unsupported("a channel lists a bundle twice");
        }
      }
      for (ChannelEntry e : entries.values()) {
        BundleModel b = p.bundle(e.name()).orElseThrow(() -> new Unsupported("a channel entry has no bundle"));
        w.key(e.name());
        w.beginObject();
        w.key("package");
        w.string(p.name());
        w.key("channel");
        w.string(ch.name());
        w.key("name");
        w.string(e.name());
        w.key("replaces");
        w.string(e.replaces());
        w.key("skips");
        // fbc keeps no difference between an absent and an empty skips list; opm writes null for the first and []
        // for the second (both read back as no skips), so an explicit "skips: []" is the one byte difference
        strings(w, e.skips(), true);
        w.endObject();
        files.put(fileName(p.name(), ch.name(), e.name()), bundle(p, ch, e, b, dep));
      }
      w.endObject();
      dep.channel(ch.name()).ifPresent(m -> modelDeprecation(w, m));
      w.endObject();
    }
    w.endObject();
    dep.pkg().ifPresent(m -> modelDeprecation(w, m));
    w.endObject();
  }

  /** One bundle as opm's {@code api.Bundle}, marshalled by Go ({@code omitempty} on every field). */
  private static byte[] bundle(PackageModel p, ChannelModel ch, ChannelEntry e, BundleModel b, Deprecations dep)
      throws Unsupported {
    BundleProperties props = b.properties();
    if (props.packages().size() != 1) {
      throw new Unsupported("a bundle has no single olm.package property");
    }
    List<Property> all = b.blob().properties();
    long csvMetadata = all.stream().filter(x -> Property.CSV_METADATA.equals(x.type())).count();
    List<String> objects = new ArrayList<>();
    for (RawJson o : props.bundleObjects()) {
      objects.add(object(o));
    }
    String csvJson = objects.stream().filter(ServeCache::isCsv).findFirst().orElse("");
    if (csvMetadata > 1) {
      throw new Unsupported("a bundle has more than one olm.csv.metadata property");
    }
    if (csvJson.isEmpty() && csvMetadata == 1) {
      RawJson metadata = all.stream().filter(x -> Property.CSV_METADATA.equals(x.type())).findFirst()
          .orElseThrow().value();
      Optional<Icon> icon = p.blob().icon();
      Optional<byte[]> iconData = icon.isEmpty() ? Optional.empty()
          : Optional.of(icon.get().base64data() == null ? new byte[0]
              : goBase64(icon.get().base64data(), "the icon of a package"));
      try {
        csvJson = StubCsv.json(metadata, b.name(), props.packages().get(0).version(), iconData,
            icon.map(Icon::mediatype).orElse(""), p.blob().description(), b.blob().relatedImages());
      } catch (StubCsv.Refused refused) {
        throw new Unsupported(refused.getMessage());
      }
      if (objects.isEmpty()) {
        objects.add(csvJson);
      }
    }
    ByteSink out = new ByteSink(1 << 12);
    JsonTextWriter w = JsonTextWriter.compact(out).escapeHtml(true);
    w.beginObject();
    optional(w, "csvName", e.name());
    optional(w, "packageName", p.name());
    optional(w, "channelName", ch.name());
    optional(w, "csvJson", csvJson);
    if (!objects.isEmpty()) {
      w.key("object");
      strings(w, objects, false);
    }
    optional(w, "bundlePath", b.image());
    gvks(w, "providedApis", props.providedApis());
    gvks(w, "requiredApis", props.requiredApis());
    optional(w, "version", props.packages().get(0).version());
    optional(w, "skipRange", e.skipRange());
    dependencies(w, all, props);
    List<Property> listed = all.stream()
        .filter(x -> !Property.BUNDLE_OBJECT.equals(x.type()) && !Property.CSV_METADATA.equals(x.type())).toList();
    if (!listed.isEmpty()) {
      w.key("properties");
      w.beginArray();
      for (Property x : listed) {
        w.beginObject();
        optional(w, "type", x.type());
        optional(w, "value", normalized(x.value()));
        w.endObject();
      }
      w.endArray();
    }
    optional(w, "replaces", e.replaces());
    if (!e.skips().isEmpty()) {
      w.key("skips");
      strings(w, e.skips(), false);
    }
    Optional<String> deprecated = dep.bundle(b.name());
    if (deprecated.isPresent()) {
      w.key("deprecation");
      w.beginObject();
      optional(w, "message", deprecated.get());
      w.endObject();
    }
    w.endObject();
    return out.toByteArray();
  }

  /**
   * {@code olm.gvk.required} as {@code olm.gvk} with the value as written, {@code olm.package.required} as an
   * {@code olm.package} value {@code {"packageName":...,"version":<range>}} (Go's encoder without HTML escaping).
   */
  private static void dependencies(JsonTextWriter w, List<Property> all, BundleProperties props)
      throws Unsupported {
    List<String[]> deps = new ArrayList<>();
    int required = 0;
    for (Property x : all) {
      if (Property.GVK_REQUIRED.equals(x.type())) {
        deps.add(new String[] {Property.GVK, normalized(x.value())});
      } else if (Property.PACKAGE_REQUIRED.equals(x.type())) {
        if (required >= props.requiredPackages().size()) {
          throw new Unsupported("an olm.package.required value is not an object");
        }
        BundleProperties.PackageRequirement r = props.requiredPackages().get(required++);
        ByteSink v = new ByteSink(64);
        JsonTextWriter vw = JsonTextWriter.compact(v);
        vw.beginObject();
        vw.key("packageName");
        vw.string(r.packageName());
        vw.key("version");
        vw.string(r.versionRange());
        vw.endObject();
        deps.add(new String[] {Property.PACKAGE, v.toString()});
      }
    }
    if (deps.isEmpty()) {
      return;
    }
    w.key("dependencies");
    w.beginArray();
    for (String[] d : deps) {
      w.beginObject();
      optional(w, "type", d[0]);
      optional(w, "value", d[1]);
      w.endObject();
    }
    w.endArray();
  }

  private static void gvks(JsonTextWriter w, String key, List<BundleProperties.Gvk> gvks) {
    if (gvks.isEmpty()) {
      return;
    }
    w.key(key);
    w.beginArray();
    for (BundleProperties.Gvk g : gvks) {
      w.beginObject();
      optional(w, "group", g.group());
      optional(w, "version", g.version());
      optional(w, "kind", g.kind());
      w.endObject();
    }
    w.endArray();
  }

  /**
   * A bundle object as opm keeps it ({@code k8s.io/apimachinery/pkg/util/yaml.ToJSON} of the base64-decoded
   * {@code data}): text that starts with {@code {} after white space is taken as JSON and kept byte for byte; other
   * text is read as YAML (its first document) and marshalled by Go's {@code json.Marshal} (keys sorted, {@code <>&}
   * escaped), as {@code sigs.k8s.io/yaml} does.
   */
  private static String object(RawJson value) throws Unsupported {
    JsonValue.TreeBuilder tb = new JsonValue.TreeBuilder();
    RawJsonReader.emit(RawAccess.bytes(value), tb, false);
    if (!(tb.result() instanceof JsonValue.Obj o)
        || !(GoFields.get(o, "data").orElse(null) instanceof JsonValue.Str data)) {
      throw new Unsupported("an olm.bundle.object value has no base64 \"data\" string");
    }
    byte[] bytes = goBase64(data.value(), "an olm.bundle.object");
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      // Go would carry the bytes through and replace them when marshalling, one U+FFFD per byte
      throw new Unsupported("an olm.bundle.object is not UTF-8");
    }
    if (startsWithBrace(text)) {
      return text;
    }
    List<JsonValue> docs;
    try {
      docs = Documents.all(bytes, "bundle object");
    } catch (RuntimeException e) {
      throw new Unsupported("an olm.bundle.object does not hold YAML or JSON");
    }
    JsonValue doc = docs.isEmpty() ? JsonValue.Null.INSTANCE : docs.get(0);
    return new String(GoMarshal.marshal(doc, true), StandardCharsets.UTF_8);
  }

  /** Whether the first character that is not white space by Go's {@code unicode.IsSpace} is {@code {}. */
  private static boolean startsWithBrace(String s) {
    int i = 0;
    while (i < s.length()) {
      int c = s.codePointAt(i);
      boolean space = c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r' || c == ' ' || c == 0x85
          || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029
          || c == 0x202f || c == 0x205f || c == 0x3000;
      if (!space) {
        return c == '{';
      }
      i += Character.charCount(c);
    }
    return false;
  }

  /**
   * Whether opm takes the object for the CSV: its top-level {@code kind} (that exact key, as Kubernetes'
   * unstructured objects read it) is {@code ClusterServiceVersion}.
   */
  private static boolean isCsv(String objectJson) {
    JsonValue v = Documents.all(objectJson.getBytes(StandardCharsets.UTF_8), "bundle object").stream().findFirst()
        .orElse(JsonValue.Null.INSTANCE);
    return v instanceof JsonValue.Obj o && o.members().get("kind") instanceof JsonValue.Str k
        && k.value().equals("ClusterServiceVersion");
  }

  /**
   * Go's {@code encoding/json} decoding of {@code []byte}: standard base64 with padding, line breaks ignored.
   * Anything else makes opm fail to load the catalog, so there is no cache to match.
   */
  private static byte[] goBase64(String text, String what) throws Unsupported {
    String s = text.replace("\r", "").replace("\n", "");
    if (s.length() % 4 != 0) {
      throw new Unsupported(what + " is not padded base64");
    }
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new Unsupported(what + " is not base64");
    }
  }

  /** A property value as opm holds it after loading: compact, keys sorted, numbers as float64 prints them. */
  private static String normalized(RawJson value) {
    ByteSink out = new ByteSink(64);
    RawJsonReader.emit(RawAccess.json(value), JsonTextWriter.compact(out), true);
    return out.toString();
  }

  /** {@code model.Deprecation} in packages.json: {@code message} has no {@code omitempty} there. */
  private static void modelDeprecation(JsonTextWriter w, String message) {
    w.key("deprecation");
    w.beginObject();
    w.key("message");
    w.string(message);
    w.endObject();
  }

  private static void optional(JsonTextWriter w, String key, String value) {
    if (!value.isEmpty()) {
      w.key(key);
      w.string(value);
    }
  }

  private static void strings(JsonTextWriter w, List<String> items, boolean nullWhenEmpty) {
    if (items.isEmpty() && nullWhenEmpty) {
      w.nul();
      return;
    }
    w.beginArray();
    for (String s : items) {
      w.string(s);
    }
    w.endArray();
  }

  /** opm's file name, {@code <package>_<channel>_<bundle>.json}, when it is one plain file name. */
  private static String fileName(String pkg, String channel, String bundle) throws Unsupported {
    String name = pkg + "_" + channel + "_" + bundle + ".json";
    if (name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
      throw new Unsupported("a package, channel or bundle name holds '/' (opm would write below a subdirectory)");
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > 255) {
      throw new Unsupported("a cache file name would be longer than 255 bytes");
    }
    return name;
  }

  /** The cache files written so far, by name; a name written twice is refused. */
  private static final class Written {
    private final Path dir;
    private final Set<String> names = new HashSet<>();

    Written(Path dir) {
      this.dir = dir;
    }

    void put(String name, byte[] content) throws Unsupported, IOException {
      if (!names.add(name)) {
        // opm writes such files concurrently, so which one stays is not defined
        throw new Unsupported("two channel entries share the cache file name " + name);
      }
      Files.write(dir.resolve(name), content);
    }

    List<String> names() {
      return names.stream().sorted(CatalogLayer::compareBytes).toList();
    }

    void deleteAll() throws IOException {
      for (String n : names) {
        Files.deleteIfExists(dir.resolve(n));
      }
    }
  }

  private static <T> List<T> sorted(Map<String, T> byName) {
    TreeMap<String, T> m = new TreeMap<>(CatalogLayer::compareBytes);
    m.putAll(byName);
    return List.copyOf(m.values());
  }

  /** The package's deprecation messages by what they name. */
  private record Deprecations(Optional<String> pkg, Map<String, String> channels, Map<String, String> bundles) {
    static Deprecations of(PackageModel p) {
      String pkg = null;
      Map<String, String> channels = new HashMap<>();
      Map<String, String> bundles = new HashMap<>();
      for (DeprecationEntry e : p.deprecations().map(d -> d.entries()).orElse(List.of())) {
        switch (e.reference().schema()) {
          case "olm.package" -> pkg = e.message();
          case "olm.channel" -> channels.put(e.reference().name(), e.message());
          case "olm.bundle" -> bundles.put(e.reference().name(), e.message());
          default -> {
            // validation refuses other schemas
          }
        }
      }
      return new Deprecations(Optional.ofNullable(pkg), channels, bundles);
    }

    Optional<String> channel(String name) {
      return Optional.ofNullable(channels.get(name));
    }

    Optional<String> bundle(String name) {
      return Optional.ofNullable(bundles.get(name));
    }
  }

  /**
   * The catalog as opm's {@code fs.WalkDir} sees it in the image: the root, then each directory's entries sorted
   * by name, directories before their contents, with the modes {@link CatalogLayer} gives them.
   */
  private static List<GoTarDigest.Entry> catalogTree(Path root) throws IOException, Unsupported {
    List<GoTarDigest.Entry> out = new ArrayList<>();
    out.add(GoTarDigest.Entry.dir(".", CatalogLayer.DIR_MODE));
    walk(root, root, out);
    return out;
  }

  private static void walk(Path root, Path dir, List<GoTarDigest.Entry> out) throws IOException, Unsupported {
    List<Path> children;
    try (Stream<Path> s = Files.list(dir)) {
      children = new ArrayList<>(s.toList());
    }
    children.sort((a, b) -> CatalogLayer.compareBytes(a.getFileName().toString(), b.getFileName().toString()));
    for (Path c : children) {
      String rel = root.relativize(c).toString().replace('\\', '/');
      if (Files.isDirectory(c, LinkOption.NOFOLLOW_LINKS)) {
        out.add(GoTarDigest.Entry.dir(rel, CatalogLayer.DIR_MODE));
        walk(root, c, out);
      } else if (Files.isRegularFile(c, LinkOption.NOFOLLOW_LINKS)) {
        long size = Files.size(c);
        Optional<String> why = GoTarDigest.unsupported(rel, size);
        if (why.isPresent()) {
          throw new Unsupported(why.get());
        }
        out.add(new GoTarDigest.Entry(rel, false, CatalogLayer.FILE_MODE, size, () -> Files.newInputStream(c)));
      } else {
        throw new Unsupported("the catalog holds something other than files and directories");
      }
    }
  }
}
