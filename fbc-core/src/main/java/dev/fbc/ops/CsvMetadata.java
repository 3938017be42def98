package dev.fbc.ops;

import dev.fbc.internal.json.ByteSink;
import dev.fbc.internal.json.GoMarshal;
import dev.fbc.internal.json.JsonSink;
import dev.fbc.internal.json.JsonTextWriter;
import dev.fbc.internal.json.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code olm.csv.metadata} value opm builds from a CSV when it migrates bundle objects: the fields of
 * operator-framework/api's {@code CSVMetadata}, in the order and with the omit-empty rules of those Go structs.
 */
final class CsvMetadata {
  private CsvMetadata() {}

  /** A Go struct field: JSON name, kind, and whether it is omitted when empty. */
  private record Field(String name, Kind kind, boolean omitEmpty, List<Field> struct) {
    static Field str(String n, boolean omit) {
      return new Field(n, Kind.STRING, omit, List.of());
    }
  }

  private enum Kind { STRING, INT, BOOL, STRINGS, RAW, STRUCT, STRUCT_LIST }

  private static Field struct(String n, boolean omit, List<Field> fields) {
    return new Field(n, Kind.STRUCT, omit, fields);
  }

  private static Field structList(String n, List<Field> fields) {
    return new Field(n, Kind.STRUCT_LIST, true, fields);
  }

  private static final List<Field> RESOURCE = List.of(Field.str("name", false), Field.str("kind", false),
      Field.str("version", false));
  private static final List<Field> DESCRIPTOR = List.of(Field.str("path", false), Field.str("displayName", true),
      Field.str("description", true), new Field("x-descriptors", Kind.STRINGS, true, List.of()),
      new Field("value", Kind.RAW, true, List.of()));
  private static final List<Field> CRD = List.of(Field.str("name", false), Field.str("version", false),
      Field.str("kind", false), Field.str("displayName", true), Field.str("description", true),
      structList("resources", RESOURCE), structList("statusDescriptors", DESCRIPTOR),
      structList("specDescriptors", DESCRIPTOR), structList("actionDescriptors", DESCRIPTOR));
  private static final List<Field> API_SERVICE = List.of(Field.str("name", false), Field.str("group", false),
      Field.str("version", false), Field.str("kind", false), Field.str("deploymentName", true),
      new Field("containerPort", Kind.INT, true, List.of()), Field.str("displayName", true),
      Field.str("description", true), structList("resources", RESOURCE),
      structList("statusDescriptors", DESCRIPTOR), structList("specDescriptors", DESCRIPTOR),
      structList("actionDescriptors", DESCRIPTOR));
  private static final List<Field> LINK = List.of(Field.str("name", true), Field.str("url", true));
  private static final List<Field> MAINTAINER = List.of(Field.str("name", true), Field.str("email", true));
  private static final List<Field> INSTALL_MODE = List.of(Field.str("type", false),
      new Field("supported", Kind.BOOL, false, List.of()));
  private static final List<Field> GVK = List.of(Field.str("group", false), Field.str("version", false),
      Field.str("kind", false));

  static byte[] marshal(JsonValue csv) {
    ByteSink sink = new ByteSink(4096);
    JsonTextWriter w = JsonTextWriter.compact(sink);
    JsonValue spec = Tree.get(csv, "spec");
    w.beginObject();
    stringMap(w, "annotations", Tree.map(csv, "metadata", "annotations"));
    w.key("apiServiceDefinitions");
    owners(w, Tree.get(spec, "apiservicedefinitions"), API_SERVICE);
    w.key("crdDescriptions");
    owners(w, Tree.get(spec, "customresourcedefinitions"), CRD);
    optionalString(w, "description", Tree.str(spec, "description"));
    optionalString(w, "displayName", Tree.str(spec, "displayName"));
    list(w, "installModes", Tree.list(spec, "installModes"), INSTALL_MODE);
    strings(w, "keywords", Tree.list(spec, "keywords"));
    stringMap(w, "labels", Tree.map(csv, "metadata", "labels"));
    list(w, "links", Tree.list(spec, "links"), LINK);
    list(w, "maintainers", Tree.list(spec, "maintainers"), MAINTAINER);
    optionalString(w, "maturity", Tree.str(spec, "maturity"));
    optionalString(w, "minKubeVersion", Tree.str(spec, "minKubeVersion"));
    list(w, "nativeAPIs", Tree.list(spec, "nativeAPIs"), GVK);
    w.key("provider");
    object(w, Tree.get(spec, "provider"), LINK);
    w.endObject();
    return sink.toByteArray();
  }

  private static void optionalString(JsonSink w, String key, String value) {
    if (!value.isEmpty()) {
      w.key(key);
      w.string(value);
    }
  }

  private static void stringMap(JsonSink w, String key, Map<String, JsonValue> m) {
    if (m.isEmpty()) {
      return;
    }
    String[] keys = m.keySet().toArray(new String[0]);
    Arrays.sort(keys, JsonValue::compareCodePoints);
    w.key(key);
    w.beginObject();
    for (String k : keys) {
      w.key(k);
      JsonValue v = m.get(k);
      w.string(v instanceof JsonValue.Str s ? s.value() : "");
    }
    w.endObject();
  }

  private static void strings(JsonSink w, String key, List<JsonValue> items) {
    if (items.isEmpty()) {
      return;
    }
    w.key(key);
    w.beginArray();
    for (JsonValue v : items) {
      w.string(v instanceof JsonValue.Str s ? s.value() : "");
    }
    w.endArray();
  }

  /** {owned, required}: a struct that is never omitted, so {} when both lists are empty. */
  private static void owners(JsonSink w, JsonValue v, List<Field> item) {
    w.beginObject();
    list(w, "owned", Tree.list(v, "owned"), item);
    list(w, "required", Tree.list(v, "required"), item);
    w.endObject();
  }

  private static void list(JsonSink w, String key, List<JsonValue> items, List<Field> fields) {
    if (items.isEmpty()) {
      return;
    }
    w.key(key);
    w.beginArray();
    for (JsonValue v : items) {
      object(w, v, fields);
    }
    w.endArray();
  }

  private static void object(JsonSink w, JsonValue v, List<Field> fields) {
    w.beginObject();
    for (Field f : fields) {
      JsonValue x = v == null ? null : Tree.get(v, f.name());
      switch (f.kind()) {
        case STRING -> {
          String s = x instanceof JsonValue.Str str ? str.value() : "";
          if (!(f.omitEmpty() && s.isEmpty())) {
            w.key(f.name());
            w.string(s);
          }
        }
        case INT -> {
          String n = x instanceof JsonValue.Num num ? num.text() : "0";
          if (!(f.omitEmpty() && (n.equals("0") || n.equals("-0")))) {
            w.key(f.name());
            w.number(n);
          }
        }
        case BOOL -> {
          w.key(f.name());
          w.bool(x instanceof JsonValue.Bool b && b.value());
        }
        case STRINGS -> strings(w, f.name(), x instanceof JsonValue.Arr a ? a.items() : List.of());
        case RAW -> {
          if (x != null && !(x instanceof JsonValue.Null)) {
            w.key(f.name());
            // opm keeps the raw JSON of the CSV, which Go marshaled with sorted keys and <>& escaped
            dev.fbc.internal.json.RawJsonReader.emit(GoMarshal.marshal(x, true), w, false);
          }
        }
        case STRUCT -> {
          w.key(f.name());
          object(w, x, f.struct());
        }
        case STRUCT_LIST -> list(w, f.name(), x instanceof JsonValue.Arr a ? a.items() : List.of(), f.struct());
      }
    }
    w.endObject();
  }
}
