package dev.fbc.mirror;

import dev.fbc.internal.json.ByteSink;
import dev.fbc.internal.json.JsonValue;
import dev.fbc.internal.yaml.GoYamlEmitter;
import dev.fbc.internal.yaml.YamlKeyOrder;
import dev.fbc.internal.yaml.YamlTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes objects written as oc-mirror writes them (sigs.k8s.io/yaml over go-yaml v2): every mapping's keys in
 * go-yaml's order, two-space indent, sequences under a key not indented, strings quoted only where needed.
 * Values are {@link Map}s with string keys, {@link List}s, {@link String}s, and {@link Literal}s for numbers and
 * booleans.
 */
final class K8sYaml {
  private K8sYaml() {}

  /** A scalar that is not a string (a number or a boolean), written as is. */
  record Literal(String text) {}

  static byte[] document(Map<String, ?> object) {
    ByteSink out = new ByteSink(1024);
    GoYamlEmitter.writeDocument(node(object), out);
    return out.toByteArray();
  }

  private static YamlTree.Node node(Object v) {
    if (v instanceof Map<?, ?> m) {
      List<YamlTree.Entry> entries = new ArrayList<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        entries.add(new YamlTree.Entry((String) e.getKey(), node(e.getValue())));
      }
      YamlKeyOrder.sort(entries, YamlTree.Entry::key);
      return new YamlTree.Map(entries);
    }
    if (v instanceof List<?> l) {
      List<YamlTree.Node> items = new ArrayList<>();
      for (Object o : l) {
        items.add(node(o));
      }
      return new YamlTree.Seq(items);
    }
    if (v instanceof Literal lit) {
      return new YamlTree.Scalar(lit.text(), false);
    }
    return new YamlTree.Scalar((String) v, true);
  }

  /** A parsed JSON/YAML value as the plain structure above (a template read from a file). */
  static Object plain(JsonValue v) {
    if (v instanceof JsonValue.Obj o) {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      // a null member is dropped, as decoding into the typed object and encoding again drops it
      o.members().forEach((k, x) -> {
        if (!(x instanceof JsonValue.Null)) {
          m.put(k, plain(x));
        }
      });
      return m;
    }
    if (v instanceof JsonValue.Arr a) {
      return a.items().stream().map(K8sYaml::plain).toList();
    }
    if (v instanceof JsonValue.Str s) {
      return s.value();
    }
    if (v instanceof JsonValue.Num n) {
      return new Literal(n.text());
    }
    if (v instanceof JsonValue.Bool b) {
      return new Literal(b.value() ? "true" : "false");
    }
    return new Literal("null");
  }
}
