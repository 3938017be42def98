package dev.fbc.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fbc.base.Source;
import dev.fbc.internal.json.JacksonJson;
import dev.fbc.internal.json.JsonValue;
import dev.fbc.model.BundleBlob;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlobDecoderTest {
  private static final Source SOURCE = new Source("catalog.json", 1);

  /**
   * The quick comparison (ASCII in place, the rest lower-cased) against lower-casing both keys, on generated keys
   * made of ASCII letters and characters whose lower case changes length (U+0130) or is ASCII (U+212A).
   */
  @Test
  void sameLowerCaseAgreesWithLowerCasingBothKeys() {
    char[] pool = {'a', 'A', 'i', 'I', 'k', 'K', 'z', 'Z', '0', '_', '\u0130', '\u0307', '\u212A', '\u00df',
        '\u1E9E', '\u00c9', '\u00e9', '\u03a3', '\u03c3', '\u03c2'};
    Random random = new Random(9);
    int same = 0;
    for (int round = 0; round < 200_000; round++) {
      String a = key(random, pool);
      String b = random.nextInt(3) == 0 ? a.toUpperCase(Locale.ROOT) : key(random, pool);
      boolean expected = a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
      assertThat(BlobDecoder.sameLowerCase(a, b)).as("%s vs %s", a, b).isEqualTo(expected);
      same += expected ? 1 : 0;
    }
    assertThat(same).isGreaterThan(1000);
  }

  @Test
  void keysRepeatedIgnoringCaseAreReportedSorted() {
    assertThatThrownBy(() -> decode("{\"schema\":\"olm.bundle\",\"name\":\"a\",\"NAME\":\"b\",\"Name\":\"c\"}"))
        .isInstanceOf(BlobDecoder.BlobException.class)
        .hasMessage("duplicate keys for key \"name\": [NAME Name name]")
        .extracting(e -> ((BlobDecoder.BlobException) e).hint())
        .isEqualTo("keys are matched ignoring case: keep only one of [NAME, Name, name]");
    // beyond the keys compared pair by pair, and with a non-ASCII key that lower-cases to ASCII (the Kelvin sign)
    StringBuilder wide = new StringBuilder("{\"schema\":\"olm.bundle\"");
    for (int i = 0; i < 20; i++) {
      wide.append(",\"k").append(i).append("\":1");
    }
    wide.append(",\"\u212A3\":2}");
    assertThatThrownBy(() -> decode(wide.toString()))
        .hasMessage("duplicate keys for key \"k3\": [k3 \u212A3]");
    assertThatThrownBy(() -> decode("{\"schema\":\"olm.bundle\",\"\u212A\":1,\"k\":2}"))
        .hasMessage("duplicate keys for key \"k\": [k \u212A]");
  }

  @Test
  void keysThatDifferIgnoringCaseAreAccepted() throws Exception {
    assertThat(decode("{\"schema\":\"olm.bundle\",\"name\":\"a\",\"package\":\"p\",\"image\":\"i\",\"nam\":1,"
        + "\"names\":2,\"\u0130\":3,\"i\":4}")).isInstanceOf(BundleBlob.class);
  }

  private static String key(Random random, char[] pool) {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      sb.append(pool[random.nextInt(random.nextBoolean() ? 8 : pool.length)]);
    }
    return sb.toString();
  }

  private static Object decode(String json) throws Exception {
    return BlobDecoder.decode(read(json), SOURCE);
  }

  private static JsonValue read(String json) throws IOException {
    try (var p = JacksonJson.factory().createParser(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))) {
      p.nextToken();
      return JacksonJson.read(p, 0, BlobDecoder.CAPTURE_DEPTH);
    }
  }
}
