package dev.fbc.template;

import dev.fbc.FbcException;
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
