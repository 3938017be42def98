package dev.fbc.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Objects read as trees keep their members in a {@link SmallMap} up to {@link SmallMap#MAX} keys and in a
 * {@code LinkedHashMap} beyond: either must behave as the {@code LinkedHashMap} the reader used to build (order of
 * first appearance, the last of repeated keys wins), on generated objects with repeated keys around that size.
 */
class SmallMapTest {

  @Test
  void objectsReadAsTreesBehaveLikeLinkedHashMaps() throws IOException {
    Random random = new Random(5);
    String[] pool = {"a", "b", "type", "value", "Type", "name", "schema", "package", "x", "y", "z", "w", "v", "u"};
    for (int round = 0; round < 3000; round++) {
      int n = random.nextInt(20);
      int distinct = 1 + random.nextInt(pool.length);
      Map<String, JsonValue> expected = new LinkedHashMap<>();
      StringBuilder doc = new StringBuilder("{");
      for (int i = 0; i < n; i++) {
        String k = pool[random.nextInt(distinct)];
        doc.append(i == 0 ? "" : ",").append('"').append(k).append("\":").append(i);
        expected.put(k, new JsonValue.Num(Integer.toString(i)));
      }
      doc.append('}');
      Map<String, JsonValue> m = ((JsonValue.Obj) read(doc.toString())).members();
      assertThat(new ArrayList<>(m.entrySet())).as(doc.toString()).containsExactlyElementsOf(expected.entrySet());
      assertThat(new ArrayList<>(m.keySet())).containsExactlyElementsOf(expected.keySet());
      assertThat(m.keySet().toArray(new String[0])).containsExactlyElementsOf(expected.keySet());
      String[] roomy = m.keySet().toArray(new String[21]);
      assertThat(java.util.Arrays.copyOf(roomy, expected.size())).containsExactlyElementsOf(expected.keySet());
      assertThat(roomy[expected.size()]).isNull();
      assertThat(m.values()).containsExactlyElementsOf(expected.values());
      assertThat(m).isEqualTo(expected).hasSize(expected.size());
      assertThat(m.hashCode()).isEqualTo(expected.hashCode());
      for (String k : pool) {
        assertThat(m.get(k)).isEqualTo(expected.get(k));
        assertThat(m.containsKey(k)).isEqualTo(expected.containsKey(k));
      }
      List<String> visited = new ArrayList<>();
      m.forEach((k, v) -> visited.add(k + "=" + ((JsonValue.Num) v).text()));
      List<String> want = new ArrayList<>();
      expected.forEach((k, v) -> want.add(k + "=" + ((JsonValue.Num) v).text()));
      assertThat(visited).isEqualTo(want);
      // both kinds are exercised
      assertThat(m instanceof SmallMap).isEqualTo(expected.size() <= SmallMap.MAX);
      if (m instanceof SmallMap) {
        assertThatThrownBy(() -> m.put("new", JsonValue.Null.INSTANCE))
            .isInstanceOf(UnsupportedOperationException.class);
      }
    }
  }

  private static JsonValue read(String json) throws IOException {
    try (var p = JacksonJson.factory().createParser(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))) {
      p.nextToken();
      return JacksonJson.read(p, 0, 99);
    }
  }
}
