package dev.fbc.template;

import dev.fbc.base.FbcException;
import dev.fbc.internal.json.JsonValue;
import dev.fbc.model.Blob;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.Catalog;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.ChannelEntry;
import dev.fbc.model.PackageBlob;
import dev.fbc.semantic.BundleProperties;
import dev.fbc.semver.Version;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * opm's semver template ({@code schema: olm.semver}): bundles listed under {@code candidate}, {@code fast} and
 * {@code stable} become major ({@code stable-v1}) and/or minor ({@code stable-v1.2}) channels; in each channel the
 * highest patch of a minor version replaces the highest patch of the minor before it and skips every lower patch
 * of its own minor; the default channel is the most stable one, then the newest.
 */
final class SemverTemplate {
  static final String SCHEMA = "olm.semver";
  private static final String STRICT = "error unmarshaling JSON: while decoding JSON: json: ";
  private static final List<String> FIELDS = List.of("schema", "generateMajorChannels", "generateMinorChannels",
      "defaultChannelTypePreference", "candidate", "fast", "stable");
  /** Archetypes in order of stability: the index is the priority. */
  static final List<String> ARCHETYPES = List.of("candidate", "fast", "stable");

  enum Kind { NONE, MAJOR, MINOR }

  /** The template as read: flags and the image list of each archetype (with the entry's path for lines). */
  record Spec(boolean major, boolean minor, Kind preference, Map<String, List<String>> images) {}

  private SemverTemplate() {}

  static Catalog render(TemplateSource source, BundleSource bundles) {
    String prefix = "semver " + BasicTemplate.quote(source.name()) + ": render: ";
    TemplateDocument doc = TemplateDocument.parse(source, m -> prefix + "unable to read file: " + m);
    Spec spec = read(doc, prefix + "unable to read file: ");
    List<String> refs = new ArrayList<>();
    spec.images().values().forEach(refs::addAll);
    Map<String, BundleBlob> rendered;
    try {
      rendered = bundles.renderAll(refs.stream().distinct().toList());
    } catch (FbcException e) {
      throw doc.error(pathOf(spec, e.getMessage()), "semver " + BasicTemplate.quote(source.name()) + ": "
          + e.getMessage());
    }
    if (rendered.isEmpty()) {
      throw doc.error("", prefix + "no bundles specified or no bundles could be rendered");
    }
    String[] pkg = {""};
    Map<String, Map<String, Version>> versions = new LinkedHashMap<>();
    for (String arch : ARCHETYPES) {
      versions.put(arch, versionsOf(doc, spec, arch, rendered, pkg, prefix + "unable to post-process bundle "
          + "info: "));
    }
    List<ChannelBlob> channels = new ArrayList<>();
    String defaultChannel = channels(spec, versions, pkg[0], channels);
    List<Blob> out = new ArrayList<>();
    out.add(PackageBlob.of(pkg[0], defaultChannel));
    out.addAll(channels);
    out.addAll(rendered.values());
    // as opm's render: bundle objects and CSV metadata after the other properties
    return dev.fbc.ops.RenderNormalizer.normalize(new Catalog(out));
  }

  private static String pathOf(Spec spec, String message) {
    for (var e : spec.images().entrySet()) {
      for (int i = 0; i < e.getValue().size(); i++) {
        if (message.contains("\"" + e.getValue().get(i) + "\"")) {
          return e.getKey() + ".bundles[" + i + "]";
        }
      }
    }
    return "";
  }

  /** Strict decoding as sigs.k8s.io/yaml's UnmarshalStrict does it, then opm's defaults and checks. */
  static Spec read(TemplateDocument doc, String prefix) {
    if (!(doc.value() instanceof JsonValue.Obj obj)) {
      if (doc.value() instanceof JsonValue.Null) {
        throw doc.error("", prefix + "readFile: input file has unknown schema, should be " + BasicTemplate.quote(
            SCHEMA));
      }
      throw doc.error("", prefix + STRICT + "cannot unmarshal " + goKind(doc.value()) + " into Go value of type "
          + "semver.semverTemplate");
    }
    for (String key : obj.members().keySet()) {
      if (!TemplateDocument.known(key, FIELDS)) {
        throw doc.error(key, prefix + STRICT + "unknown field " + BasicTemplate.quote(key));
      }
    }
    String schema = string(doc, obj, "schema", prefix);
    boolean major = bool(doc, obj, "generateMajorChannels", prefix);
    boolean minor = bool(doc, obj, "generateMinorChannels", prefix);
    String pref = string(doc, obj, "defaultChannelTypePreference", prefix);
    Map<String, List<String>> images = new LinkedHashMap<>();
    for (String arch : ARCHETYPES) {
      images.put(arch, bundleList(doc, obj, arch, prefix));
    }
    if (!SCHEMA.equals(schema)) {
      throw doc.error("schema", prefix + "readFile: input file has unknown schema, should be "
          + BasicTemplate.quote(SCHEMA));
    }
    if (!major && !minor) {
      minor = true;
    }
    Kind preference;
    switch (pref) {
      case "" -> preference = minor ? Kind.MINOR : Kind.MAJOR;
      case "minor" -> {
        if (!minor) {
          throw doc.error("defaultChannelTypePreference", prefix + "schema attribute mismatch: "
              + "DefaultChannelTypePreference set to 'minor' doesn't make sense if not generating minor-version "
              + "channels");
        }
        preference = Kind.MINOR;
      }
      case "major" -> {
        if (!major) {
          throw doc.error("defaultChannelTypePreference", prefix + "schema attribute mismatch: "
              + "DefaultChannelTypePreference set to 'major' doesn't make sense if not generating major-version "
              + "channels");
        }
        preference = Kind.MAJOR;
      }
      default -> throw doc.error("defaultChannelTypePreference", prefix + "unknown DefaultChannelTypePreference: "
          + BasicTemplate.quote(pref) + "\nValid values are 'major' or 'minor'");
    }
    return new Spec(major, minor, preference, images);
  }

  private static String string(TemplateDocument doc, JsonValue.Obj obj, String field, String prefix) {
    JsonValue v = TemplateDocument.field(obj.members(), field);
    if (v == null || v instanceof JsonValue.Null) {
      return "";
    }
    if (v instanceof JsonValue.Str s) {
      return s.value();
    }
    throw typeError(doc, field, v, "semverTemplate." + field, "string", prefix);
  }

  private static boolean bool(TemplateDocument doc, JsonValue.Obj obj, String field, String prefix) {
    JsonValue v = TemplateDocument.field(obj.members(), field);
    if (v == null || v instanceof JsonValue.Null) {
      return false;
    }
    if (v instanceof JsonValue.Bool b) {
      return b.value();
    }
    throw typeError(doc, field, v, "semverTemplate." + field, "bool", prefix);
  }

  private static List<String> bundleList(TemplateDocument doc, JsonValue.Obj obj, String arch, String prefix) {
    JsonValue ch = TemplateDocument.field(obj.members(), arch);
    if (ch == null || ch instanceof JsonValue.Null) {
      return List.of();
    }
    if (!(ch instanceof JsonValue.Obj c)) {
      throw typeError(doc, arch, ch, "semverTemplate." + arch, "semver.semverTemplateChannelBundles", prefix);
    }
    for (String key : c.members().keySet()) {
      if (!key.equalsIgnoreCase("bundles")) {
        throw doc.error(arch, prefix + STRICT + "unknown field " + BasicTemplate.quote(key));
      }
    }
    JsonValue list = TemplateDocument.field(c.members(), "bundles");
    if (list == null || list instanceof JsonValue.Null) {
      return List.of();
    }
    if (!(list instanceof JsonValue.Arr a)) {
      throw typeError(doc, arch + ".bundles", list, "semverTemplate." + arch + ".bundles",
          "[]semver.semverTemplateBundleEntry", prefix);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < a.items().size(); i++) {
      String path = arch + ".bundles[" + i + "]";
      if (!(a.items().get(i) instanceof JsonValue.Obj e)) {
        throw typeError(doc, path, a.items().get(i), "semverTemplate." + arch + ".bundles",
            "semver.semverTemplateBundleEntry", prefix);
      }
      for (String key : e.members().keySet()) {
        if (!key.equalsIgnoreCase("image")) {
          throw doc.error(path, prefix + STRICT + "unknown field " + BasicTemplate.quote(key));
        }
      }
      JsonValue img = TemplateDocument.field(e.members(), "image");
      if (img != null && !(img instanceof JsonValue.Str) && !(img instanceof JsonValue.Null)) {
        throw typeError(doc, path, img, "semverTemplate." + arch + ".bundles.image", "string", prefix);
      }
      out.add(img instanceof JsonValue.Str s ? s.value() : "");
    }
    return out;
  }

  private static FbcException typeError(TemplateDocument doc, String path, JsonValue v, String field, String type,
      String prefix) {
    return doc.error(path, prefix + STRICT + "cannot unmarshal " + goKind(v) + " into Go struct field " + field
        + " of type " + type);
  }

  private static String goKind(JsonValue v) {
    if (v instanceof JsonValue.Str) {
      return "string";
    } else if (v instanceof JsonValue.Num) {
      return "number";
    } else if (v instanceof JsonValue.Bool) {
      return "bool";
    } else if (v instanceof JsonValue.Arr) {
      return "array";
    } else if (v instanceof JsonValue.Obj) {
      return "object";
    }
    return "null";
  }

  /** Bundle name -> version for one archetype list, checked as opm checks it. */
  private static Map<String, Version> versionsOf(TemplateDocument doc, Spec spec, String arch,
      Map<String, BundleBlob> rendered, String[] pkg, String prefix) {
    Map<String, Version> out = new LinkedHashMap<>();
    List<String> images = spec.images().get(arch);
    for (int i = 0; i < images.size(); i++) {
      String path = arch + ".bundles[" + i + "]";
      BundleBlob b = rendered.get(images.get(i));
      if (b == null || !b.image().equals(images.get(i))) {
        throw doc.error(path, prefix + "supplied bundle image name " + BasicTemplate.quote(images.get(i))
            + " not found in rendered bundle images");
      }
      BundleProperties props;
      try {
        props = BundleProperties.parse(b.properties());
      } catch (RuntimeException e) {
        throw doc.error(path, prefix + "parse properties for bundle " + BasicTemplate.quote(b.name()) + ": "
            + e.getMessage());
      }
      if (props.packages().size() != 1) {
        throw doc.error(path, prefix + "bundle " + BasicTemplate.quote(b.name()) + " has multiple "
            + BasicTemplate.quote("olm.package") + " properties, expected exactly 1");
      }
      BundleProperties.PackageProperty p = props.packages().get(0);
      Version v;
      try {
        v = Version.parse(p.version());
      } catch (Version.ParseException e) {
        throw doc.error(path, prefix + "bundle " + BasicTemplate.quote(b.name()) + " has invalid version "
            + BasicTemplate.quote(p.version()) + ": " + e.getMessage());
      }
      if (pkg[0].isEmpty()) {
        pkg[0] = p.packageName();
      } else if (!p.packageName().equals(pkg[0])) {
        throw doc.error(path, prefix + "bundle " + BasicTemplate.quote(p.packageName()) + " does not belong to "
            + "this package: " + BasicTemplate.quote(pkg[0]));
      }
      if (out.containsKey(b.name())) {
        throw doc.error(path, prefix + "duplicate bundle name " + BasicTemplate.quote(b.name()));
      }
      out.put(b.name(), v);
    }
    List<String> conflicts = new ArrayList<>();
    Map<String, Boolean> seen = new LinkedHashMap<>();
    for (Version v : out.values()) {
      String stripped = withoutBuild(v);
      if (seen.putIfAbsent(stripped, Boolean.TRUE) != null) {
        conflicts.add("bundle version " + BasicTemplate.quote(v.toString()) + " cannot be compared to "
            + BasicTemplate.quote(stripped));
      }
    }
    if (!conflicts.isEmpty()) {
      throw doc.error(arch, prefix + "encountered bundle versions which differ only by build metadata, which "
          + "cannot be ordered: " + (conflicts.size() == 1 ? conflicts.get(0) : "[" + String.join(", ", conflicts)
          + "]"));
    }
    return out;
  }

  private static String withoutBuild(Version v) {
    String s = v.toString();
    int plus = s.indexOf('+');
    return plus < 0 ? s : s.substring(0, plus);
  }

  /** The channel that would become the default: archetype, kind, the version that created it, its name. */
  private record Highwater(int archetype, Kind kind, Version version, String name) {
    boolean beats(Highwater o, Kind preference) {
      if (archetype != o.archetype) {
        return archetype > o.archetype;
      }
      int c = version.compareTo(o.version);
      if (c != 0) {
        return c > 0;
      }
      if (kind != o.kind) {
        if (kind == preference) {
          return true;
        }
        if (o.kind == preference) {
          return false;
        }
        return kind.ordinal() > o.kind.ordinal();
      }
      return false;
    }
  }

  /** Builds and links the channels into {@code out}; returns the default channel's name. */
  private static String channels(Spec spec, Map<String, Map<String, Version>> versions, String pkg,
      List<ChannelBlob> out) {
    Highwater best = new Highwater(0, Kind.NONE, Version.parse("0.0.0"), "");
    Map<String, List<String>> members = new TreeMap<>();
    Map<String, Version> versionOf = new LinkedHashMap<>();
    for (int a = 0; a < ARCHETYPES.size(); a++) {
      String arch = ARCHETYPES.get(a);
      Map<String, Version> bundles = versions.get(arch);
      bundles.forEach(versionOf::putIfAbsent);
      List<String> names = new ArrayList<>(bundles.keySet());
      names.sort((x, y) -> bundles.get(x).compareTo(bundles.get(y)));
      for (String name : names) {
        Version v = bundles.get(name);
        List<Map.Entry<Kind, String>> kinds = new ArrayList<>();
        if (spec.major()) {
          kinds.add(Map.entry(Kind.MAJOR, arch + "-v" + v.major()));
        }
        if (spec.minor()) {
          kinds.add(Map.entry(Kind.MINOR, arch + "-v" + v.major() + "." + v.minor()));
        }
        for (Map.Entry<Kind, String> k : kinds) {
          List<String> entries = members.get(k.getValue());
          if (entries == null) {
            entries = new ArrayList<>();
            members.put(k.getValue(), entries);
            Highwater candidate = new Highwater(a, k.getKey(), v, k.getValue());
            if (candidate.beats(best, spec.preference())) {
              best = candidate;
            }
          }
          entries.add(name);
        }
      }
    }
    for (Map.Entry<String, List<String>> ch : members.entrySet()) {
      out.add(ChannelBlob.inPackage(pkg, ch.getKey(), link(ch.getValue(), versionOf)));
    }
    return best.name();
  }

  /**
   * The edges of one channel, walking its entries in version order a minor version at a time: the last entry of
   * each minor skips the others of that minor, and replaces (and skips) the last entry of the minor before.
   */
  static List<ChannelEntry> link(List<String> unsorted, Map<String, Version> versionOf) {
    List<String> names = new ArrayList<>(unsorted);
    names.sort((x, y) -> versionOf.get(x).compareTo(versionOf.get(y)));
    int n = names.size();
    String[] replaces = new String[n];
    List<List<String>> skips = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      skips.add(new ArrayList<>());
    }
    String previousTop = "";
    int start = 0;
    while (start < n) {
      int end = start + 1;
      while (end < n && sameMinor(versionOf.get(names.get(end)), versionOf.get(names.get(start)))) {
        end++;
      }
      int top = end - 1;
      if (!previousTop.isEmpty()) {
        skips.get(top).add(previousTop);
        replaces[top] = previousTop;
      }
      previousTop = names.get(top);
      for (int i = start; i < top; i++) {
        skips.get(top).add(names.get(i));
      }
      start = end;
    }
    // opm's last check compares the minor number alone (not major.minor); kept for identical output
    if (n > 1 && !versionOf.get(names.get(n - 1)).minor().equals(versionOf.get(names.get(n - 2)).minor())) {
      replaces[n - 1] = names.get(n - 2);
    }
    List<ChannelEntry> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ChannelEntry e = ChannelEntry.of(names.get(i)).withSkips(skips.get(i));
      out.add(replaces[i] == null ? e : e.withReplaces(replaces[i]));
    }
    return out;
  }

  private static boolean sameMinor(Version a, Version b) {
    BigInteger[] x = {a.major(), a.minor()};
    BigInteger[] y = {b.major(), b.minor()};
    return x[0].equals(y[0]) && x[1].equals(y[1]);
  }
}
