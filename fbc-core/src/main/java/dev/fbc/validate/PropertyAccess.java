package dev.fbc.validate;

import dev.fbc.internal.json.JsonValue;
import dev.fbc.model.RawJson;

/** Reading property values as trees, for operations that need their fields. */
public final class PropertyAccess {
  private PropertyAccess() {}

  public static JsonValue tree(RawJson value) {
    return PropertyChecks.tree(value);
  }
}
