package dev.fbc.internal.json;

import java.util.Arrays;

/**
 * Writes JSON text with Go's escaping, either compact (the canonical form of {@code RawJson}, which also notes
 * whether it is already in opm's normal form) or indented the way Go's {@code json.Encoder} does with
 * {@code SetIndent("", "    ")}: one member per line, {@code "key": value}, empty containers as {@code {}} and
 * {@code []}.
 */
public final class JsonTextWriter implements JsonSink {
  // unsorted objects smaller than this are only marked (the reader scans them), larger ones get their keys listed
  static final int LISTED_OBJECT_BYTES = 4096;
  private static final int[] NONE = new int[0];

  private final ByteSink out;
  /** Spaces per level; negative for compact output. */
  private final int indentWidth;
  // per nesting level: no member written yet
  private boolean[] empty = new boolean[8];
  private int depth;
  // compact output only (null for pretty output, made per blob), per nesting level: where the container starts,
  // where its keys start in keyAt, and whether they came out of order
  private int[] start;
  private int[] firstKey;
  private boolean[] unsorted;
  // compact output only: offsets of the opening and closing quotes of the keys of every open object
  private int[] keyAt;
  private int keys;
  // compact output only: the unsorted objects written so far, as KeyOrder.of takes them
  private int[] order = NONE;
  private int orders;
  // the sink's length when this writer started: offsets are only right for the text of a fresh sink
  private int base;
  private boolean afterKey;
  private boolean normalized = true;
  private boolean escapeHtml;
  private KeyOrder.Listing listing = KeyOrder.Listing.LARGE_OBJECTS;

  private JsonTextWriter(ByteSink out, int indentWidth) {
    this.out = out;
    this.indentWidth = indentWidth;
    this.base = out.length();
    if (indentWidth < 0) {
      start = new int[8];
      firstKey = new int[8];
      unsorted = new boolean[8];
      keyAt = new int[32];
    }
  }

  /** Escapes {@code <>&} in strings, as Go's {@code json.Marshal} does by default. */
  public JsonTextWriter escapeHtml(boolean on) {
    this.escapeHtml = on;
    return this;
  }

  public static JsonTextWriter compact(ByteSink out) {
    return new JsonTextWriter(out, -1);
  }

  /**
   * Starts over on the sink, which the caller has emptied (or not), as a fresh writer would: for a compact writer
   * that captures one value after another, so that its per-level and key-order arrays are allocated once.
   */
  void restart() {
    base = out.length();
    depth = 0;
    keys = 0;
    orders = 0;
    afterKey = false;
    normalized = true;
  }

  /** For compact output: which unsorted objects get their keys listed in {@link #keyOrder}. */
  void listing(KeyOrder.Listing listing) {
    this.listing = listing;
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

  /**
   * For compact output of {@code length} bytes into a fresh sink that kept them: the objects whose keys were not in
   * Go's order, and where the keys of the larger ones are.
   */
  KeyOrder keyOrder(int length) {
    if (indentWidth >= 0 || base != 0 || out.length() != length || out.flushed() || depth != 0) {
      return KeyOrder.UNKNOWN;
    }
    return KeyOrder.of(order, orders);
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

  private void push(int at) {
    depth++;
    if (depth == empty.length) {
      empty = Arrays.copyOf(empty, depth * 2);
    }
    empty[depth] = true;
    if (start == null) {
      return;
    }
    if (depth >= start.length) {
      start = Arrays.copyOf(start, depth * 2);
      firstKey = Arrays.copyOf(firstKey, depth * 2);
      unsorted = Arrays.copyOf(unsorted, depth * 2);
    }
    start[depth] = at;
    firstKey[depth] = keys;
    unsorted[depth] = false;
  }

  /** Notes the key whose quotes are at {@code open} and {@code close}, and whether it comes after the one before. */
  private void trackKey(int open, int close) {
    int first = firstKey[depth];
    if (keys > first && !unsorted[depth]) {
      byte[] b = out.buffer();
      if (RawJsonReader.compareKeys(b, keyAt[keys - 2] + 1, keyAt[keys - 1], b, open + 1, close) >= 0) {
        unsorted[depth] = true;
        normalized = false;
      }
    }
    if (keys + 2 > keyAt.length) {
      keyAt = Arrays.copyOf(keyAt, keyAt.length * 2);
    }
    keyAt[keys++] = open;
    keyAt[keys++] = close;
  }

  /**
   * At the end of a compact object: if its keys were out of order, notes where they are. Sorting them is left to
   * whoever writes the value normalized (a validation never does).
   */
  private void noteUnsorted() {
    int first = firstKey[depth];
    if (unsorted[depth]) {
      boolean small = listing == KeyOrder.Listing.LARGE_OBJECTS && out.length() - start[depth] < LISTED_OBJECT_BYTES;
      int n = small ? 0 : (keys - first) / 2;
      if (orders + n + 3 > order.length) {
        order = Arrays.copyOf(order, Math.max(order.length * 2, orders + n + 3));
      }
      order[orders++] = start[depth];
      order[orders++] = out.length();
      order[orders++] = small ? -1 : n;
      for (int i = 0; i < n; i++) {
        order[orders++] = keyAt[first + 2 * i];
      }
    }
    keys = first;
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
    int at = out.length();
    out.write('{');
    push(at);
  }

  @Override
  public void endObject() {
    if (indentWidth >= 0) {
      pop('}');
      return;
    }
    out.write('}');
    noteUnsorted();
    depth--;
  }

  @Override
  public void beginArray() {
    beforeValue();
    int at = out.length();
    out.write('[');
    push(at);
  }

  @Override
  public void endArray() {
    pop(']');
  }

  @Override
  public void key(String key) {
    startKey();
    int open = out.length();
    writeText(key);
    if (indentWidth < 0) {
      trackKey(open, out.length() - 1);
    }
    endKey();
  }

  private void writeText(String s) {
    GoJson.writeString(out, s, escapeHtml);
  }

  @Override
  public boolean takesHtmlAsIs() {
    return !escapeHtml;
  }

  @Override
  public void escapedKey(byte[] buf, int off, int len) {
    if (escapeHtml && indentWidth < 0) {
      // the bytes are escaped without it (as before key order was tracked on the bytes)
      key(RawJsonReader.unescape(buf, off, len));
      return;
    }
    startKey();
    int open = out.length();
    out.write('"');
    out.write(buf, off, len);
    out.write('"');
    if (indentWidth < 0) {
      trackKey(open, out.length() - 1);
    }
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
