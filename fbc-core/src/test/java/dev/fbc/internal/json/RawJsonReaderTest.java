package dev.fbc.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fbc.internal.model.RawAccess;
import dev.fbc.model.RawJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RawJsonReaderTest {

  private static String pretty(RawJson raw, boolean normalize) {
    ByteSink sink = new ByteSink(64);
    RawJsonReader.emit(RawAccess.bytes(raw), JsonTextWriter.pretty(sink, 4), normalize);
    return sink.toString();
  }

  @Test
  void rawValuesKeepKeyOrderAndNumberText() {
    RawJson raw = RawJson.parse("{\"z\": 1.50, \"a\": [ {\"d\": 1, \"c\": \"x\"} ], \"e\": {}}");
    assertThat(raw.toString()).isEqualTo("{\"z\":1.50,\"a\":[{\"d\":1,\"c\":\"x\"}],\"e\":{}}");
  }

  @Test
  void normalizingSortsKeysAtEveryLevelAndKeepsTheLastDuplicate() {
    RawJson raw = RawJson.parse("{\"z\": {\"y\": 1, \"b\": 2}, \"a\": [ {\"d\": 1, \"c\": 2} ], \"k\": 1, \"k\": 2}");
    assertThat(raw.normalized().toString()).isEqualTo("{\"a\":[{\"c\":2,\"d\":1}],\"k\":2,\"z\":{\"b\":2,\"y\":1}}");
  }

  @Test
  void prettyPrintingMatchesGoIndent() {
    RawJson raw = RawJson.parse("{\"b\": [], \"a\": {\"x\": [1, 2]}, \"c\": \"\\u2028\"}");
    assertThat(pretty(raw, true)).isEqualTo("""
        {
            "a": {
                "x": [
                    1,
                    2
                ]
            },
            "b": [],
            "c": "\\u2028"
        }""");
  }

  @Test
  void escapedStringsSurviveTheRoundTrip() {
    String s = "tab\t quote\" backslash\\ nl\n uni\u00e9 ctl\u0001";
    RawJson raw = RawJson.ofString(s);
    assertThat(raw.toJsonNode().asText()).isEqualTo(s);
    assertThat(RawJsonReader.unescape(raw.toUtf8(), 1, raw.size() - 2)).isEqualTo(s);
  }

  /**
   * The reader's own sort (insertion sort of short runs, merges of longer ones, the last of equal keys kept) against
   * the tree's: the captured value read into maps (the last of equal keys wins) and written with its keys sorted as
   * Strings. Objects of every width around the run length, many equal keys, nested objects sorted while the
   * members of the objects around them wait.
   */
  @Test
  void sortingWideObjectsWithRepeatedKeysMatchesTheTree() throws IOException {
    Random random = new Random(11);
    int[] widths = {0, 1, 2, 15, 16, 17, 31, 32, 33, 47, 64, 65, 100, 257, 1000};
    for (int round = 0; round < 300; round++) {
      StringBuilder doc = new StringBuilder();
      object(doc, random, widths[round % widths.length], 0);
      JsonBytes captured = capture(doc.toString().getBytes(StandardCharsets.UTF_8));
      JsonValue.TreeBuilder tree = new JsonValue.TreeBuilder();
      RawJsonReader.emit(captured.utf8(), tree, false);
      ByteSink expected = new ByteSink(64);
      tree.result().emit(JsonTextWriter.pretty(expected, 4), true);
      // with the order noted while capturing, and scanned from the bytes alone
      ByteSink noted = new ByteSink(64);
      RawJsonReader.emit(captured, JsonTextWriter.pretty(noted, 4), true);
      ByteSink scanned = new ByteSink(64);
      RawJsonReader.emit(captured.utf8(), JsonTextWriter.pretty(scanned, 4), true);
      assertThat(noted.toString()).as("round %d: %s", round, doc).isEqualTo(expected.toString());
      assertThat(scanned.toString()).as("round %d: %s", round, doc).isEqualTo(expected.toString());
    }
  }

  private static final String[] STRING_VALUES = {"", "v", "\\\"", "\\\\", "a\\\"b", "\\n", "é😀", "x".repeat(40)};

  private static void object(StringBuilder doc, Random random, int width, int depth) {
    // few distinct keys for some objects (many repeats), many for others; values tell the repeats apart
    int distinct = random.nextBoolean() ? 1 + random.nextInt(8) : 1 + width * 2;
    String[] stems = {"a", "B", "b", "é", "😀", "a\\\\", "\\n", "z"};
    doc.append('{');
    for (int i = 0; i < width; i++) {
      int k = random.nextInt(distinct);
      doc.append(i == 0 ? "" : ",").append('"').append(stems[k % stems.length]).append(k).append("\":");
      int kind = random.nextInt(6);
      if (depth < 2 && kind == 0) {
        object(doc, random, random.nextInt(40), depth + 1);
      } else if (kind < 3) {
        // strings, whose ends the scan for the keys finds: empty, escaped quotes and backslashes at either end
        doc.append('"').append(STRING_VALUES[random.nextInt(STRING_VALUES.length)]).append(i).append('"');
      } else if (kind == 3) {
        doc.append("[\"a\",{\"y\":1,\"x\":\"\\\"\"}]");
      } else {
        doc.append(i);
      }
    }
    doc.append('}');
  }

  private static JsonBytes capture(byte[] bytes) throws IOException {
    try (var p = JacksonJson.factory().createParser(new ByteArrayInputStream(bytes))) {
      p.nextToken();
      return ((JsonValue.Raw) JacksonJson.read(p, 0, 0, text -> {})).raw();
    }
  }

  /**
   * The four-bytes-a-step search for a string's closing quote against a byte at a time, for strings of every
   * length with escapes anywhere, ending anywhere up to the last byte of the array.
   */
  @Test
  void stringEndFindsTheClosingQuoteAtEveryPlaceOfAStep() {
    String[] pieces = {"a", "a", "a", "\\\"", "\\\\", "\\n", "é", "😀"};
    Random random = new Random(17);
    for (int round = 0; round < 5000; round++) {
      StringBuilder s = new StringBuilder("\"");
      int n = random.nextInt(20);
      for (int i = 0; i < n; i++) {
        s.append(pieces[random.nextInt(pieces.length)]);
      }
      s.append('"').append(",1]".substring(0, random.nextInt(4)));
      byte[] b = s.toString().getBytes(StandardCharsets.UTF_8);
      int expected = 1;
      while (b[expected] != '"') {
        expected += b[expected] == '\\' ? 2 : 1;
      }
      assertThat(RawJsonReader.stringEnd(b, 0)).as(s.toString()).isEqualTo(expected);
    }
  }
}
