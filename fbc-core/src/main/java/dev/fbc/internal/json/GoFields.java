package dev.fbc.internal.json;

import java.util.Map;
import java.util.Optional;

/**
 * How opm reads a field of a property value, in one place: Go matches keys to struct fields whatever their case,
 * and decodes each matching key into the field in turn, so the last one wins; and opm has already normalized the
 * value, which sorts its keys bytewise. So of several keys that differ only in case, the greatest (in byte order)
 * wins: {@code {"version": "2.0.0", "Version": "1.0.0"}} reads as 2.0.0, as checked with opm v1.54. A
 * {@code null} value leaves the field as it was.
 */
public final class GoFields {
  private GoFields() {}

  /** The value Go would decode into field {@code field}, if any key matches it. */
  public static Optional<JsonValue> get(JsonValue.Obj obj, String field) {
    JsonValue found = null;
    String foundKey = null;
    for (Map.Entry<String, JsonValue> m : obj.members().entrySet()) {
      if (m.getKey().equalsIgnoreCase(field) && !(m.getValue() instanceof JsonValue.Null)
          && (foundKey == null || JsonValue.compareCodePoints(m.getKey(), foundKey) > 0)) {
        found = m.getValue();
        foundKey = m.getKey();
      }
    }
    return Optional.ofNullable(found);
  }

  /** The string Go would decode into a string field; empty for a missing or non-string value. */
  public static String string(JsonValue.Obj obj, String field) {
    return get(obj, field).filter(v -> v instanceof JsonValue.Str).map(v -> ((JsonValue.Str) v).value()).orElse("");
  }
}
