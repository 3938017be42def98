package dev.fbc.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fbc.internal.model.RawAccess;
import dev.fbc.model.RawJson;
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
}
