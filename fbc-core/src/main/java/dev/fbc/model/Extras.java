package dev.fbc.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers for the immutable collections inside blob records. */
final class Extras {
  private Extras() {}

  static Map<String, RawJson> copy(Map<String, RawJson> m) {
    if (m == null || m.isEmpty()) {
      return Map.of();
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  static <T> List<T> list(List<T> l) {
    return l == null ? List.of() : List.copyOf(l);
  }

  static String str(String s) {
    return s == null ? "" : s;
  }
}
