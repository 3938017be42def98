package dev.fbc.validate;

import java.util.Collection;
import java.util.Optional;

/** Finds the name a typo was probably meant to be. */
final class Similar {
  private Similar() {}

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** The closest candidate within a small edit distance (a few characters), if any. */
  static Optional<String> closest(String typo, Collection<String> candidates) {
    String best = null;
    int bestD = Integer.MAX_VALUE;
    int limit = Math.max(1, Math.min(3, typo.length() / 5));
    for (String c : candidates) {
      if (c.equals(typo)) {
        continue;
      }
      int d = distance(typo, c);
      if (d < bestD || (d == bestD && best != null && c.compareTo(best) < 0)) {
        bestD = d;
        best = c;
      }
    }
    return bestD <= limit ? Optional.of(best) : Optional.empty();
  }

  static String didYouMean(String typo, Collection<String> candidates) {
    return closest(typo, candidates).map(c -> "did you mean \"" + c + "\"?").orElse("");
  }
}
