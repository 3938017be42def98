package dev.fbc.ops;

import dev.fbc.base.FbcException;
import dev.fbc.internal.io.Documents;
import dev.fbc.internal.json.ByteSink;
import dev.fbc.internal.json.GoMarshal;
import dev.fbc.internal.json.JacksonJson;
import dev.fbc.internal.json.JsonTextWriter;
import dev.fbc.internal.json.JsonValue;
import dev.fbc.internal.model.RawAccess;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.Property;
import dev.fbc.model.RawJson;
import dev.fbc.internal.io.GoSort;
import dev.fbc.model.RelatedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Renders a bundle directory ({@code manifests/} and {@code metadata/}) into its {@code olm.bundle} blob exactly
 * as {@code opm render} does: properties from {@code metadata/properties.yaml}, the {@code olm.package} of the
 * package annotation and CSV version, the CSV's {@code olm.properties} annotation, provided and required APIs,
 * dependencies, and every manifest as an {@code olm.bundle.object}; related images from the CSV and its
 * deployments.
 *
 * <pre>{@code
 * BundleBlob b = BundleRenderer.builder()
 *     .imageRefTemplate("quay.io/example/{{.Package}}-bundle:v{{.Version}}")
 *     .migrateLevel("bundle-object-to-csv-metadata")
 *     .build()
 *     .render(Path.of("bundle"));
 * }</pre>
 */
public final class BundleRenderer {
  public static final String MIGRATION_CSV_METADATA = Migrations.BUNDLE_OBJECT_TO_CSV_METADATA;
  private static final Pattern TEMPLATE_ACTION = Pattern.compile("\\{\\{\\s*\\.(\\w+)\\s*}}");

  private final String imageRefTemplate;
  private final Migrations migrations;

  private BundleRenderer(Builder b) {
    this.imageRefTemplate = b.imageRefTemplate;
    this.migrations = b.migrations;
  }

  /** The migrations this renderer applies, to bundles and (through {@code Fbc.render}) to catalogs. */
  public Migrations migrations() {
    return migrations;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether {@code dir} is a bundle directory (it has both {@code manifests} and {@code metadata}). */
  public static boolean isBundleDirectory(Path dir) {
    return Files.isDirectory(dir.resolve("manifests")) && Files.isDirectory(dir.resolve("metadata"));
  }

  /** Renders with the given image reference ("" for directories, as opm, unless a template is set). */
  public BundleBlob render(Path dir) {
    return render(dir, null);
  }

  /**
   * @param image the bundle's image reference when it came from an image (then the template is not used)
   */
  public BundleBlob render(Path dir, String image) {
    Map<String, JsonValue> annotations = null;
    List<JsonValue> dependencies = null;
    List<JsonValue> extraProperties = null;
    for (Path f : files(dir.resolve("metadata"))) {
      JsonValue doc = first(f);
      if (annotations == null && !Tree.map(doc, "annotations").isEmpty() && hasBundleAnnotation(doc)) {
        annotations = Tree.map(doc, "annotations");
      }
      if (dependencies == null && !Tree.list(doc, "dependencies").isEmpty()) {
        dependencies = Tree.list(doc, "dependencies");
      }
      if (extraProperties == null && !Tree.list(doc, "properties").isEmpty()) {
        extraProperties = Tree.list(doc, "properties");
      }
    }
    if (annotations == null) {
      throw new FbcException(dir + ": Could not find annotations file (metadata/annotations.yaml with "
          + "operators.operatorframework.io.bundle.package.v1)");
    }
    String pkg = annotations.get("operators.operatorframework.io.bundle.package.v1") instanceof JsonValue.Str s
        ? s.value() : "";

    List<JsonValue> objects = new ArrayList<>();
    for (Path f : files(dir.resolve("manifests"))) {
      JsonValue doc;
      try {
        doc = first(f);
      } catch (FbcException e) {
        continue; // opm skips manifests it cannot decode
      }
      if (doc instanceof JsonValue.Obj) {
        objects.add(doc);
      }
    }
    if (objects.isEmpty()) {
      throw new FbcException(dir + ": no bundle objects found");
    }
    JsonValue csv = objects.stream().filter(o -> "ClusterServiceVersion".equals(Tree.str(o, "kind"))).findFirst()
        .orElseThrow(() -> new FbcException(dir + ": no csv in bundle"));
    String name = Tree.str(csv, "metadata", "name");
    String version = Tree.str(csv, "spec", "version");
    checkOwnedCrds(dir, name, csv, objects);

    List<Property> props = new ArrayList<>();
    if (extraProperties != null) {
      for (JsonValue p : extraProperties) {
        props.add(yamlProperty(Tree.str(p, "type"), Tree.get(p, "value")));
      }
    }
    if (!pkg.isEmpty()) {
      props.add(packageProperty(pkg, version));
    }
    String olmProperties = Tree.str(csv, "metadata", "annotations", "olm.properties");
    if (!olmProperties.isEmpty()) {
      props.addAll(annotationProperties(olmProperties));
    }
    for (String[] gvk : providedApis(csv, objects)) {
      props.add(gvkProperty(Property.GVK, gvk));
    }
    for (String[] gvk : requiredApis(csv)) {
      props.add(gvkProperty(Property.GVK_REQUIRED, gvk));
    }
    if (dependencies != null) {
      for (JsonValue d : dependencies) {
        String type = Tree.str(d, "type");
        JsonValue value = Tree.get(d, "value");
        if (Property.GVK.equals(type)) {
          props.add(gvkProperty(Property.GVK_REQUIRED, new String[] {Tree.str(value, "group"),
              Tree.str(value, "kind"), Tree.str(value, "version")}));
        } else if (Property.PACKAGE.equals(type)) {
          props.add(compact(Property.PACKAGE_REQUIRED, "packageName", Tree.str(value, "packageName"),
              "versionRange", Tree.str(value, "version")));
        } else {
          props.add(yamlProperty(type, value));
        }
      }
    }
    props = dedupe(props);
    // the last olm.package wins; without one, it is built from the package and the CSV version
    Property lastPackage = null;
    for (Property p : props) {
      if (Property.PACKAGE.equals(p.type())) {
        lastPackage = p;
      }
    }
    List<Property> withoutPackage = new ArrayList<>();
    for (Property p : props) {
      if (!Property.PACKAGE.equals(p.type())) {
        withoutPackage.add(p);
      }
    }
    if (lastPackage != null) {
      withoutPackage.add(packageProperty(field(lastPackage, "packageName"), field(lastPackage, "version")));
    } else {
      withoutPackage.add(packageProperty(pkg, version));
    }
    props = withoutPackage;
    for (JsonValue o : objects) {
      byte[] json = GoMarshal.marshal(o, true);
      props.add(compact(Property.BUNDLE_OBJECT, "data", Base64.getEncoder().encodeToString(json)));
    }
    props.sort(Comparator.comparing(Property::type, BundleRenderer::compareUtf8)
        .thenComparing(p -> RawAccess.bytes(p.value()), Arrays::compareUnsigned));

    String img = image != null ? image : imageFromTemplate(pkg, name, version);
    List<RelatedImage> related = relatedImages(csv, img);
    BundleBlob bundle = new BundleBlob(name, pkg, img, props, related, Map.of(), null);
    return migrations.toCsvMetadata() && !img.isEmpty() ? Migrations.withCsvMetadata(bundle, csv) : bundle;
  }

  private static boolean hasBundleAnnotation(JsonValue doc) {
    for (String k : List.of("operators.operatorframework.io.bundle.package.v1",
        "operators.operatorframework.io.bundle.channels.v1",
        "operators.operatorframework.io.bundle.channel.default.v1")) {
      if (Tree.get(doc, "annotations", k) instanceof JsonValue.Str s && !s.value().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private String imageFromTemplate(String pkg, String name, String version) {
    if (imageRefTemplate == null || imageRefTemplate.isEmpty()) {
      return "";
    }
    Matcher m = TEMPLATE_ACTION.matcher(imageRefTemplate);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value = switch (m.group(1)) {
        case "Package" -> pkg;
        case "Name" -> name;
        case "Version" -> version;
        default -> throw new FbcException("failed templating image reference from bundle for \"" + name
            + "\": can't evaluate field " + m.group(1) + " (use {{.Package}}, {{.Name}} or {{.Version}})");
      };
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    if (sb.indexOf("{{") >= 0) {
      throw new FbcException("invalid image reference template: " + imageRefTemplate);
    }
    return sb.toString();
  }

  private static List<Path> files(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted(Comparator.comparing(p -> p.getFileName().toString().getBytes(StandardCharsets.UTF_8),
              Arrays::compareUnsigned)).toList();
    } catch (IOException e) {
      throw new FbcException(dir + ": " + e.getMessage(), e);
    }
  }

  private static JsonValue first(Path f) {
    byte[] b;
    try {
      b = Files.readAllBytes(f);
    } catch (IOException e) {
      throw new FbcException(f + ": " + e.getMessage(), e);
    }
    List<JsonValue> docs = Documents.all(b, f.toString());
    return docs.isEmpty() ? JsonValue.Null.INSTANCE : docs.get(0);
  }

  private static int compareUtf8(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static List<Property> dedupe(List<Property> props) {
    Set<String> seen = new LinkedHashSet<>();
    List<Property> out = new ArrayList<>();
    for (Property p : props) {
      if (seen.add(p.type() + "\u0000" + p.value())) {
        out.add(p);
      }
    }
    return out;
  }

  private static String field(Property p, String key) {
    return Tree.str(tree(p.value()), key);
  }

  private static JsonValue tree(RawJson raw) {
    JsonValue.TreeBuilder tb = new JsonValue.TreeBuilder();
    dev.fbc.internal.json.RawJsonReader.emit(RawAccess.bytes(raw), tb, false);
    return tb.result();
  }

  /** A property whose value is an object of string fields in the given order (Go struct order). */
  private static Property compact(String type, String... kv) {
    ByteSink sink = new ByteSink(64);
    JsonTextWriter w = JsonTextWriter.compact(sink);
    w.beginObject();
    for (int i = 0; i < kv.length; i += 2) {
      w.key(kv[i]);
      w.string(kv[i + 1]);
    }
    w.endObject();
    return new Property(type, RawAccess.wrapFinal(sink.toByteArray()));
  }

  private static Property packageProperty(String pkg, String version) {
    return compact(Property.PACKAGE, "packageName", pkg, "version", version);
  }

  private static Property gvkProperty(String type, String[] gvk) {
    return compact(type, "group", gvk[0], "kind", gvk[1], "version", gvk[2]);
  }

  /** A value from YAML, as sigs.k8s.io/yaml turns it into JSON: keys sorted, {@code <>&} escaped. */
  private static Property yamlProperty(String type, JsonValue value) {
    JsonValue v = value == null ? JsonValue.Null.INSTANCE : value;
    return new Property(type, RawAccess.wrapFinal(GoMarshal.marshal(v, true)));
  }

  /** The CSV's {@code olm.properties} annotation: a JSON list of properties, values kept as written. */
  private static List<Property> annotationProperties(String json) {
    List<Property> out = new ArrayList<>();
    try (var p = JacksonJson.factory().createParser(json)) {
      if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
        return out;
      }
      while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
        JsonValue item = JacksonJson.read(p, 0, 1);
        String type = Tree.str(item, "type");
        JsonValue value = Tree.get(item, "value");
        if (value == null) {
          continue;
        }
        ByteSink sink = new ByteSink(64);
        (value instanceof JsonValue.Raw r ? r.tree() : value).emit(JsonTextWriter.compact(sink), false);
        out.add(new Property(type, RawAccess.wrapFinal(sink.toByteArray())));
      }
    } catch (IOException e) {
      // opm ignores an olm.properties annotation that is not valid JSON (with a warning)
      return List.of();
    }
    return out;
  }

  /** Provided APIs: every version of every CRD, and the CSV's owned API services; deduplicated. */
  private static List<String[]> providedApis(JsonValue csv, List<JsonValue> objects) {
    Map<String, String[]> out = new LinkedHashMap<>();
    for (JsonValue o : objects) {
      if (!"CustomResourceDefinition".equals(Tree.str(o, "kind"))) {
        continue;
      }
      String group = Tree.str(o, "spec", "group");
      String kind = Tree.str(o, "spec", "names", "kind");
      for (JsonValue v : Tree.list(o, "spec", "versions")) {
        add(out, group, kind, Tree.str(v, "name"));
      }
      String single = Tree.str(o, "spec", "version");
      if (!single.isEmpty()) {
        add(out, group, kind, single);
      }
    }
    for (JsonValue a : Tree.list(csv, "spec", "apiservicedefinitions", "owned")) {
      add(out, Tree.str(a, "group"), Tree.str(a, "kind"), Tree.str(a, "version"));
    }
    return new ArrayList<>(out.values());
  }

  private static List<String[]> requiredApis(JsonValue csv) {
    Map<String, String[]> out = new LinkedHashMap<>();
    for (JsonValue r : Tree.list(csv, "spec", "customresourcedefinitions", "required")) {
      String n = Tree.str(r, "name");
      int dot = n.indexOf('.');
      add(out, dot >= 0 ? n.substring(dot + 1) : "", Tree.str(r, "kind"), Tree.str(r, "version"));
    }
    for (JsonValue a : Tree.list(csv, "spec", "apiservicedefinitions", "required")) {
      add(out, Tree.str(a, "group"), Tree.str(a, "kind"), Tree.str(a, "version"));
    }
    return new ArrayList<>(out.values());
  }

  private static void add(Map<String, String[]> m, String group, String kind, String version) {
    m.putIfAbsent(group + "/" + version + "/" + kind, new String[] {group, kind, version});
  }

  private static void checkOwnedCrds(Path dir, String name, JsonValue csv, List<JsonValue> objects) {
    Set<String> found = new LinkedHashSet<>();
    for (JsonValue o : objects) {
      if ("CustomResourceDefinition".equals(Tree.str(o, "kind"))) {
        String crd = Tree.str(o, "metadata", "name");
        String kind = Tree.str(o, "spec", "names", "kind");
        for (JsonValue v : Tree.list(o, "spec", "versions")) {
          found.add(crd + "/" + Tree.str(v, "name") + "/" + kind);
        }
        String single = Tree.str(o, "spec", "version");
        if (!single.isEmpty()) {
          found.add(crd + "/" + single + "/" + kind);
        }
      }
    }
    for (JsonValue owned : Tree.list(csv, "spec", "customresourcedefinitions", "owned")) {
      String key = Tree.str(owned, "name") + "/" + Tree.str(owned, "version") + "/" + Tree.str(owned, "kind");
      if (!found.contains(key)) {
        throw new FbcException(dir + ": error checking provided apis in bundle " + name + ": couldn't find "
            + key + " in bundle. found: " + found + " (every owned CRD of the CSV needs its CRD manifest)");
      }
    }
  }

  private static List<RelatedImage> relatedImages(JsonValue csv, String bundleImage) {
    List<RelatedImage> out = new ArrayList<>();
    Set<String> images = new LinkedHashSet<>();
    for (JsonValue r : Tree.list(csv, "spec", "relatedImages")) {
      out.add(new RelatedImage(Tree.str(r, "name"), Tree.str(r, "image")));
      images.add(Tree.str(r, "image"));
    }
    if (!bundleImage.isEmpty() && images.add(bundleImage)) {
      out.add(new RelatedImage("", bundleImage));
    }
    if ("deployment".equals(Tree.str(csv, "spec", "install", "strategy"))) {
      for (JsonValue d : Tree.list(csv, "spec", "install", "spec", "deployments")) {
        for (String list : List.of("containers", "initContainers")) {
          for (JsonValue c : Tree.list(d, "spec", "template", "spec", list)) {
            String image = Tree.str(c, "image");
            if (!image.isEmpty() && images.add(image)) {
              out.add(new RelatedImage("", image));
            }
          }
        }
      }
    }
    // opm sorts with Go's sort.Slice, which is not stable: images listed twice under different names come out in
    // pdqsort's order once there are more than 12 entries
    return GoSort.sorted(out, Comparator.comparing(RelatedImage::image, BundleRenderer::compareUtf8));
  }

  public static final class Builder {
    private String imageRefTemplate = "";
    private Migrations migrations = Migrations.none();

    private Builder() {}

    /** Go-template of the image reference for bundle directories: {@code {{.Package}} {{.Name}} {{.Version}}}. */
    public Builder imageRefTemplate(String t) {
      this.imageRefTemplate = t == null ? "" : t;
      return this;
    }

    /** opm's {@code --migrate-level}: {@code ""} or {@code none}, {@code bundle-object-to-csv-metadata}, {@code all}. */
    public Builder migrateLevel(String level) {
      this.migrations = Migrations.level(level);
      return this;
    }

    public BundleRenderer build() {
      return new BundleRenderer(this);
    }
  }
}
