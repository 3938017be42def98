package dev.fbc.internal.json;

/** Writes compact JSON with Go's escaping: the canonical form of {@code RawJson}. */
public final class CompactJsonWriter implements JsonSink {
  private final ByteSink out;
  // per nesting level: has the container written a member yet?
  private boolean[] first = new boolean[32];
  // per nesting level: the previous key, to know whether the keys come sorted
  private String[] lastKey = new String[32];
  private int depth;
  private boolean afterKey;
  private boolean normalized = true;

  /**
   * Whether what was written is already in opm's normal form: keys sorted and unique at every level, numbers as
   * Go prints float64s. Writers can then copy it without sorting.
   */
  public boolean normalized() {
    return normalized;
  }

  public CompactJsonWriter(ByteSink out) {
    this.out = out;
  }

  private void beforeValue() {
    if (afterKey) {
      afterKey = false;
      return;
    }
    if (depth > 0) {
      if (!first[depth]) {
        out.write(',');
      }
      first[depth] = false;
    }
  }

  private void push() {
    depth++;
    if (depth == first.length) {
      first = java.util.Arrays.copyOf(first, depth * 2);
      lastKey = java.util.Arrays.copyOf(lastKey, depth * 2);
    }
    first[depth] = true;
    lastKey[depth] = null;
  }

  @Override
  public void beginObject() {
    beforeValue();
    out.write('{');
    push();
  }

  @Override
  public void endObject() {
    depth--;
    out.write('}');
  }

  @Override
  public void beginArray() {
    beforeValue();
    out.write('[');
    push();
  }

  @Override
  public void endArray() {
    depth--;
    out.write(']');
  }

  @Override
  public void key(String key) {
    if (normalized) {
      String prev = lastKey[depth];
      if (prev != null && JsonValue.compareCodePoints(prev, key) >= 0) {
        normalized = false;
      }
      lastKey[depth] = key;
    }
    if (!first[depth]) {
      out.write(',');
    }
    first[depth] = false;
    GoJson.writeString(out, key);
    out.write(':');
    afterKey = true;
  }

  @Override
  public void string(String value) {
    beforeValue();
    GoJson.writeString(out, value);
  }

  @Override
  public void string(char[] buf, int off, int len) {
    beforeValue();
    GoJson.writeString(out, buf, off, len);
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
    if (normalized && !GoJson.normalizeNumber(text).equals(text)) {
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
