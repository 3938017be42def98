package dev.fbc.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fbc.internal.json.ByteSink;
import dev.fbc.internal.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoYamlTest {

  private static String yaml(String key, String value) {
    YamlTree.Node doc = new YamlTree.Map(List.of(new YamlTree.Entry(key, new YamlTree.Scalar(value, true))));
    ByteSink out = new ByteSink(64);
    GoYamlEmitter.writeDocument(doc, out);
    return out.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "n", "Off", "1.0", "010", "0x1F", "1e3", "", "~", "null", "2025-08-08T20:23:50Z",
      "2006-1-2", "1:20", "-1", ".5", "+.inf"})
  void stringsThatWouldReadBackAsOtherTypesAreDoubleQuoted(String s) {
    assertThat(yaml("k", s)).isEqualTo("k: \"" + s + "\"\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.8", "v1.2.3", "hello world", "http://example.com/a:b", "a-b", "2025-13-45",
      "true-ish", "x: y"})
  void ordinaryStringsArePlainOrSingleQuoted(String s) {
    String out = yaml("k", s);
    if (s.contains(": ")) {
      assertThat(out).isEqualTo("k: '" + s + "'\n");
    } else {
      assertThat(out).isEqualTo("k: " + s + "\n");
    }
  }

  @Test
  void indicatorsForceQuotes() {
    assertThat(yaml("k", "- item")).isEqualTo("k: '- item'\n");
    assertThat(yaml("k", "#comment")).isEqualTo("k: '#comment'\n");
    assertThat(yaml("k", "a #b")).isEqualTo("k: 'a #b'\n");
    assertThat(yaml("k", "it's: x")).isEqualTo("k: 'it''s: x'\n");
    assertThat(yaml("k", " lead")).isEqualTo("k: ' lead'\n");
    assertThat(yaml("k", "tab\there")).isEqualTo("k: \"tab\\there\"\n");
  }

  @Test
  void multiLineStringsBecomeLiteralBlocks() {
    assertThat(yaml("k", "a\nb\n")).isEqualTo("k: |\n  a\n  b\n");
    assertThat(yaml("k", "a\n\nb")).isEqualTo("k: |-\n  a\n\n  b\n");
    assertThat(yaml("k", "a\n\n")).isEqualTo("k: |+\n  a\n\n");
    assertThat(yaml("k", " a\nb")).isEqualTo("k: |2-\n   a\n  b\n");
    // a trailing space or a CR rules out a block: double quotes with escapes
    assertThat(yaml("k", "a \nb")).isEqualTo("k: \"a \\nb\"\n");
    assertThat(yaml("k", "a\r\nb")).isEqualTo("k: \"a\\r\\nb\"\n");
  }

  @Test
  void longStringsFoldAfterColumn80() {
    String words = "word ".repeat(30).strip();
    String out = yaml("key", words);
    String[] lines = out.split("\n");
    assertThat(lines.length).isGreaterThan(1);
    assertThat(lines[1]).startsWith("  word");
    // folding drops the break space; reading it back joins with one space
    StringBuilder joined = new StringBuilder(lines[0].substring("key: ".length()));
    for (int i = 1; i < lines.length; i++) {
      joined.append(' ').append(lines[i].strip());
    }
    assertThat(joined.toString()).isEqualTo(words);
  }

  @Test
  void specialCharactersUseGoYamlEscapes() {
    assertThat(yaml("k", "a \u2028 b")).isEqualTo("k: \"a \\L b\"\n");
    assertThat(yaml("k", "\uD83D\uDE00")).isEqualTo("k: \"\\U0001F600\"\n");
    // U+00A0 is printable for go-yaml, so it stays as it is inside the quotes
    assertThat(yaml("k", "\u0085x\u00a0")).isEqualTo("k: \"\\Nx\u00a0\"\n");
    assertThat(yaml("k", "caf\u00e9")).isEqualTo("k: caf\u00e9\n");
  }

  @Test
  void sequencesUnderKeysAreNotIndentedAndEmptyCollectionsAreFlow() {
    YamlTree.Node doc = new YamlTree.Map(List.of(
        new YamlTree.Entry("a", new YamlTree.Seq(List.of(
            new YamlTree.Map(List.of(new YamlTree.Entry("x", new YamlTree.Scalar("1", false)),
                new YamlTree.Entry("y", new YamlTree.Seq(List.of(new YamlTree.Scalar("z", true)))))),
            new YamlTree.Seq(List.of(new YamlTree.Scalar("p", true), new YamlTree.Scalar("q", true)))))),
        new YamlTree.Entry("b", new YamlTree.Map(List.of())),
        new YamlTree.Entry("c", new YamlTree.Seq(List.of())),
        new YamlTree.Entry("d", new YamlTree.Map(List.of(new YamlTree.Entry("e", new YamlTree.Scalar("f", true)))))));
    ByteSink out = new ByteSink(64);
    GoYamlEmitter.writeDocument(doc, out);
    assertThat(out.toString()).isEqualTo("""
        a:
        - x: 1
          "y":
          - z
        - - p
          - q
        b: {}
        c: []
        d:
          e: f
        """);
  }

  @ParameterizedTest
  @CsvSource({"a, b", "a2, a10", "A, a", "a-b, aB", "x1y, x01y", "abc, abcd", "_x, a"})
  void keysSortInGoYamlNaturalOrder(String first, String second) {
    assertThat(YamlKeyOrder.less(first, second)).isTrue();
    assertThat(YamlKeyOrder.less(second, first)).isFalse();
    List<String> keys = new ArrayList<>(List.of(second, first));
    YamlKeyOrder.sort(keys, k -> k);
    assertThat(keys).containsExactly(first, second);
  }

  @ParameterizedTest
  @CsvSource({"y, true", "NO, false", "on, true", "~, null", "010, 8", "0x1F, 31", "0o17, 15", "0b101, 5",
      "1_000, 1000", "1.10, 1.10", ".5, 0.5", "+1, 1", "1e3, 1e3"})
  void plainScalarsAreTypedLikeGoYamlV2(String in, String expected) {
    JsonValue v = GoYamlScalars.resolvePlain(in);
    String text = v instanceof JsonValue.Bool b ? String.valueOf(b.value())
        : v instanceof JsonValue.Num n ? n.text() : v instanceof JsonValue.Null ? "null" : "str";
    assertThat(text).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2025-06-24T14:07:09", "0.0.8", "1e400", "v1", "08x", "-", "yess"})
  void otherPlainScalarsStayStrings(String in) {
    assertThat(GoYamlScalars.resolvePlain(in)).isEqualTo(new JsonValue.Str(in));
  }
}
