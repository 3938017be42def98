package dev.fbc.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The key order noted while a value is captured against the reader's own scan and sort of the captured bytes, on
 * generated adversarial JSON: the normalized output must be the same bytes.
 */
class KeyOrderTest {
  // keys as written in the file: escapes, \\u sequences, a surrogate pair (Jackson refuses lone ones in keys),
  // case variants, prefixes
  private static final String[] KEYS = {
      "a", "A", "b", "B", "ab", "aB", "Ab", "a b", "", "z", "zz", "name", "Name", "NAME", "version", "kind",
      "\\u0061", "\\u0041", "a\\u0000", "a\\n", "a\\t", "\\\"", "\\\\", "\\/", "a/", "<", "&", "\\u003c", "é",
      "\\u00e9", "e\\u0301", "€", "\\u2028", "\u2029", "😀", "\\ud83d\\ude00",
      "\\uffff", "\\ufffd", "\uFFFD", "\uFFFDx", "\\u007f", "~", "\\u0080", "ÿ",
  };
  // numbers as written: forms Go prints differently, huge and tiny ones, out of float64's range (kept as 0)
  private static final String[] NUMBERS = {
      "0", "-0", "1", "-1", "1.0", "0.10", "1e2", "1E+2", "1e-7", "1e21", "1e400", "-1e400", "1e-400",
      "123456789012345678901234567890", "9007199254740993", "0.1e1", "2.50", "-0.0",
  };
  private static final String[] STRINGS = {"\"\\ud83d\"", "\"\"", "\"x\"", "\"a\\nb\"", "\"\\u0041\"", "\"<&>\"", "\"é😀\""};

  @Test
  void sortingByTheNotedOrderGivesTheSameBytesAsScanning() throws IOException {
    Random random = new Random(42);
    int unsorted = 0;
    int listed = 0;
    for (int round = 0; round < 2000; round++) {
      StringBuilder doc = new StringBuilder();
      value(doc, random, 0, true);
      byte[] bytes = doc.toString().getBytes(StandardCharsets.UTF_8);
      JsonBytes captured = capture(bytes);
      assertThat(captured.keyOrder().known()).isTrue();
      String scanned = pretty(captured.utf8(), true);
      assertThat(pretty(captured, true)).as("round %d: %s", round, doc).isEqualTo(scanned);
      listed += listsKeys(captured) ? 1 : 0;
      // with the keys of every unsorted object listed (a streaming render's capture): the same bytes out, and no
      // unsorted object left to be scanned
      JsonBytes everyListed = capture(bytes, KeyOrder.Listing.EVERY_OBJECT);
      assertThat(everyListed.utf8()).isEqualTo(captured.utf8());
      assertThat(pretty(everyListed, true)).as("round %d, every object listed: %s", round, doc).isEqualTo(scanned);
      assertThat(unlisted(everyListed)).as("round %d: %s", round, doc).isZero();
      if (captured.normalized()) {
        // what the writer called normal form is what the scan and sort gives
        assertThat(pretty(captured.utf8(), false)).as("round %d: %s", round, doc).isEqualTo(scanned);
      } else {
        unsorted++;
      }
      // a value that is already sorted
      ByteSink sorted = new ByteSink(64);
      RawJsonReader.emit(captured, JsonTextWriter.compact(sorted), true);
      assertThat(capture(sorted.toByteArray()).normalized()).as("round %d: %s", round, doc).isTrue();
    }
    assertThat(unsorted).as("values with keys out of order").isGreaterThan(1000);
    assertThat(listed).as("values with the keys of an object listed").isGreaterThan(100);
  }

  @Test
  void deepNestingAndLongObjects() throws IOException {
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      deep.append("{\"z").append(i % 7).append("\":1,\"a\":");
    }
    deep.append("[]");
    deep.append("}".repeat(500));
    StringBuilder wide = new StringBuilder("{");
    for (int i = 5000; i > 0; i--) {
      wide.append(i == 5000 ? "" : ",").append("\"k").append(i % 3000).append("\":").append(i);
    }
    wide.append('}');
    for (StringBuilder doc : new StringBuilder[] {deep, wide}) {
      JsonBytes captured = capture(doc.toString().getBytes(StandardCharsets.UTF_8));
      assertThat(captured.normalized()).isFalse();
      assertThat(pretty(captured, true)).isEqualTo(pretty(captured.utf8(), true));
    }
  }

  /**
   * The capture's writer is used again for every value on a thread: one that failed part way (inside unsorted
   * objects, keys noted) leaves nothing behind for the next.
   */
  @Test
  void aCaptureAfterOneThatFailedPartWayStartsAfresh() throws IOException {
    // two unsorted objects ended (one small, one with its keys listed), then a syntax error two levels down
    String broken = "{\"z\":{\"y\":1,\"b\":2},\"q\":[{\"d\":1,\"c\":\"" + "x".repeat(5000)
        + "\"}],\"p\":{\"a\":[1,tru";
    assertThatThrownBy(() -> capture(broken.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
    JsonBytes sorted = capture("{\"a\":{\"b\":1,\"c\":2},\"d\":[]}".getBytes(StandardCharsets.UTF_8));
    assertThat(sorted.normalized()).isTrue();
    assertThat(sorted.keyOrder().known()).isTrue();
    assertThat(new String(sorted.utf8(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":{\"b\":1,\"c\":2},\"d\":[]}");
    assertThatThrownBy(() -> capture(broken.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
    JsonBytes unsorted = capture("{\"b\":{\"y\":1,\"x\":2},\"a\":0}".getBytes(StandardCharsets.UTF_8));
    assertThat(unsorted.normalized()).isFalse();
    assertThat(unsorted.keyOrder().known()).isTrue();
    assertThat(pretty(unsorted, true)).isEqualTo(pretty(unsorted.utf8(), true))
        .isEqualTo("{\n    \"a\": 0,\n    \"b\": {\n        \"x\": 2,\n        \"y\": 1\n    }\n}");
  }

  @Test
  void escapedKeysCompareAsTheirCodePoints() {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      String x = key(random);
      String y = key(random);
      byte[] xb = quoted(x);
      byte[] yb = quoted(y);
      int bytes = RawJsonReader.compareKeys(xb, 1, xb.length - 1, yb, 1, yb.length - 1);
      assertThat(Integer.signum(bytes)).as("%s vs %s", x, y).isEqualTo(Integer.signum(JsonValue.compareCodePoints(x, y)));
    }
  }

  @Test
  void onlyTheTextOfAFreshSinkGetsAnOrder() {
    ByteSink sink = new ByteSink(16);
    sink.ascii("[");
    JsonTextWriter w = JsonTextWriter.compact(sink);
    w.beginObject();
    w.key("b");
    w.nul();
    w.key("a");
    w.nul();
    w.endObject();
    assertThat(w.keyOrder(sink.length()).known()).isFalse();
    assertThat(JsonTextWriter.pretty(new ByteSink(16), 4).keyOrder(0).known()).isFalse();
  }

  private static boolean listsKeys(JsonBytes captured) {
    byte[] b = captured.utf8();
    for (int i = 0; i < b.length; i++) {
      int e = b[i] == '{' ? captured.keyOrder().entry(i) : -1;
      if (e >= 0 && captured.keyOrder().keys(e) >= 0) {
        return true;
      }
    }
    return false;
  }

  // well-formed keys made of the characters Go's order is tricky for: escapes, surrogate pairs, the last BMP ones
  private static String key(Random random) {
    String[] parts = {"a", "A", "\n", "\u0000", "\"", "\\", "é", "\u2028", "😀", "\uFFFF", "\uFFFD", "\uE000", "~"};
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      sb.append(parts[random.nextInt(parts.length)]);
    }
    return sb.toString();
  }

  private static byte[] quoted(String s) {
    ByteSink sink = new ByteSink(16);
    GoJson.writeString(sink, s);
    return sink.toByteArray();
  }

  private static void value(StringBuilder doc, Random random, int depth, boolean container) {
    int kind = container ? random.nextInt(2) : depth > 6 ? 2 : random.nextInt(5);
    switch (kind) {
      case 0, 3 -> {
        doc.append('{');
        int n = random.nextInt(random.nextInt(10) == 0 ? 40 : 6);
        // some objects (and so the ones around them) large enough to have their keys listed
        int big = random.nextInt(8) == 0 ? random.nextInt(n + 1) : -1;
        for (int i = 0; i < n; i++) {
          doc.append(i == 0 ? "" : ",").append('"').append(KEYS[random.nextInt(KEYS.length)]).append("\":");
          if (i == big) {
            doc.append('"').append("x\\n".repeat(JsonTextWriter.LISTED_OBJECT_BYTES / 3)).append('"');
          } else {
            value(doc, random, depth + 1, false);
          }
        }
        doc.append('}');
      }
      case 1, 4 -> {
        doc.append('[');
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
          doc.append(i == 0 ? "" : ",");
          value(doc, random, depth + 1, false);
        }
        doc.append(']');
      }
      default -> {
        int r = random.nextInt(4);
        if (r == 0) {
          doc.append(NUMBERS[random.nextInt(NUMBERS.length)]);
        } else if (r == 1) {
          doc.append(STRINGS[random.nextInt(STRINGS.length)]);
        } else {
          doc.append(random.nextBoolean() ? "true" : "null");
        }
      }
    }
  }

  /** Unsorted objects whose keys are not listed. */
  private static int unlisted(JsonBytes captured) {
    byte[] b = captured.utf8();
    int n = 0;
    for (int i = 0; i < b.length; i++) {
      int e = b[i] == '{' ? captured.keyOrder().entry(i) : -1;
      if (e >= 0 && captured.keyOrder().keys(e) < 0) {
        n++;
      }
    }
    return n;
  }

  private static JsonBytes capture(byte[] bytes, KeyOrder.Listing listing) throws IOException {
    try (JsonParser p = JacksonJson.parser(bytes, 0, bytes.length)) {
      p.nextToken();
      JsonValue v = JacksonJson.readSkipping(p, 0, text -> {}, new JacksonJson.Skips(java.util.Set.of()), listing);
      return ((JsonValue.Raw) v).raw();
    }
  }

  private static JsonBytes capture(byte[] bytes) throws IOException {
    try (JsonParser p = JacksonJson.factory().createParser(new ByteArrayInputStream(bytes))) {
      p.nextToken();
      JsonValue v = JacksonJson.read(p, 0, 0, text -> {});
      return ((JsonValue.Raw) v).raw();
    }
  }

  private static String pretty(JsonBytes raw, boolean normalize) {
    ByteSink sink = new ByteSink(64);
    RawJsonReader.emit(raw, JsonTextWriter.pretty(sink, 4), normalize);
    return sink.toString();
  }

  // the byte[] form: no noted order, the reader scans and sorts
  private static String pretty(byte[] raw, boolean normalize) {
    ByteSink sink = new ByteSink(64);
    RawJsonReader.emit(raw, JsonTextWriter.pretty(sink, 4), normalize);
    return sink.toString();
  }
}
