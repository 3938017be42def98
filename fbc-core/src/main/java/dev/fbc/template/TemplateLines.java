package dev.fbc.template;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Lines of a template's parts, for messages: {@code ""} (the document), {@code "schema"} (top-level keys, lower
 * case), {@code "entries[3]"}, {@code "stable.bundles[0]"}. Best effort: values come from the real parser; when
 * this one cannot place something the message simply has no line.
 */
final class TemplateLines {
  private final Map<String, Integer> lines;

  private TemplateLines(Map<String, Integer> lines) {
    this.lines = lines;
  }

  static TemplateLines of(byte[] bytes) {
    Map<String, Integer> out = new HashMap<>();
    try {
      LoaderOptions lo = new LoaderOptions();
      lo.setAllowDuplicateKeys(true);
      lo.setMaxAliasesForCollections(50);
      lo.setCodePointLimit(Math.max(3 << 20, bytes.length + 1));
      Node root = new Yaml(lo).compose(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
      if (root != null) {
        walk(root, "", 0, out);
      }
    } catch (RuntimeException e) {
      // the real parser reports what is wrong; here only lines are missing
    }
    return new TemplateLines(out);
  }

  private static void walk(Node n, String path, int depth, Map<String, Integer> out) {
    out.put(path, n.getStartMark().getLine() + 1);
    if (depth >= 3) {
      return;
    }
    if (n instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k) {
          String key = k.getValue().toLowerCase(Locale.ROOT);
          String p = path.isEmpty() ? key : path + "." + key;
          out.put(p, k.getStartMark().getLine() + 1);
          walkValue(t.getValueNode(), p, depth + 1, out);
        }
      }
    }
  }

  private static void walkValue(Node v, String path, int depth, Map<String, Integer> out) {
    if (v instanceof SequenceNode s) {
      for (int i = 0; i < s.getValue().size(); i++) {
        Node item = s.getValue().get(i);
        out.put(path + "[" + i + "]", item.getStartMark().getLine() + 1);
        if (item instanceof MappingNode) {
          walk(item, path + "[" + i + "]", depth + 1, out);
        }
      }
    } else if (v instanceof MappingNode) {
      walk(v, path, depth, out);
    }
  }

  /** The 1-based line, or 0 when unknown. */
  int line(String path) {
    return lines.getOrDefault(path, 0);
  }
}
