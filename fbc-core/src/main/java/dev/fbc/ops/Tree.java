package dev.fbc.ops;

import dev.fbc.internal.json.JsonValue;
import java.util.List;
import java.util.Map;

/** Reading fields of decoded Kubernetes objects (exact keys, as unstructured access). */
final class Tree {
  private Tree() {}

  static JsonValue get(JsonValue v, String... path) {
    JsonValue cur = v;
    for (String k : path) {
      if (cur instanceof JsonValue.Raw r) {
        cur = r.tree();
      }
      if (!(cur instanceof JsonValue.Obj o)) {
        return null;
      }
      cur = o.members().get(k);
      if (cur == null) {
        return null;
      }
    }
    return cur;
  }

  static String str(JsonValue v, String... path) {
    JsonValue x = get(v, path);
    return x instanceof JsonValue.Str s ? s.value() : "";
  }

  static List<JsonValue> list(JsonValue v, String... path) {
    JsonValue x = get(v, path);
    return x instanceof JsonValue.Arr a ? a.items() : List.of();
  }

  static Map<String, JsonValue> map(JsonValue v, String... path) {
    JsonValue x = get(v, path);
    return x instanceof JsonValue.Obj o ? o.members() : Map.of();
  }
}
