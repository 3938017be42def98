package dev.fbc.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The banded edit distance against the full one it replaced (kept here as the oracle). */
class SimilarTest {
  /** The full dynamic programme, with the same early stop and the same answer beyond the limit. */
  private static int full(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) > limit) {
      return limit + 1;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (rowMin > limit) {
        return limit + 1;
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return Math.min(prev[b.length()], limit + 1);
  }

  private static String random(Random r, String alphabet, int maxLength) {
    StringBuilder sb = new StringBuilder();
    for (int n = r.nextInt(maxLength + 1); n > 0; n--) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** {@code s} with up to {@code edits} random insertions, deletions and substitutions. */
  private static String edit(Random r, String s, String alphabet, int edits) {
    StringBuilder sb = new StringBuilder(s);
    for (int k = r.nextInt(edits + 1); k > 0; k--) {
      int at = r.nextInt(sb.length() + 1);
      char c = alphabet.charAt(r.nextInt(alphabet.length()));
      switch (r.nextInt(3)) {
        case 0 -> sb.insert(at, c);
        case 1 -> {
          if (at < sb.length()) {
            sb.deleteCharAt(at);
          }
        }
        default -> {
          if (at < sb.length()) {
            sb.setCharAt(at, c);
          }
        }
      }
    }
    return sb.toString();
  }

  @Test
  void bandedDistanceIsTheFullOneOnRandomAndNearbyNames() {
    Random r = new Random(15);
    int[] seen = new int[6];
    for (int i = 0; i < 300_000; i++) {
      String alphabet = i % 2 == 0 ? "ab" : "abc.v019";
      String a = random(r, alphabet, i % 3 == 0 ? 30 : 9);
      String b = i % 4 == 0 ? random(r, alphabet, 9) : edit(r, a, alphabet, 5);
      int limit = r.nextInt(5);
      int d = Similar.distance(a, b, limit);
      assertThat(d).as("%s / %s within %d", a, b, limit).isEqualTo(full(a, b, limit));
      seen[Math.min(d, 5)]++;
    }
    // the inputs must reach every distance up to the limits, or the comparison says little
    assertThat(java.util.Arrays.stream(seen).min().orElse(0)).isGreaterThan(1000);
  }

  @Test
  void operatorNamesGetTheirDistance() {
    assertThat(Similar.distance("etcdoperator.v0.9.2", "etcdoperator.v0.9.4", 3)).isEqualTo(1);
    assertThat(Similar.distance("etcdoperator.v0.9.2", "etcdoperator.v0.10.2", 3)).isEqualTo(2);
    assertThat(Similar.distance("stabe", "stable", 1)).isEqualTo(1);
    assertThat(Similar.distance("stabel", "stable", 1)).isEqualTo(2);
    assertThat(Similar.distance("", "abc", 3)).isEqualTo(3);
    assertThat(Similar.distance("abcd", "", 3)).isEqualTo(4);
  }
}
