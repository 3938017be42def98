package dev.fbc.validate;

import dev.fbc.internal.json.GoFields;
import dev.fbc.internal.json.JsonValue;
import dev.fbc.internal.model.RawAccess;
import dev.fbc.internal.json.RawJsonReader;
import dev.fbc.model.Property;
import dev.fbc.model.RawJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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

  /**
   * Whether the checks read a value of this type no further than its first byte (its kind). The loader's
   * {@code KIND_ONLY_FOR_VALIDATION} may only name such types (a test holds them to this).
   */
  static boolean readsKindOnly(String type) {
    Shape shape = SHAPES.get(type);
    return shape != null && shape.fields().isEmpty();
  }

  static JsonValue tree(RawJson raw) {
    JsonValue.TreeBuilder tb = new JsonValue.TreeBuilder();
    RawJsonReader.emit(RawAccess.bytes(raw), tb, false);
    return tb.result();
  }

  /**
   * What opm makes of a property value: its error ({@code ""} when it parses) and, when the value is an object of
   * a type whose fields are checked, its tree, so that a caller reading fields does not parse it again.
   */
  record Verdict(String error, Optional<JsonValue.Obj> object) {
    static final Verdict PASSED = new Verdict("", Optional.empty());

    boolean failed() {
      return !error.isEmpty();
    }
  }

  /** opm's error for property {@code index}, or {@link Verdict#PASSED} and the tree it read. */
  static Verdict check(Property p, int index) {
    Shape shape = SHAPES.get(p.type());
    if (shape == null) {
      return Verdict.PASSED;
    }
    byte first = RawAccess.bytes(p.value())[0];
    if (first == 'n') {
      return Verdict.PASSED;
    }
    if (first != '{') {
      return failed(p, index, "json: cannot unmarshal " + goKind(first) + " into Go value of type property."
          + shape.goType);
    }
    if (shape.fields().isEmpty()) {
      return Verdict.PASSED;
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
          return failed(p, index, "json: cannot unmarshal " + goKind(v) + " into Go struct field " + shape.goType
              + "." + f.getKey() + " of type " + f.getValue());
        }
        if (f.getValue().equals("[]uint8")) {
          int bad = dev.fbc.internal.io.Base64Check.firstInvalid(s.value());
          if (bad >= 0) {
            return failed(p, index, "illegal base64 data at input byte " + bad);
          }
        }
      }
    }
    return new Verdict("", Optional.of(obj));
  }

  private static Verdict failed(Property p, int index, String why) {
    return new Verdict("parse property[" + index + "] of type \"" + p.type() + "\": " + why, Optional.empty());
  }

  /** A field of an object property value as a string, or "" (keys matched as opm reads them: {@link GoFields}). */
  static String stringField(Optional<JsonValue.Obj> value, String field) {
    return value.map(o -> GoFields.string(o, field)).orElse("");
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
