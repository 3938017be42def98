package dev.fbc.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoJsonTest {

  @ParameterizedTest
  @CsvSource({
      "1.50, 1.5",
      "1e3, 1000",
      "12345678901234567890, 12345678901234567000",
      "-0.0, -0",
      "-0, -0",
      "0.1, 0.1",
      "100000000000000000000000, 1e+23",
      "1e21, 1e+21",
      "1e20, 100000000000000000000",
      "0.0000001, 1e-7",
      "0.000001, 0.000001",
      "5e-324, 5e-324",
      "123456789012345, 123456789012345",
      "1.7976931348623157e308, 1.7976931348623157e+308",
      "0.30000000000000004, 0.30000000000000004",
      "2.5e-8, 2.5e-8",
  })
  void numbersAreNormalizedAsGoFloat64(String in, String expected) {
    assertThat(GoJson.normalizeNumber(in)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
      "0.000001, 1e-06",
      "1234567.5, 1.2345675e+06",
      "100000.5, 100000.5",
      "1e23, 1e+23",
      "0.1, 0.1",
      "0.0001, 0.0001",
      "0.00001, 1e-05",
  })
  void goYamlFloatsUseTheGFormat(double in, String expected) {
    assertThat(GoJson.formatFloatG(in)).isEqualTo(expected);
  }

  @Test
  void stringsAreEscapedLikeGoWithoutHtmlEscaping() {
    assertThat(GoJson.quote("<b>bold</b> & \"q\" \\")).isEqualTo("\"<b>bold</b> & \\\"q\\\" \\\\\"");
    assertThat(GoJson.quote("a\u2028b\u2029c")).isEqualTo("\"a\\u2028b\\u2029c\"");
    assertThat(GoJson.quote("\b\f\n\r\t\u0001\u001f\u007f")).isEqualTo("\"\\b\\f\\n\\r\\t\\u0001\\u001f\u007f\"");
    assertThat(GoJson.quote("café 日本 \uD83D\uDE00")).isEqualTo("\"café 日本 \uD83D\uDE00\"");
    // a lone surrogate is invalid UTF-8 in Go and becomes U+FFFD
    assertThat(GoJson.quote("x\uD800y")).isEqualTo("\"x\uFFFDy\"");
  }

  @Test
  void infinitiesCannotBeJson() {
    assertThatThrownBy(() -> GoJson.formatFloat(Double.POSITIVE_INFINITY))
        .hasMessageContaining("unsupported value");
  }

  /**
   * A long plain run makes room for one byte a character; the first character that is not plain must still find
   * room for the escapes after it, in a buffer that grows and in one that drains into a stream.
   */
  @Test
  void escapesAfterALongPlainRunFitWhetherTheBufferGrowsOrDrains() {
    String plain = "a".repeat(70_000);
    String tail = "\u2028<>&\"\\\u00e9\ud83d\ude00\n\u0001\ud800x".repeat(3_000);
    String expectedTail = "\\u2028<>&\\\"\\\\\u00e9\ud83d\ude00\\n\\u0001\ufffdx".repeat(3_000);
    String expectedHtmlTail = expectedTail.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");

    ByteSink growing = new ByteSink(16);
    GoJson.writeString(growing, (plain + tail).toCharArray(), 0, plain.length() + tail.length(), false);
    assertThat(new String(growing.toByteArray(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("\"" + plain + expectedTail + "\"");

    java.io.ByteArrayOutputStream drained = new java.io.ByteArrayOutputStream();
    ByteSink draining = new ByteSink(1 << 16, drained);
    draining.ascii("x".repeat(60_000));
    GoJson.writeString(draining, (plain + tail).toCharArray(), 0, plain.length() + tail.length(), true);
    draining.flush();
    assertThat(drained.toString(java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("x".repeat(60_000) + "\"" + plain + expectedHtmlTail + "\"");
  }

  /**
   * Strings written from one sink's character scratch one after another, long before short and around the size
   * it keeps (64 Ki characters), come out as each string alone does: nothing of an earlier, longer one shows.
   */
  @Test
  void stringsWrittenOneAfterAnotherThroughTheSinksScratch() {
    java.util.Random random = new java.util.Random(3);
    String[] parts = {"a", "\"", "<", "\u00e9", "\ud83d\ude00", "\n", "\ud800", "\u2028", "z"};
    int[] lengths = {0, 1, 100, 63, 65_535, 65_536, 65_537, 200_000, 2, 70_000, 5};
    ByteSink shared = new ByteSink(16);
    StringBuilder expected = new StringBuilder();
    for (int round = 0; round < 3; round++) {
      for (int length : lengths) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < length) {
          sb.append(parts[random.nextInt(parts.length)]);
        }
        String s = sb.toString();
        boolean html = random.nextBoolean();
        ByteSink alone = new ByteSink(16);
        GoJson.writeString(alone, s.toCharArray(), 0, s.length(), html);
        expected.append(alone);
        GoJson.writeString(shared, s, html);
      }
    }
    assertThat(shared.toString()).isEqualTo(expected.toString());
  }
}
