package dev.fbc.internal.json;

import java.util.Map;
import java.util.Optional;

/**
 * Go's rule for matching JSON object keys to struct fields, in one place: a key matches a field whatever its
 * case; when several keys match, the last one wins, since each is decoded into the field in turn; a {@code null}
 * value leaves the field as it was.
 */
public final class GoFields {
  private GoFields() {}

  /** The value Go would decode into field {@code field}, if any key matches it. */
  public static Optional<JsonValue> get(JsonValue.Obj obj, String field) {
    JsonValue found = null;
    for (Map.Entry<String, JsonValue> m : obj.members().entrySet()) {
      if (m.getKey().equalsIgnoreCase(field) && !(m.getValue() instanceof JsonValue.Null)) {
        found = m.getValue();
      }
    }
    return Optional.ofNullable(found);
  }

  /** The string Go would decode into a string field; empty for a missing or non-string value. */
  public static String string(JsonValue.Obj obj, String field) {
    return get(obj, field).filter(v -> v instanceof JsonValue.Str).map(v -> ((JsonValue.Str) v).value()).orElse("");
  }
}
