package dev.fbc.ops;

import dev.fbc.base.FbcException;
import dev.fbc.internal.io.Documents;
import dev.fbc.internal.json.JsonValue;
import dev.fbc.semver.Constraint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code fbc prune} keeps, in oc-mirror's terms: a {@code FilterConfiguration}
 * ({@code olm.operatorframework.io/filter/mirror/v1alpha1}), also read from the {@code mirror.operators[]} of an
 * oc-mirror v2 {@code ImageSetConfiguration}, or built from {@code --keep PKG[:CHANNEL][@RANGE]}.
 *
 * <pre>{@code
 * FilterConfiguration f = FilterConfiguration.load(Path.of("filter.yaml"));
 * FilterConfiguration g = FilterConfiguration.ofKeeps(List.of("etcd:stable@>=0.9.2"));
 * }</pre>
 *
 * @param packages the packages to keep; empty keeps every package
 */
public record FilterConfiguration(List<PackageFilter> packages) {
  public static final String API_VERSION = "olm.operatorframework.io/filter/mirror/v1alpha1";
  public static final String KIND = "FilterConfiguration";

  public FilterConfiguration {
    packages = List.copyOf(packages);
  }

  /** @param channels the channels to keep; empty keeps every channel */
  public record PackageFilter(String name, String defaultChannel, String versionRange, List<ChannelFilter> channels) {
    public PackageFilter {
      channels = List.copyOf(channels);
    }
  }

  public record ChannelFilter(String name, String versionRange) {}

  public static FilterConfiguration load(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new FbcException(file + ": " + e.getMessage(), e);
    }
    List<JsonValue> docs = Documents.all(bytes, file.toString());
    JsonValue doc = docs.isEmpty() ? JsonValue.Null.INSTANCE : docs.get(0);
    String kind = str(doc, "kind");
    if (kind.equals("ImageSetConfiguration")) {
      return fromImageSet(doc, file);
    }
    List<String> errors = new ArrayList<>();
    String apiVersion = str(doc, "apiVersion");
    if (!apiVersion.equals(API_VERSION)) {
      errors.add("unexpected API version \"" + apiVersion + "\"");
    }
    if (!kind.equals(KIND)) {
      errors.add("unexpected kind \"" + kind + "\"");
    }
    List<PackageFilter> pkgs = new ArrayList<>();
    List<JsonValue> items = list(doc, "packages");
    for (int i = 0; i < items.size(); i++) {
      JsonValue p = items.get(i);
      List<ChannelFilter> channels = new ArrayList<>();
      for (JsonValue c : list(p, "channels")) {
        channels.add(new ChannelFilter(str(c, "name"), str(c, "versionRange")));
      }
      pkgs.add(new PackageFilter(str(p, "name"), str(p, "defaultChannel"), str(p, "versionRange"), channels));
    }
    errors.addAll(validate(pkgs));
    if (!errors.isEmpty()) {
      throw new FbcException(String.join("\n", errors));
    }
    return new FilterConfiguration(pkgs);
  }

  /** The catalog filter's own checks, every problem at once, in configuration order. */
  static List<String> validate(List<PackageFilter> pkgs) {
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < pkgs.size(); i++) {
      PackageFilter p = pkgs.get(i);
      String at = "package \"" + p.name() + "\" at index [" + i + "] is invalid: ";
      if (p.name().isEmpty()) {
        errors.add(at + "name must be specified");
      }
      if (!p.versionRange().isEmpty()) {
        try {
          Constraint.parse(p.versionRange());
        } catch (Constraint.ParseException e) {
          errors.add(at + "versionRange is not in valid semantic versionning format: " + e.getMessage());
        }
      }
      for (int j = 0; j < p.channels().size(); j++) {
        ChannelFilter c = p.channels().get(j);
        String cat = at + "channel \"" + c.name() + "\" at index [" + j + "] is invalid: ";
        if (c.name().isEmpty()) {
          errors.add(cat + "name must be specified");
        }
        if (!c.versionRange().isEmpty()) {
          if (!p.versionRange().isEmpty()) {
            errors.add(at + "package specifies a VersionRange, while channel \"" + c.name() + "\" at index [" + j
                + "] equally specifies one: package.VersionRange and channel.VersionRange are exclusive");
          }
          try {
            Constraint.parse(c.versionRange());
          } catch (Constraint.ParseException e) {
            errors.add(cat + "versionRange is not in valid semantic versionning format: " + e.getMessage());
          }
        }
      }
    }
    return errors;
  }

  /** The operators of an oc-mirror v2 ImageSetConfiguration; it must name exactly one catalog. */
  private static FilterConfiguration fromImageSet(JsonValue doc, Path file) {
    List<JsonValue> operators = list(Tree.get(doc, "mirror"), "operators");
    if (operators.size() != 1) {
      throw new FbcException(file + ": the ImageSetConfiguration names " + operators.size() + " catalogs under "
          + "mirror.operators; fbc prune filters one catalog (keep one entry)");
    }
    JsonValue op = operators.get(0);
    List<PackageFilter> pkgs = new ArrayList<>();
    for (JsonValue p : list(op, "packages")) {
      List<ChannelFilter> channels = new ArrayList<>();
      for (JsonValue c : list(p, "channels")) {
        channels.add(new ChannelFilter(str(c, "name"), range(str(c, "minVersion"), str(c, "maxVersion"))));
      }
      pkgs.add(new PackageFilter(str(p, "name"), str(p, "defaultChannel"),
          range(str(p, "minVersion"), str(p, "maxVersion")), channels));
    }
    List<String> errors = validate(pkgs);
    if (!errors.isEmpty()) {
      throw new FbcException(String.join("\n", errors));
    }
    return new FilterConfiguration(pkgs);
  }

  /** As oc-mirror builds it: {@code ">=MIN"}, then {@code " <=MAX"} appended. */
  static String range(String min, String max) {
    String r = min.isEmpty() ? "" : ">=" + min;
    if (!max.isEmpty()) {
      r += " <=" + max;
    }
    return r;
  }

  /** Whether an ImageSetConfiguration asks for {@code full: true} on its catalog. */
  public static boolean imageSetFull(Path file) {
    try {
      List<JsonValue> docs = Documents.all(Files.readAllBytes(file), file.toString());
      if (docs.isEmpty() || !str(docs.get(0), "kind").equals("ImageSetConfiguration")) {
        return false;
      }
      List<JsonValue> ops = list(Tree.get(docs.get(0), "mirror"), "operators");
      return !ops.isEmpty() && Tree.get(ops.get(0), "full") instanceof JsonValue.Bool b && b.value();
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code PKG[:CHANNEL][@RANGE]} flags, merged per package. */
  public static FilterConfiguration ofKeeps(List<String> keeps) {
    Map<String, PackageFilter> byName = new java.util.LinkedHashMap<>();
    for (String k : keeps) {
      String range = "";
      int at = k.indexOf('@');
      String rest = k;
      if (at >= 0) {
        range = k.substring(at + 1);
        rest = k.substring(0, at);
      }
      String pkg = rest;
      String channel = "";
      int colon = rest.indexOf(':');
      if (colon >= 0) {
        pkg = rest.substring(0, colon);
        channel = rest.substring(colon + 1);
      }
      PackageFilter old = byName.get(pkg);
      List<ChannelFilter> channels = new ArrayList<>(old == null ? List.of() : old.channels());
      String pkgRange = old == null ? "" : old.versionRange();
      if (channel.isEmpty()) {
        pkgRange = range;
      } else {
        channels.add(new ChannelFilter(channel, range));
      }
      byName.put(pkg, new PackageFilter(pkg, "", pkgRange, channels));
    }
    List<PackageFilter> pkgs = new ArrayList<>(byName.values());
    List<String> errors = validate(pkgs);
    if (!errors.isEmpty()) {
      throw new FbcException(String.join("\n", errors));
    }
    return new FilterConfiguration(pkgs);
  }

  private static String str(JsonValue v, String key) {
    JsonValue x = field(v, key);
    return x instanceof JsonValue.Str s ? s.value() : "";
  }

  private static List<JsonValue> list(JsonValue v, String key) {
    JsonValue x = field(v, key);
    return x instanceof JsonValue.Arr a ? a.items() : List.of();
  }

  /** Keys match ignoring case, as Go's JSON decoding of the YAML does. */
  private static JsonValue field(JsonValue v, String key) {
    if (v instanceof JsonValue.Obj o) {
      JsonValue exact = o.members().get(key);
      if (exact != null) {
        return exact;
      }
      for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
        if (e.getKey().equalsIgnoreCase(key)) {
          return e.getValue();
        }
      }
    }
    return null;
  }
}
