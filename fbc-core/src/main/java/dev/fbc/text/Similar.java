package dev.fbc.text;

import java.util.Collection;
import java.util.Optional;

/**
 * Finds the name a typo was probably meant to be. A hint is a nicety, so the work is bounded: each instance
 * compares at most {@code budget} pairs of names in all (every dangling reference of a 100k-entry channel against
 * every entry would otherwise be quadratic), and a comparison stops as soon as the names are too far apart.
 */
public final class Similar {
  /** Name comparisons one validation may spend on "did you mean" hints; after that hints are left out. */
  public static final long DEFAULT_BUDGET = 2_000_000;

  private long budget;

  public Similar(long budget) {
    this.budget = budget;
  }

  /** The comparisons left to spend (a parallel validation accounts for its tasks' hints with it, in check order). */
  public long remaining() {
    return budget;
  }

  /** The edit distance of {@code a} and {@code b} when it is at most {@code limit}, else {@code limit + 1}. */
  public static int distance(String a, String b, int limit) {
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
        return limit + 1; // every later row is at least this far
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return Math.min(prev[b.length()], limit + 1);
  }

  /** The closest candidate within a small edit distance (a few characters), if any and if budget is left. */
  public Optional<String> closest(String typo, Collection<String> candidates) {
    if (budget < candidates.size()) {
      budget = 0;
      return Optional.empty();
    }
    budget -= candidates.size();
    String best = null;
    int limit = Math.max(1, Math.min(3, typo.length() / 5));
    int bestD = limit + 1;
    for (String c : candidates) {
      if (c.equals(typo)) {
        continue;
      }
      int d = distance(typo, c, limit);
      if (d < bestD || (d == bestD && best != null && c.compareTo(best) < 0)) {
        bestD = d;
        best = c;
      }
    }
    return bestD <= limit ? Optional.ofNullable(best) : Optional.empty();
  }

  public String didYouMean(String typo, Collection<String> candidates) {
    return closest(typo, candidates).map(c -> "did you mean \"" + c + "\"?").orElse("");
  }
}
