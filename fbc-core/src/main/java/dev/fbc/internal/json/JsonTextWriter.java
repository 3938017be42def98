package dev.fbc.internal.json;

import java.util.Arrays;

/**
 * Writes JSON text with Go's escaping, either compact (the canonical form of {@code RawJson}, which also notes
 * whether it is already in opm's normal form) or indented the way Go's {@code json.Encoder} does with
 * {@code SetIndent("", "    ")}: one member per line, {@code "key": value}, empty containers as {@code {}} and
 * {@code []}.
 */
public final class JsonTextWriter implements JsonSink {
  private final ByteSink out;
  /** Spaces per level; negative for compact output. */
  private final int indentWidth;
  // per nesting level: no member written yet
  private boolean[] empty = new boolean[32];
  // per nesting level: the previous key, to know whether keys come sorted (compact output only)
  private String[] lastKey = new String[32];
  private int depth;
  private boolean afterKey;
  private boolean normalized = true;
  private boolean escapeHtml;

  private JsonTextWriter(ByteSink out, int indentWidth) {
    this.out = out;
    this.indentWidth = indentWidth;
  }

  /** Escapes {@code <>&} in strings, as Go's {@code json.Marshal} does by default. */
  public JsonTextWriter escapeHtml(boolean on) {
    this.escapeHtml = on;
    return this;
  }

  public static JsonTextWriter compact(ByteSink out) {
    return new JsonTextWriter(out, -1);
  }

  public static JsonTextWriter pretty(ByteSink out, int indentWidth) {
    return new JsonTextWriter(out, indentWidth);
  }

  /**
   * For compact output: whether what was written is already in opm's normal form (keys sorted and unique at
   * every level, numbers as Go prints float64s), so writers may later copy it without sorting.
   */
  public boolean normalized() {
    return normalized && indentWidth < 0;
  }

  private void newline() {
    if (indentWidth >= 0) {
      out.write('\n');
      out.spaces(depth * indentWidth);
    }
  }

  private void beforeValue() {
    if (afterKey) {
      afterKey = false;
      return;
    }
    if (depth > 0) {
      if (!empty[depth]) {
        out.write(',');
      }
      empty[depth] = false;
      newline();
    }
  }

  private void push() {
    depth++;
    if (depth == empty.length) {
      empty = Arrays.copyOf(empty, depth * 2);
      lastKey = Arrays.copyOf(lastKey, depth * 2);
    }
    empty[depth] = true;
    lastKey[depth] = null;
  }

  private void pop(char close) {
    boolean wasEmpty = empty[depth];
    depth--;
    if (!wasEmpty) {
      newline();
    }
    out.write(close);
  }

  private void startKey() {
    if (!empty[depth]) {
      out.write(',');
    }
    empty[depth] = false;
    newline();
  }

  private void endKey() {
    out.write(':');
    if (indentWidth >= 0) {
      out.write(' ');
    }
    afterKey = true;
  }

  @Override
  public void beginObject() {
    beforeValue();
    out.write('{');
    push();
  }

  @Override
  public void endObject() {
    pop('}');
  }

  @Override
  public void beginArray() {
    beforeValue();
    out.write('[');
    push();
  }

  @Override
  public void endArray() {
    pop(']');
  }

  @Override
  public void key(String key) {
    if (normalized && indentWidth < 0) {
      String prev = lastKey[depth];
      if (prev != null && JsonValue.compareCodePoints(prev, key) >= 0) {
        normalized = false;
      }
      lastKey[depth] = key;
    }
    startKey();
    writeText(key);
    endKey();
  }

  private void writeText(String s) {
    if (escapeHtml) {
      GoJson.writeString(out, s.toCharArray(), 0, s.length(), true);
    } else {
      GoJson.writeString(out, s);
    }
  }

  @Override
  public void escapedKey(byte[] buf, int off, int len) {
    if (indentWidth < 0) {
      // compact output tracks key order, which needs the decoded key
      key(RawJsonReader.unescape(buf, off, len));
      return;
    }
    startKey();
    out.write('"');
    out.write(buf, off, len);
    out.write('"');
    endKey();
  }

  @Override
  public void string(String value) {
    beforeValue();
    writeText(value);
  }

  @Override
  public void string(char[] buf, int off, int len) {
    beforeValue();
    GoJson.writeString(out, buf, off, len, escapeHtml);
  }

  @Override
  public void escapedString(byte[] buf, int off, int len) {
    beforeValue();
    out.write('"');
    out.write(buf, off, len);
    out.write('"');
  }

  @Override
  public void number(String text) {
    beforeValue();
    out.ascii(text);
    if (normalized && indentWidth < 0 && !GoJson.normalizeNumber(text).equals(text)) {
      normalized = false;
    }
  }

  @Override
  public void bool(boolean value) {
    beforeValue();
    out.ascii(value ? "true" : "false");
  }

  @Override
  public void nul() {
    beforeValue();
    out.ascii("null");
  }
}
