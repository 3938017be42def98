package dev.fbc.validate;

import dev.fbc.internal.json.GoFields;
import dev.fbc.internal.json.JsonValue;
import dev.fbc.internal.model.RawAccess;
import dev.fbc.internal.json.RawJsonReader;
import dev.fbc.model.Property;
import dev.fbc.model.RawJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the values of the property types opm knows, with opm's error text ({@code json: cannot unmarshal
 * number into Go struct field Package.version of type string}). Other types pass, as in opm.
 */
final class PropertyChecks {
  private PropertyChecks() {}

  /** The Go struct of each known type and its string fields ("[]uint8" for base64 data). */
  private record Shape(String goType, Map<String, String> fields) {}

  private static final Map<String, Shape> SHAPES = new LinkedHashMap<>();

  static {
    SHAPES.put(Property.PACKAGE, new Shape("Package", Map.of("packageName", "string", "version", "string")));
    SHAPES.put(Property.PACKAGE_REQUIRED, new Shape("PackageRequired",
        Map.of("packageName", "string", "versionRange", "string")));
    SHAPES.put(Property.GVK, new Shape("GVK", Map.of("group", "string", "kind", "string", "version", "string")));
    SHAPES.put(Property.GVK_REQUIRED, new Shape("GVKRequired",
        Map.of("group", "string", "kind", "string", "version", "string")));
    SHAPES.put(Property.BUNDLE_OBJECT, new Shape("BundleObject", Map.of("data", "[]uint8")));
    SHAPES.put(Property.CSV_METADATA, new Shape("CSVMetadata", Map.of()));
  }

  static JsonValue tree(RawJson raw) {
    JsonValue.TreeBuilder tb = new JsonValue.TreeBuilder();
    RawJsonReader.emit(RawAccess.bytes(raw), tb, false);
    return tb.result();
  }

  /** opm's error for property {@code index}, or null when it parses. */
  static String parseError(Property p, int index) {
    Shape shape = SHAPES.get(p.type());
    if (shape == null) {
      return null;
    }
    byte first = RawAccess.bytes(p.value())[0];
    String prefix = "parse property[" + index + "] of type \"" + p.type() + "\": ";
    if (first == 'n') {
      return null;
    }
    if (first != '{') {
      return prefix + "json: cannot unmarshal " + goKind(first) + " into Go value of type property." + shape.goType;
    }
    if (shape.fields().isEmpty()) {
      return null;
    }
    JsonValue.Obj obj = (JsonValue.Obj) tree(p.value());
    for (Map.Entry<String, JsonValue> m : obj.members().entrySet()) {
      for (Map.Entry<String, String> f : shape.fields().entrySet()) {
        if (!m.getKey().equalsIgnoreCase(f.getKey())) {
          continue;
        }
        JsonValue v = m.getValue();
        if (v instanceof JsonValue.Null) {
          continue;
        }
        if (!(v instanceof JsonValue.Str s)) {
          return prefix + "json: cannot unmarshal " + goKind(v) + " into Go struct field " + shape.goType + "."
              + f.getKey() + " of type " + f.getValue();
        }
        if (f.getValue().equals("[]uint8")) {
          int bad = dev.fbc.internal.io.Base64Check.firstInvalid(s.value());
          if (bad >= 0) {
            return prefix + "illegal base64 data at input byte " + bad;
          }
        }
      }
    }
    return null;
  }

  /** A field of an object property value as a string, or "" (keys matched as opm reads them: {@link GoFields}). */
  static String stringField(RawJson value, String field) {
    if (!value.isObject()) {
      return "";
    }
    return tree(value) instanceof JsonValue.Obj o ? GoFields.string(o, field) : "";
  }

  private static String goKind(byte first) {
    return switch (first) {
      case '[' -> "array";
      case '"' -> "string";
      case 't', 'f' -> "bool";
      default -> "number";
    };
  }

  private static String goKind(JsonValue v) {
    if (v instanceof JsonValue.Arr) {
      return "array";
    }
    if (v instanceof JsonValue.Bool) {
      return "bool";
    }
    if (v instanceof JsonValue.Num) {
      return "number";
    }
    if (v instanceof JsonValue.Obj || v instanceof JsonValue.Raw) {
      return "object";
    }
    return "string";
  }
}
