package dev.fbc.validate;

import dev.fbc.base.OutputFormat;
import dev.fbc.base.Problem;
import dev.fbc.internal.json.ByteSink;
import dev.fbc.internal.json.JsonSink;
import dev.fbc.internal.json.JsonTextWriter;
import dev.fbc.internal.yaml.GoYamlEmitter;
import dev.fbc.internal.yaml.YamlTree;
import dev.fbc.text.SafeText;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The forms a validation result is shown in: one line per problem for people, and a structured document for
 * tools ({@code -o json|yaml}):
 *
 * <pre>
 * {
 *   "passed": false,
 *   "errors": 1,
 *   "warnings": 0,
 *   "problems": [
 *     {
 *       "rule": "channel.multiple-heads",
 *       "severity": "error",
 *       "package": "etcd",
 *       "channel": "alpha",
 *       "bundle": "",
 *       "file": "catalog/etcd/catalog.yaml",
 *       "line": 12,
 *       "message": "multiple channel heads found in graph: etcd.v0.9.2, etcd.v0.9.4",
 *       "hint": "..."
 *     }
 *   ]
 * }
 * </pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class ValidationReport {
  private ValidationReport() {}

  /**
   * {@code file:line: error: [package "p", channel "c": ]message [rule] (hint: ...)} on one terminal line: every
   * part from input escaped, lists and huge values shortened ({@link SafeText}); {@link #write} keeps full values.
   */
  public static String line(Problem p) {
    StringBuilder sb = new StringBuilder();
    if (p.source().isKnown()) {
      sb.append(SafeText.path(p.source())).append(": ");
    }
    sb.append(p.isError() ? "error: " : "warning: ");
    String ctx = context(p);
    if (!ctx.isEmpty() && !p.message().contains("\"" + p.packageName() + "\"")) {
      sb.append(ctx).append(": ");
    } else if (!p.channel().isEmpty() && !p.message().contains("\"" + p.channel() + "\"")) {
      sb.append("channel \"").append(SafeText.value(p.channel())).append("\": ");
    }
    sb.append(SafeText.line(p.shortMessage()));
    sb.append(" [").append(SafeText.value(p.rule())).append(']');
    if (!p.hint().isEmpty()) {
      sb.append(" (hint: ").append(SafeText.line(p.hint())).append(')');
    }
    return sb.toString();
  }

  private static String context(Problem p) {
    StringBuilder sb = new StringBuilder();
    if (!p.packageName().isEmpty()) {
      sb.append("package \"").append(SafeText.value(p.packageName())).append('"');
      if (!p.channel().isEmpty()) {
        sb.append(", channel \"").append(SafeText.value(p.channel())).append('"');
      }
    }
    return sb.toString();
  }

  /** The counts, e.g. {@code 2 errors, 1 warning}. */
  public static String summary(ValidationResult r) {
    int e = r.errors().size();
    int w = r.warnings().size();
    return e + (e == 1 ? " error" : " errors") + ", " + w + (w == 1 ? " warning" : " warnings");
  }

  /** The result as one JSON or YAML document: pass/fail, counts, and every problem with its fields. */
  public static void write(ValidationResult r, OutputStream out, OutputFormat format) throws IOException {
    ByteSink sink = new ByteSink(4096);
    if (format == OutputFormat.YAML) {
      YamlTree.Builder tb = new YamlTree.Builder(false);
      emit(r, tb);
      GoYamlEmitter.writeDocument(tb.result(), sink);
    } else {
      emit(r, JsonTextWriter.pretty(sink, 2));
      sink.write('\n');
    }
    out.write(sink.buffer(), 0, sink.length());
  }

  private static void emit(ValidationResult r, JsonSink s) {
    s.beginObject();
    s.key("passed");
    s.bool(r.passed());
    s.key("errors");
    s.number(Integer.toString(r.errors().size()));
    s.key("warnings");
    s.number(Integer.toString(r.warnings().size()));
    s.key("problems");
    s.beginArray();
    for (Problem p : r.problems()) {
      s.beginObject();
      field(s, "rule", p.rule());
      field(s, "severity", p.isError() ? "error" : "warning");
      field(s, "package", p.packageName());
      field(s, "channel", p.channel());
      field(s, "bundle", p.bundle());
      field(s, "file", p.source().file());
      s.key("line");
      s.number(Integer.toString(p.source().line()));
      field(s, "message", p.message());
      field(s, "hint", p.hint());
      s.endObject();
    }
    s.endArray();
    s.endObject();
  }

  private static void field(JsonSink s, String k, String v) {
    s.key(k);
    s.string(v);
  }
}
