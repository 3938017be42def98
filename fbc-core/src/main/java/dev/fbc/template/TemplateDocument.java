package dev.fbc.template;

import dev.fbc.base.FbcException;
import dev.fbc.internal.io.Documents;
import dev.fbc.internal.json.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The first document of a template as JSON, as opm reads it (YAML or JSON), plus the lines of its parts. */
record TemplateDocument(TemplateSource source, JsonValue value, TemplateLines lines) {
  /**
   * @param wrap how a parse failure is reported (opm's prefix for the template type)
   */
  static TemplateDocument parse(TemplateSource source, java.util.function.UnaryOperator<String> wrap) {
    List<JsonValue> docs;
    try {
      docs = Documents.all(source.bytes(), source.name());
    } catch (FbcException e) {
      goYamlFlowError(source).ifPresent(m -> {
        throw new FbcException(source.name() + ":" + m.line() + ": " + wrap.apply(m.text()));
      });
      // Documents names the file and line first: keep them in front, opm's wording after
      String m = e.getMessage();
      String at = source.name() + ":";
      if (m.startsWith(at)) {
        int colon = m.indexOf(": ", at.length());
        if (colon > 0) {
          String line = m.substring(at.length(), colon);
          throw new FbcException(at + line + ": " + wrap.apply(m.substring(colon + 2)));
        }
      }
      throw new FbcException(source.name() + ": " + wrap.apply(m));
    }
    JsonValue first = docs.isEmpty() ? new JsonValue.Null() : docs.get(0);
    return new TemplateDocument(source, first, TemplateLines.of(source.bytes()));
  }

  private record Located(int line, String text) {}

  /**
   * go-yaml words an unclosed flow collection as {@code yaml: line N: did not find expected ',' or ']'}, N being
   * where the collection starts; SnakeYAML says it differently, so that one case is translated.
   */
  private static java.util.Optional<Located> goYamlFlowError(TemplateSource source) {
    try {
      new org.yaml.snakeyaml.Yaml().compose(new java.io.StringReader(new String(source.bytes(),
          java.nio.charset.StandardCharsets.UTF_8)));
    } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
      String ctx = e.getContext() == null ? "" : e.getContext();
      String close = ctx.contains("flow sequence") ? "']'" : ctx.contains("flow mapping") ? "'}'" : null;
      if (close != null && e.getContextMark() != null) {
        int line = e.getContextMark().getLine() + 1;
        return java.util.Optional.of(new Located(line, "error converting YAML to JSON: yaml: line " + line
            + ": did not find expected ',' or " + close));
      }
    } catch (RuntimeException e) {
      // not a flow collection problem: the general message stands
    }
    return java.util.Optional.empty();
  }

  /** The members of the top object (empty when the document is not an object). */
  Map<String, JsonValue> members() {
    return value instanceof JsonValue.Obj o ? o.members() : Map.of();
  }

  /** A member matched as Go's encoding/json matches struct fields: exactly, else ignoring case. */
  static JsonValue field(Map<String, JsonValue> m, String name) {
    JsonValue exact = m.get(name);
    if (exact != null) {
      return exact;
    }
    JsonValue found = null;
    for (Map.Entry<String, JsonValue> e : m.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        found = e.getValue();
      }
    }
    return found;
  }

  static boolean known(String key, List<String> fields) {
    String k = key.toLowerCase(Locale.ROOT);
    return fields.stream().anyMatch(f -> f.toLowerCase(Locale.ROOT).equals(k));
  }

  int line(String path) {
    return lines.line(path.toLowerCase(Locale.ROOT));
  }

  FbcException error(String path, String message) {
    return source.error(line(path), message);
  }
}
