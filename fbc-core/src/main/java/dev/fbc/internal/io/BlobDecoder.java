package dev.fbc.internal.io;

import dev.fbc.internal.json.ByteSink;
import dev.fbc.internal.json.JsonTextWriter;
import dev.fbc.internal.json.JsonValue;
import dev.fbc.internal.model.RawAccess;
import dev.fbc.model.Blob;
import dev.fbc.model.BundleBlob;
import dev.fbc.model.ChannelBlob;
import dev.fbc.model.ChannelEntry;
import dev.fbc.model.DeprecationEntry;
import dev.fbc.model.DeprecationsBlob;
import dev.fbc.model.Icon;
import dev.fbc.model.PackageBlob;
import dev.fbc.model.PackageScopedReference;
import dev.fbc.model.Property;
import dev.fbc.model.RawJson;
import dev.fbc.model.RelatedImage;
import dev.fbc.base.Source;
import dev.fbc.model.UnknownBlob;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns one parsed document into a {@link Blob}, accepting and rejecting what opm does: keys {@code schema},
 * {@code package} and {@code name} are matched ignoring case (and may not appear twice in different cases), typed
 * fields too; fields opm does not know are kept as extras.
 */
public final class BlobDecoder {
  /** Collections at this depth and below are kept as raw JSON (property values, entry skips). */
  public static final int CAPTURE_DEPTH = 3;

  private BlobDecoder() {}

  /** A document that is not a valid blob. */
  public static final class BlobException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String hint;

    public BlobException(String message, String hint) {
      super(message);
      this.hint = hint;
    }

    public String hint() {
      return hint;
    }
  }

  /** Prefix opm's messages carry when the blob came through its YAML decoder. */
  public static final String YAML_PREFIX = "error unmarshaling JSON: while decoding JSON: ";

  public static Blob decode(JsonValue doc, Source source) throws BlobException {
    return decode(doc, source, "");
  }

  /**
   * @param prefix put before the messages opm's blob decoding gives ({@link #YAML_PREFIX} for YAML input, as in
   *     opm)
   */
  public static Blob decode(JsonValue doc, Source source, String prefix) throws BlobException {
    if (doc instanceof JsonValue.Null) {
      throw new BlobException("object '' is missing root schema field",
          "the document is empty: remove the blank document (a stray '---' or a comment-only document)");
    }
    if (!(doc instanceof JsonValue.Obj obj)) {
      String kind = doc.kind();
      String hint = doc instanceof JsonValue.Arr
          ? "a catalog file holds blobs one after another, not a JSON array: convert it with jq -c '.[]'"
          : "each document must be a blob (a mapping with a 'schema' field)";
      throw new BlobException(prefix + "json: cannot unmarshal " + goKind(kind)
          + " into Go value of type map[string]interface {}: expected a blob (an object), found " + kind, hint);
    }
    checkDuplicateKeys(obj, prefix);
    String schema = topString(obj, "schema", prefix);
    String pkg = topString(obj, "package", prefix);
    String name = topString(obj, "name", prefix);
    if (schema.isEmpty()) {
      throw new BlobException("object '" + normalizedCompact(obj) + "' is missing root schema field",
          "add a 'schema' field (olm.package, olm.channel, olm.bundle, olm.deprecations or your own)");
    }
    Fields f = new Fields(obj);
    return switch (schema) {
      case Blob.SCHEMA_PACKAGE -> decodePackage(f, source);
      case Blob.SCHEMA_CHANNEL -> decodeChannel(f, source);
      case Blob.SCHEMA_BUNDLE -> decodeBundle(f, source);
      case Blob.SCHEMA_DEPRECATIONS -> decodeDeprecations(f, source);
      default -> new UnknownBlob(schema, pkg, name, raw(obj), source);
    };
  }

  /** A parsed value as the model's raw JSON, sharing its bytes. */
  private static RawJson raw(JsonValue v) {
    return RawAccess.of(JsonValue.toRaw(v));
  }

  private static String goKind(String kind) {
    return switch (kind) {
      case "an array" -> "array";
      case "a string" -> "string";
      case "a number" -> "number";
      case "a boolean" -> "bool";
      default -> kind;
    };
  }

  static String normalizedCompact(JsonValue v) {
    ByteSink sink = new ByteSink(128);
    v.emit(JsonTextWriter.compact(sink), true);
    return sink.toString();
  }

  private static void checkDuplicateKeys(JsonValue.Obj obj, String prefix) throws BlobException {
    if (obj.members().size() < 2 || !mayRepeatIgnoringCase(obj.members().keySet())) {
      return;
    }
    Map<String, List<String>> byLower = new TreeMap<>();
    for (String k : obj.members().keySet()) {
      byLower.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).add(k);
    }
    for (Map.Entry<String, List<String>> e : byLower.entrySet()) {
      if (e.getValue().size() > 1) {
        List<String> keys = new ArrayList<>(e.getValue());
        Collections.sort(keys);
        throw new BlobException(prefix + "duplicate keys for key \""
            + e.getKey() + "\": [" + String.join(" ", keys) + "]",
            "keys are matched ignoring case: keep only one of " + keys);
      }
    }
  }

  /**
   * False when no two of {@code keys} are the same lower-cased (as {@code toLowerCase(Locale.ROOT)} has it), found
   * without a map or a lower-cased copy of each key: a blob has a few keys, mostly ASCII. True when two are, or
   * when there are too many keys to compare every pair.
   */
  private static boolean mayRepeatIgnoringCase(Collection<String> keys) {
    if (keys.size() > 16) {
      return true;
    }
    String[] k = keys.toArray(new String[0]);
    for (int i = 1; i < k.length; i++) {
      for (int j = 0; j < i; j++) {
        if (sameLowerCase(k[i], k[j])) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@code a} and {@code b} are equal lower-cased with {@code Locale.ROOT}. */
  static boolean sameLowerCase(String a, String b) {
    int n = a.length();
    if (n == b.length()) {
      int i = 0;
      for (; i < n; i++) {
        char x = a.charAt(i);
        char y = b.charAt(i);
        if (x >= 0x80 || y >= 0x80) {
          break;
        }
        // an ASCII prefix lower-cases in place, so a difference in it is one in the lower-cased strings
        if (x != y && lowerAscii(x) != lowerAscii(y)) {
          return false;
        }
      }
      if (i == n) {
        return true;
      }
    } else if (isAscii(a) && isAscii(b)) {
      return false;
    }
    // beyond ASCII lower-casing may change the length (U+0130) or give ASCII (U+212A, the Kelvin sign)
    return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
  }

  private static char lowerAscii(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static String topString(JsonValue.Obj obj, String key, String prefix) throws BlobException {
    JsonValue v = lookup(obj.members(), key);
    if (v == null) {
      return "";
    }
    if (v instanceof JsonValue.Str s) {
      return s.value();
    }
    String shown;
    String t;
    if (v instanceof JsonValue.Bool b) {
      t = String.valueOf(b.value());
      shown = t;
    } else if (v instanceof JsonValue.Num n) {
      t = "%!t(float64=" + n.text() + ")";
      shown = n.text();
    } else if (v instanceof JsonValue.Null) {
      t = "%!t(<nil>)";
      shown = "<nil>";
    } else {
      t = "%!t(" + v.kind() + ")";
      shown = normalizedCompact(v);
    }
    throw new BlobException(prefix + "expected value for key \"" + key + "\" to be a string, got " + t + ": " + shown,
        "quote the value so YAML reads it as a string (YAML 1.1 reads y, n, yes, no, on, off as booleans)");
  }

  static JsonValue lookup(Map<String, JsonValue> m, String key) {
    JsonValue exact = m.get(key);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, JsonValue> e : m.entrySet()) {
      if (e.getKey().equalsIgnoreCase(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Typed access to an object's fields, matching names ignoring case; what is not asked for becomes extras. */
  static final class Fields {
    private final Map<String, JsonValue> members;
    private final List<String> used = new ArrayList<>(8);
    private String context;

    Fields(JsonValue.Obj obj) {
      this.members = obj.members();
    }

    Fields context(String c) {
      this.context = c;
      return this;
    }

    JsonValue get(String name) {
      JsonValue exact = members.get(name);
      if (exact != null) {
        used.add(name);
        return exact;
      }
      JsonValue found = null;
      for (Map.Entry<String, JsonValue> e : members.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          used.add(e.getKey());
          found = e.getValue();
        }
      }
      return found;
    }

    String string(String name) throws BlobException {
      JsonValue v = get(name);
      if (v == null || v instanceof JsonValue.Null) {
        return "";
      }
      if (v instanceof JsonValue.Str s) {
        return s.value();
      }
      throw mismatch(name, v, "string");
    }

    List<JsonValue> array(String name, String goType) throws BlobException {
      JsonValue v = get(name);
      if (v == null || v instanceof JsonValue.Null) {
        return null;
      }
      if (v instanceof JsonValue.Raw r) {
        v = r.tree();
      }
      if (v instanceof JsonValue.Arr a) {
        return a.items();
      }
      throw mismatch(name, v, goType);
    }

    BlobException mismatch(String name, JsonValue v, String goType) {
      return new BlobException("parse " + context + ": json: cannot unmarshal " + goKind(v.kind())
          + " into Go struct field " + name + " of type " + goType,
          "field '" + name + "' must be " + describe(goType) + ", not " + v.kind());
    }

    Map<String, RawJson> extras() {
      if (members.size() == used.size()) {
        return Map.of();
      }
      Map<String, RawJson> extra = new LinkedHashMap<>();
      for (Map.Entry<String, JsonValue> e : members.entrySet()) {
        if (!used.contains(e.getKey())) {
          extra.put(e.getKey(), raw(e.getValue()));
        }
      }
      return extra;
    }
  }

  private static String describe(String goType) {
    if (goType.startsWith("[]")) {
      return "a list";
    }
    return switch (goType) {
      case "string" -> "a string";
      default -> "an object";
    };
  }

  private static Fields object(JsonValue v, String context, String field) throws BlobException {
    if (v instanceof JsonValue.Raw r) {
      v = r.tree();
    }
    if (v instanceof JsonValue.Obj o) {
      return new Fields(o).context(context);
    }
    throw new BlobException("parse " + context + ": json: cannot unmarshal " + goKind(v.kind())
        + " into Go struct field " + field + " of type object", "'" + field + "' must be an object");
  }

  private static List<Property> properties(Fields f, String context) throws BlobException {
    List<JsonValue> items = f.array("properties", "[]property.Property");
    if (items == null) {
      return List.of();
    }
    List<Property> props = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Fields pf = object(items.get(i), context, "properties");
      String type = pf.string("type");
      JsonValue value = pf.get("value");
      if (type.isEmpty()) {
        throw new BlobException("parse " + context + ": type must be set",
            "properties[" + i + "] needs a 'type'");
      }
      if (value == null) {
        throw new BlobException("parse " + context + ": value must be set",
            "properties[" + i + "] (type " + type + ") needs a 'value'");
      }
      props.add(new Property(type, raw(value), pf.extras()));
    }
    return props;
  }

  private static PackageBlob decodePackage(Fields f, Source source) throws BlobException {
    f.context("package");
    String name = f.string("name");
    String defaultChannel = f.string("defaultChannel");
    Icon icon = null;
    JsonValue iv = f.get("icon");
    if (iv != null && !(iv instanceof JsonValue.Null)) {
      Fields icf = object(iv, "package", "icon");
      JsonValue data = icf.get("base64data");
      String b64 = null;
      if (data instanceof JsonValue.Str s) {
        b64 = s.value();
        int bad = Base64Check.firstInvalid(b64);
        if (bad >= 0) {
          throw new BlobException("parse package: illegal base64 data at input byte " + bad,
              "icon.base64data must be standard base64 (with = padding); re-encode the image with base64 -w0");
        }
      } else if (data != null && !(data instanceof JsonValue.Null)) {
        throw icf.mismatch("base64data", data, "[]uint8");
      }
      icon = new Icon(b64, icf.string("mediatype"), icf.extras());
    }
    String description = f.string("description");
    List<Property> props = properties(f, "package");
    f.get("schema");
    return new PackageBlob(name, defaultChannel, java.util.Optional.ofNullable(icon), description, props, f.extras(), source);
  }

  private static ChannelBlob decodeChannel(Fields f, Source source) throws BlobException {
    f.context("channel");
    String name = f.string("name");
    String pkg = f.string("package");
    List<JsonValue> items = f.array("entries", "[]declcfg.ChannelEntry");
    List<ChannelEntry> entries = null;
    if (items != null) {
      entries = new ArrayList<>(items.size());
      for (JsonValue item : items) {
        Fields ef = object(item, "channel", "entries");
        String en = ef.string("name");
        String replaces = ef.string("replaces");
        List<JsonValue> skipValues = ef.array("skips", "[]string");
        List<String> skips = List.of();
        if (skipValues != null) {
          skips = new ArrayList<>(skipValues.size());
          for (JsonValue s : skipValues) {
            if (s instanceof JsonValue.Str str) {
              skips.add(str.value());
            } else if (s instanceof JsonValue.Null) {
              skips.add("");
            } else {
              throw ef.mismatch("skips", s, "string");
            }
          }
        }
        String skipRange = ef.string("skipRange");
        entries.add(new ChannelEntry(en, replaces, skips, skipRange, ef.extras()));
      }
    }
    List<Property> props = properties(f, "channel");
    f.get("schema");
    return new ChannelBlob(name, pkg, entries, props, f.extras(), source);
  }

  private static BundleBlob decodeBundle(Fields f, Source source) throws BlobException {
    f.context("bundle");
    String name = f.string("name");
    String pkg = f.string("package");
    String image = f.string("image");
    List<Property> props = properties(f, "bundle");
    List<JsonValue> items = f.array("relatedImages", "[]declcfg.RelatedImage");
    List<RelatedImage> related = List.of();
    if (items != null) {
      related = new ArrayList<>(items.size());
      for (JsonValue item : items) {
        Fields rf = object(item, "bundle", "relatedImages");
        related.add(new RelatedImage(rf.string("name"), rf.string("image"), rf.extras()));
      }
    }
    f.get("schema");
    return new BundleBlob(name, pkg, image, props, related, f.extras(), source);
  }

  private static DeprecationsBlob decodeDeprecations(Fields f, Source source) throws BlobException {
    f.context("deprecation");
    String pkg = f.string("package");
    List<JsonValue> items = f.array("entries", "[]declcfg.DeprecationEntry");
    List<DeprecationEntry> entries = null;
    if (items != null) {
      entries = new ArrayList<>(items.size());
      for (JsonValue item : items) {
        Fields ef = object(item, "deprecation", "entries");
        JsonValue rv = ef.get("reference");
        PackageScopedReference ref = new PackageScopedReference("", "");
        if (rv != null && !(rv instanceof JsonValue.Null)) {
          Fields rf = object(rv, "deprecation", "reference");
          ref = new PackageScopedReference(rf.string("schema"), rf.string("name"), rf.extras());
        }
        entries.add(new DeprecationEntry(ref, ef.string("message"), ef.extras()));
      }
    }
    f.get("schema");
    return new DeprecationsBlob(pkg, entries, f.extras(), source);
  }
}
