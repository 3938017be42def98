package dev.fbc.internal.yaml;

import dev.fbc.internal.json.ByteSink;
import dev.fbc.internal.json.JsonTextWriter;
import dev.fbc.internal.json.GoJson;
import dev.fbc.internal.json.JsonSink;
import dev.fbc.internal.json.JsonValue;
import dev.fbc.internal.model.RawAccess;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Converts one YAML document to JSON as opm sees it: SnakeYAML parses it (anchors and aliases resolved within
 * the document, with limits against alias bombs), and scalars are typed by go-yaml v2's rules, not SnakeYAML's.
 */
public final class YamlToJson {
  /** Marks plain scalars without a tag, so they can be typed by go-yaml's rules. */
  private static final Tag PLAIN = new Tag("tag:fbc.dev,2026:plain");

  private final int captureDepth;
  private final int maxAliases;
  private long budget;
  private final IdentityHashMap<Node, Boolean> onPath = new IdentityHashMap<>();

  /** A problem in the document, with the 1-based line in the file. */
  public static final class YamlException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;

    public YamlException(String message, int line) {
      super(message);
      this.line = line;
    }

    public int line() {
      return line;
    }
  }

  /** A converted document: its value and the line where its top node starts. */
  public record Result(JsonValue value, int line) {}

  private YamlToJson(int captureDepth, int maxAliases, long budget) {
    this.captureDepth = captureDepth;
    this.maxAliases = maxAliases;
    this.budget = budget;
  }

  /**
   * @param captureDepth nesting depth from which collections are kept as raw JSON instead of trees
   * @param maxAliases how many aliases to collections one document may use
   */
  public static Result convert(YamlDocuments.Document doc, int captureDepth, int maxAliases) throws YamlException {
    LoaderOptions lo = new LoaderOptions();
    lo.setAllowDuplicateKeys(true);
    lo.setMaxAliasesForCollections(maxAliases);
    lo.setNestingDepthLimit(1000);
    lo.setCodePointLimit(Math.max(3 << 20, doc.text().length() + 1));
    lo.setProcessComments(false);
    Resolver resolver = new Resolver() {
      @Override
      protected void addImplicitResolvers() {
        // no SnakeYAML typing: go-yaml's rules apply later
      }

      @Override
      public Tag resolve(NodeId kind, String value, boolean implicit) {
        if (kind == NodeId.scalar && implicit) {
          return PLAIN;
        }
        return super.resolve(kind, value, implicit);
      }
    };
    Yaml yaml = new Yaml(new SafeConstructor(lo), new Representer(new DumperOptions()), new DumperOptions(), lo,
        resolver);
    Node node;
    try {
      Iterator<Node> it = yaml.composeAll(new StringReader(doc.text())).iterator();
      // like go-yaml's Unmarshal, only the first document counts (a "..." end marker may precede more text)
      node = it.hasNext() ? it.next() : null;
      if (node != null) {
        // text after the top node (without a "..." end marker) is an error, as in go-yaml
        it.hasNext();
      }
    } catch (MarkedYAMLException e) {
      int line = doc.firstLine() + (e.getProblemMark() != null ? e.getProblemMark().getLine() : 0);
      throw new YamlException(describe(e), line);
    } catch (YAMLException e) {
      throw new YamlException("yaml: " + e.getMessage(), doc.firstLine());
    }
    if (node == null) {
      return new Result(JsonValue.Null.INSTANCE, doc.firstLine());
    }
    // aliases may multiply a document; allow generous room, but not a billion laughs
    long budget = Math.max(1_000_000L, 50L * doc.text().length());
    YamlToJson c = new YamlToJson(captureDepth, maxAliases, budget);
    int line = doc.firstLine() + node.getStartMark().getLine();
    try {
      JsonValue v = c.toValue(node, 0, doc.firstLine());
      // an empty document is reported where it starts, not after its '---'
      return new Result(v, v instanceof JsonValue.Null ? doc.firstLine() : line);
    } catch (GoYamlScalars.UnsupportedValueException e) {
      throw new YamlException("error converting YAML to JSON: " + e.getMessage(), line);
    }
  }

  private static String describe(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
    if (problem.startsWith("found undefined alias ")) {
      String anchor = problem.substring("found undefined alias ".length());
      return "error converting YAML to JSON: yaml: unknown anchor '" + anchor + "' referenced"
          + " (an alias can only refer to an anchor earlier in the same --- document)";
    }
    if (problem.contains("Number of aliases for non-scalar nodes exceeds")) {
      return "yaml: too many aliases in one document (more than the limit; an alias bomb?)";
    }
    String ctx = e.getContext() == null ? "" : e.getContext() + ": ";
    return "error converting YAML to JSON: yaml: " + ctx + problem.strip();
  }

  private void spend(Node n, int firstLine) throws YamlException {
    if (--budget < 0) {
      throw new YamlException("yaml: document expands to too many values through aliases (an alias bomb?)",
          firstLine + n.getStartMark().getLine());
    }
  }

  private JsonValue toValue(Node n, int depth, int firstLine) throws YamlException {
    spend(n, firstLine);
    if (n instanceof ScalarNode s) {
      return scalar(s);
    }
    if (depth >= captureDepth) {
      ByteSink sink = new ByteSink(256);
      JsonTextWriter w = JsonTextWriter.compact(sink);
      emit(n, w, firstLine);
      return new JsonValue.Raw(RawAccess.wrap(sink.toByteArray(), w));
    }
    enter(n, firstLine);
    try {
      if (n instanceof SequenceNode seq) {
        List<JsonValue> items = new ArrayList<>(seq.getValue().size());
        for (Node child : seq.getValue()) {
          items.add(toValue(child, depth + 1, firstLine));
        }
        return new JsonValue.Arr(items);
      }
      LinkedHashMap<String, JsonValue> m = new LinkedHashMap<>();
      for (Map.Entry<String, Node> e : entries((MappingNode) n, firstLine)) {
        m.put(e.getKey(), toValue(e.getValue(), depth + 1, firstLine));
      }
      return new JsonValue.Obj(m);
    } finally {
      onPath.remove(n);
    }
  }

  private void emit(Node n, JsonSink sink, int firstLine) throws YamlException {
    spend(n, firstLine);
    if (n instanceof ScalarNode s) {
      scalar(s).emit(sink, false);
      return;
    }
    enter(n, firstLine);
    try {
      if (n instanceof SequenceNode seq) {
        sink.beginArray();
        for (Node child : seq.getValue()) {
          emit(child, sink, firstLine);
        }
        sink.endArray();
        return;
      }
      sink.beginObject();
      for (Map.Entry<String, Node> e : entries((MappingNode) n, firstLine)) {
        sink.key(e.getKey());
        emit(e.getValue(), sink, firstLine);
      }
      sink.endObject();
    } finally {
      onPath.remove(n);
    }
  }

  private void enter(Node n, int firstLine) throws YamlException {
    if (onPath.put(n, Boolean.TRUE) != null) {
      throw new YamlException("yaml: an alias refers to a node that contains it (recursive alias)",
          firstLine + n.getStartMark().getLine());
    }
  }

  /** The mapping's entries with merge keys applied and keys turned into strings; the last of equal keys wins. */
  private List<Map.Entry<String, Node>> entries(MappingNode m, int firstLine) throws YamlException {
    LinkedHashMap<String, Node> out = new LinkedHashMap<>();
    collect(m, out, firstLine);
    return new ArrayList<>(out.entrySet());
  }

  private void collect(MappingNode m, LinkedHashMap<String, Node> out, int firstLine) throws YamlException {
    for (NodeTuple t : m.getValue()) {
      Node k = t.getKeyNode();
      if (k instanceof ScalarNode ks && ks.getTag() == PLAIN && "<<".equals(ks.getValue())) {
        Node v = t.getValueNode();
        if (v instanceof MappingNode vm) {
          collect(vm, out, firstLine);
        } else if (v instanceof SequenceNode vs) {
          for (int i = vs.getValue().size() - 1; i >= 0; i--) {
            if (vs.getValue().get(i) instanceof MappingNode vm) {
              collect(vm, out, firstLine);
            } else {
              throw new YamlException("yaml: map merge requires map or sequence of maps as the value",
                  firstLine + v.getStartMark().getLine());
            }
          }
        } else {
          throw new YamlException("yaml: map merge requires map or sequence of maps as the value",
              firstLine + v.getStartMark().getLine());
        }
        continue;
      }
      out.put(keyString(k, firstLine), t.getValueNode());
    }
  }

  private String keyString(Node k, int firstLine) throws YamlException {
    if (!(k instanceof ScalarNode ks)) {
      throw new YamlException("error converting YAML to JSON: a mapping key must be a scalar",
          firstLine + k.getStartMark().getLine());
    }
    JsonValue v = scalar(ks);
    if (v instanceof JsonValue.Str s) {
      return s.value();
    }
    if (v instanceof JsonValue.Bool b) {
      return b.value() ? "true" : "false";
    }
    if (v instanceof JsonValue.Num n) {
      String t = n.text();
      if (t.indexOf('.') < 0 && t.indexOf('e') < 0 && t.indexOf('E') < 0) {
        return new BigInteger(t).toString();
      }
      return GoJson.formatFloatG(Double.parseDouble(t));
    }
    return "null";
  }

  private static JsonValue scalar(ScalarNode s) {
    Tag tag = s.getTag();
    String value = s.getValue();
    if (tag == PLAIN) {
      return GoYamlScalars.resolvePlain(value);
    }
    if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT) || tag.equals(Tag.BOOL) || tag.equals(Tag.NULL)) {
      return GoYamlScalars.resolvePlain(value);
    }
    if (tag.equals(Tag.BINARY)) {
      try {
        return new JsonValue.Str(new String(Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        return new JsonValue.Str(value);
      }
    }
    return new JsonValue.Str(value);
  }
}
