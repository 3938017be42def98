package dev.fbc.internal.json;

import java.util.Arrays;

/**
 * Where the objects of a compact JSON text whose keys are not in Go's order are, and the order opm writes their
 * members in, noted by {@link JsonTextWriter} while it wrote the text (it knows every member's offset then), so
 * {@link RawJsonReader} can sort without scanning the text for them first. Objects not listed are sorted already.
 */
public final class KeyOrder {
  /** Nothing known: the reader finds and sorts the objects itself. */
  public static final KeyOrder UNKNOWN = new KeyOrder(null, null);

  private static final KeyOrder SORTED = new KeyOrder(new int[0], new int[0][]);

  // offsets of the '{' of each unsorted object, ascending
  private final int[] starts;
  // per object: the offset just past its '}', then the offsets of the opening quotes of the keys to write, in order
  private final int[][] members;

  private KeyOrder(int[] starts, int[][] members) {
    this.starts = starts;
    this.members = members;
  }

  /** From entries as {@link #members(int)} returns them, each preceded by its object's offset, in any order. */
  static KeyOrder of(int[][] entries, int n) {
    if (n == 0) {
      return SORTED;
    }
    int[][] sorted = Arrays.copyOf(entries, n);
    Arrays.sort(sorted, (x, y) -> Integer.compare(x[0], y[0]));
    int[] starts = new int[n];
    int[][] members = new int[n][];
    for (int i = 0; i < n; i++) {
      starts[i] = sorted[i][0];
      members[i] = Arrays.copyOfRange(sorted[i], 1, sorted[i].length);
    }
    return new KeyOrder(starts, members);
  }

  public boolean known() {
    return starts != null;
  }

  /**
   * For the object at {@code start}: the offset past its end, then the offsets of the keys to write in order
   * (sorted, the last of equal keys only); an empty array if the object is sorted already.
   */
  int[] members(int start) {
    int k = Arrays.binarySearch(starts, start);
    return k >= 0 ? members[k] : NONE;
  }

  private static final int[] NONE = new int[0];
}
