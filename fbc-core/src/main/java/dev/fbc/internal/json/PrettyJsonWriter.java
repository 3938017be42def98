package dev.fbc.internal.json;

/**
 * Writes JSON the way Go's {@code json.Encoder} does with {@code SetIndent("", "    ")}: one member per line,
 * {@code "key": value}, empty containers as {@code {}} and {@code []}.
 */
public final class PrettyJsonWriter implements JsonSink {
  private final ByteSink out;
  private final int indentWidth;
  private boolean[] empty = new boolean[32];
  private int depth;
  private boolean afterKey;

  public PrettyJsonWriter(ByteSink out, int indentWidth) {
    this.out = out;
    this.indentWidth = indentWidth;
  }

  private void newline() {
    out.write('\n');
    out.spaces(depth * indentWidth);
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
      empty = java.util.Arrays.copyOf(empty, depth * 2);
    }
    empty[depth] = true;
  }

  private void pop(char close) {
    boolean wasEmpty = empty[depth];
    depth--;
    if (!wasEmpty) {
      newline();
    }
    out.write(close);
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
    if (!empty[depth]) {
      out.write(',');
    }
    empty[depth] = false;
    newline();
    GoJson.writeString(out, key);
    out.write(':');
    out.write(' ');
    afterKey = true;
  }

  @Override
  public void escapedKey(byte[] buf, int off, int len) {
    if (!empty[depth]) {
      out.write(',');
    }
    empty[depth] = false;
    newline();
    out.write('"');
    out.write(buf, off, len);
    out.write('"');
    out.write(':');
    out.write(' ');
    afterKey = true;
  }

  @Override
  public void string(String value) {
    beforeValue();
    GoJson.writeString(out, value);
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
