package dev.fbc.internal.json;

import java.util.Arrays;

/**
 * Where the objects of a compact JSON text whose keys are not in Go's order are, and where their keys are, noted by
 * {@link JsonTextWriter} while it wrote the text (it knows every member's offset then), so {@link RawJsonReader}
 * can sort their members without scanning the whole text for containers first. Objects not listed are sorted
 * already (strictly: no duplicate keys either). Kept with every captured value a whole-catalog load holds, so it
 * is two flat arrays.
 */
public final class KeyOrder {
  /** Which unsorted objects get their keys listed, not only their place. */
  public enum Listing {
    /**
     * Objects of {@value JsonTextWriter#LISTED_OBJECT_BYTES} bytes and more; the smaller ones are scanned by the
     * reader that sorts them: for values kept (a whole-catalog load holds every one).
     */
    LARGE_OBJECTS,
    /**
     * Every one: for values written soon after they are read (a streaming render), where scanning a small object's
     * members to sort them, then writing them, read its nested values twice (at every level of nesting).
     */
    EVERY_OBJECT
  }

  /** Nothing known: the reader finds and sorts the objects itself. */
  public static final KeyOrder UNKNOWN = new KeyOrder(null, null);

  private static final KeyOrder SORTED = new KeyOrder(new int[0], new int[0]);

  // per unsorted object, ascending by the offset of its '{': where its entry starts in entries
  private final int[] index;
  // per unsorted object: the offset of its '{', the offset just past its '}', the number of keys, then the offsets
  // of the opening quotes of its keys as written; for a small object -1 and no keys (the reader scans it, which is
  // cheap, while listing the keys of every small object cost a validate of the 7k catalog 12 MiB more peak memory)
  private final int[] entries;

  private KeyOrder(int[] index, int[] entries) {
    this.index = index;
    this.entries = entries;
  }

  /** From {@code entries[0, length)}, entries as described above, in any order. */
  static KeyOrder of(int[] entries, int length) {
    if (length == 0) {
      return SORTED;
    }
    int n = 0;
    for (int i = 0; i < length; i += 3 + Math.max(0, entries[i + 2])) {
      n++;
    }
    long[] byStart = new long[n];
    n = 0;
    for (int i = 0; i < length; i += 3 + Math.max(0, entries[i + 2])) {
      byStart[n++] = ((long) entries[i] << 32) | i;
    }
    sort(byStart);
    int[] index = new int[n];
    for (int k = 0; k < n; k++) {
      index[k] = (int) byStart[k];
    }
    return new KeyOrder(index, Arrays.copyOf(entries, length));
  }

  /**
   * Sorts by insertion: entries come in the order their objects end, so only an object's own descendants are ahead
   * of it, and the shifts are few. {@code Arrays.sort} finishes the job past a budget of shifts (deep and wide
   * input); it is one large method the client compiler would otherwise compile in every run.
   */
  private static void sort(long[] a) {
    long budget = 16L * a.length + 64;
    for (int i = 1; i < a.length; i++) {
      long x = a[i];
      int j = i - 1;
      while (j >= 0 && a[j] > x) {
        a[j + 1] = a[j];
        j--;
        if (--budget < 0) {
          a[j + 1] = x;
          Arrays.sort(a);
          return;
        }
      }
      a[j + 1] = x;
    }
  }

  public boolean known() {
    return index != null;
  }

  /** Where the entry of the object at {@code start} begins, or -1 if the object is sorted already. */
  int entry(int start) {
    int lo = 0;
    int hi = index.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int s = entries[index[mid]];
      if (s < start) {
        lo = mid + 1;
      } else if (s > start) {
        hi = mid - 1;
      } else {
        return index[mid];
      }
    }
    return -1;
  }

  /** The offset past the end of the object whose entry begins at {@code e}. */
  int end(int e) {
    return entries[e + 1];
  }

  /** The number of keys of the object whose entry is at {@code e}, or -1 if they are not listed. */
  int keys(int e) {
    return entries[e + 2];
  }

  /** The offset of the opening quote of the {@code k}th key, as written, of the object whose entry is at e. */
  int key(int e, int k) {
    return entries[e + 3 + k];
  }
}
