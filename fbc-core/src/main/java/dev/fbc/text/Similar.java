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

  /**
   * The edit distance of {@code a} and {@code b} when it is at most {@code limit}, else {@code limit + 1}. Only the
   * cells within {@code limit} of the diagonal are computed (any other is farther than the limit): a validation
   * compares every dangling reference with every entry of its channel, names of nearly equal length.
   */
  public static int distance(String a, String b, int limit) {
    int n = a.length();
    int m = b.length();
    if (Math.abs(n - m) > limit) {
      return limit + 1;
    }
    int far = limit + 1;
    int[] prev = new int[m + 1];
    int[] cur = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      prev[j] = Math.min(j, far);
    }
    for (int i = 1; i <= n; i++) {
      int lo = Math.max(1, i - limit);
      int hi = Math.min(m, i + limit);
      cur[0] = Math.min(i, far);
      cur[lo - 1] = lo == 1 ? cur[0] : far;
      int rowMin = cur[0];
      char ca = a.charAt(i - 1);
      for (int j = lo; j <= hi; j++) {
        int cost = ca == b.charAt(j - 1) ? 0 : 1;
        int d = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        cur[j] = Math.min(d, far);
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (hi < m) {
        cur[hi + 1] = far; // read by the next row, whose band reaches one further
      }
      if (rowMin > limit) {
        return far; // every later row is at least this far
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return Math.min(prev[m], far);
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
