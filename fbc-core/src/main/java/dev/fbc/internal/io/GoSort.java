package dev.fbc.internal.io;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The element order of Go's {@code sort.Slice} (Go 1.23, the toolchain opm v1.54 is built with), for the places
 * where opm sorts with it: which of several elements with equal keys comes first is decided by the algorithm, not
 * by the input order, once a list has more than 12 elements. Java's own sorts are stable, so they give a different
 * (and equally valid) order there; to write the same bytes as opm we replay Go's steps.
 *
 * <p>Go's {@code sort.Slice} is a pattern-defeating quicksort (pdqsort) without block partitioning: insertion sort
 * for short ranges, median-of-three or Tukey-ninther pivots, a check for already sorted input, a partition that
 * splits off runs of elements equal to the pivot, a deterministic shuffle after a bad split and heapsort after too
 * many bad splits. Every comparison and swap below happens in the same order as in Go, so the result is the same
 * permutation for any comparator that is a strict weak order. The algorithm was written from its description and
 * checked against permutations produced by the real {@code sort.Slice} (see GoSortTest); no Go code is copied.
 */
public final class GoSort {
  /** Ranges of at most this many elements are insertion-sorted (Go's maxInsertion). */
  private static final int MAX_INSERTION = 12;
  /** From this length on the pivot is a ninther, and sorted-run repair may shift elements. */
  private static final int LONG_RANGE = 50;
  /** At most this many out-of-order neighbours are repaired before giving up on "almost sorted". */
  private static final int MAX_REPAIRS = 5;
  /** The swap count choosePivot reports when every comparison was reversed: the range looks descending. */
  private static final int ALL_SWAPS = 12;

  private enum Hint { UNKNOWN, INCREASING, DECREASING }

  private GoSort() {}

  /** A sorted copy of {@code list}, in the order Go's {@code sort.Slice} with {@code less = cmp < 0} leaves it. */
  public static <T> List<T> sorted(List<T> list, Comparator<? super T> cmp) {
    @SuppressWarnings("unchecked")
    T[] a = (T[]) list.toArray();
    new Sorter<>(a, cmp).sort();
    List<T> out = new ArrayList<>(a.length);
    for (T t : a) {
      out.add(t);
    }
    return out;
  }

  /** Sorts {@code list} in place, as {@link #sorted}. */
  public static <T> void sortSlice(List<T> list, Comparator<? super T> cmp) {
    List<T> s = sorted(list, cmp);
    for (int i = 0; i < s.size(); i++) {
      list.set(i, s.get(i));
    }
  }

  /** Go's sort.Slice sees the slice only through less(i, j) and swap(i, j); this class offers the same two. */
  private static final class Sorter<T> {
    private final T[] a;
    private final Comparator<? super T> cmp;

    Sorter(T[] a, Comparator<? super T> cmp) {
      this.a = a;
      this.cmp = cmp;
    }

    private boolean less(int i, int j) {
      return cmp.compare(a[i], a[j]) < 0;
    }

    private void swap(int i, int j) {
      T t = a[i];
      a[i] = a[j];
      a[j] = t;
    }

    void sort() {
      // Go allows bits.Len(n) bad pivots before switching to heapsort.
      int budget = Integer.SIZE - Integer.numberOfLeadingZeros(a.length);
      pdq(0, a.length, budget);
    }

    /** Go's pdqsort loop: recurse into the smaller side, iterate on the larger one. */
    private void pdq(int lo, int hi, int budget) {
      boolean balanced = true;
      boolean partitioned = true;
      while (true) {
        int n = hi - lo;
        if (n <= MAX_INSERTION) {
          insertion(lo, hi);
          return;
        }
        if (budget == 0) {
          heap(lo, hi);
          return;
        }
        if (!balanced) {
          scatter(lo, hi);
          budget--;
        }
        int[] chosen = new int[1];
        Hint hint = pivot(lo, hi, chosen);
        int p = chosen[0];
        if (hint == Hint.DECREASING) {
          // Go reverses a range that looks descending and keeps pointing at the same pivot element.
          reverse(lo, hi);
          p = (hi - 1) - (p - lo);
          hint = Hint.INCREASING;
        }
        if (balanced && partitioned && hint == Hint.INCREASING && nearlySorted(lo, hi)) {
          return;
        }
        // Go checks the element just left of the range (the previous pivot) against this pivot, using the
        // absolute index 0 as the "no left neighbour" test; when it is not smaller, the range starts with a
        // run of elements equal to the pivot, which is split off and skipped.
        if (lo > 0 && !less(lo - 1, p)) {
          lo = partitionEqual(lo, hi, p);
          continue;
        }
        int[] wasPartitioned = new int[1];
        int mid = partition(lo, hi, p, wasPartitioned);
        partitioned = wasPartitioned[0] == 1;
        int left = mid - lo;
        int right = hi - mid;
        int threshold = n / 8;
        if (left < right) {
          balanced = left >= threshold;
          pdq(lo, mid, budget);
          lo = mid + 1;
        } else {
          balanced = right >= threshold;
          pdq(mid + 1, hi, budget);
          hi = mid;
        }
      }
    }

    /** Plain insertion sort by adjacent swaps (stable; this is why lists of up to 12 keep equal elements' order). */
    private void insertion(int lo, int hi) {
      for (int i = lo + 1; i < hi; i++) {
        for (int j = i; j > lo && less(j, j - 1); j--) {
          swap(j, j - 1);
        }
      }
    }

    /** Go's heapsort fallback: max-heap built bottom-up, then the top swapped to the end repeatedly. */
    private void heap(int lo, int hi) {
      int n = hi - lo;
      for (int i = (n - 1) / 2; i >= 0; i--) {
        siftDown(i, n, lo);
      }
      for (int i = n - 1; i >= 0; i--) {
        swap(lo, lo + i);
        siftDown(0, i, lo);
      }
    }

    private void siftDown(int root, int n, int base) {
      while (true) {
        int child = 2 * root + 1;
        if (child >= n) {
          return;
        }
        if (child + 1 < n && less(base + child, base + child + 1)) {
          child++;
        }
        if (!less(base + root, base + child)) {
          return;
        }
        swap(base + root, base + child);
        root = child;
      }
    }

    /**
     * Go's breakPatterns: three elements around the middle are swapped with pseudo-random positions. The
     * generator is a 64-bit xorshift (shifts 13, 17, 5) seeded with the range length, so the result is
     * deterministic; positions are drawn modulo the next power of two above the length, folded once into range.
     */
    private void scatter(int lo, int hi) {
      int n = hi - lo;
      if (n < 8) {
        return;
      }
      long state = n;
      long mask = (1L << (Integer.SIZE - Integer.numberOfLeadingZeros(n))) - 1;
      int middle = lo + (n / 4) * 2;
      for (int idx = middle - 1; idx <= middle + 1; idx++) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        int other = (int) (state & mask);
        if (other >= n) {
          other -= n;
        }
        swap(idx, lo + other);
      }
    }

    /**
     * Go's choosePivot: candidates at a quarter, half and three quarters of the range; from 8 elements the median
     * of the three, from 50 each candidate is first replaced by the median of itself and its two neighbours
     * (Tukey's ninther). The number of swaps the median steps made tells whether the range looks ascending (none)
     * or descending (all twelve).
     */
    private Hint pivot(int lo, int hi, int[] chosen) {
      int n = hi - lo;
      int[] swaps = new int[1];
      int i = lo + n / 4;
      int j = lo + n / 4 * 2;
      int k = lo + n / 4 * 3;
      if (n >= 8) {
        if (n >= LONG_RANGE) {
          i = median(i - 1, i, i + 1, swaps);
          j = median(j - 1, j, j + 1, swaps);
          k = median(k - 1, k, k + 1, swaps);
        }
        j = median(i, j, k, swaps);
      }
      chosen[0] = j;
      return swaps[0] == 0 ? Hint.INCREASING : swaps[0] == ALL_SWAPS ? Hint.DECREASING : Hint.UNKNOWN;
    }

    /** The index of the median of three, by Go's three compare-and-order steps (each reversal counts a swap). */
    private int median(int x, int y, int z, int[] swaps) {
      if (less(y, x)) {
        swaps[0]++;
        int t = x;
        x = y;
        y = t;
      }
      if (less(z, y)) {
        swaps[0]++;
        y = z;
      }
      if (less(y, x)) {
        swaps[0]++;
        y = x;
      }
      return y;
    }

    private void reverse(int lo, int hi) {
      for (int i = lo, j = hi - 1; i < j; i++, j--) {
        swap(i, j);
      }
    }

    /**
     * Go's partialInsertionSort: true when the range is sorted. Short ranges (under 50) are only checked; longer
     * ones get up to five out-of-order neighbours swapped and each pushed to its place. Go's leftward shift runs
     * down to index 1 of the whole slice rather than to the start of the range; that is reproduced, since it can
     * move elements (equal ones included) across the range start.
     */
    private boolean nearlySorted(int lo, int hi) {
      int i = lo + 1;
      for (int step = 0; step < MAX_REPAIRS; step++) {
        while (i < hi && !less(i, i - 1)) {
          i++;
        }
        if (i == hi) {
          return true;
        }
        if (hi - lo < LONG_RANGE) {
          return false;
        }
        swap(i, i - 1);
        if (i - lo >= 2) {
          for (int j = i - 1; j >= 1 && less(j, j - 1); j--) {
            swap(j, j - 1);
          }
        }
        if (hi - i >= 2) {
          for (int j = i + 1; j < hi && less(j, j - 1); j++) {
            swap(j, j - 1);
          }
        }
      }
      return false;
    }

    /**
     * Go's partitionEqual, for a range with nothing smaller than the pivot: the pivot goes to the front, then
     * elements not greater than it are gathered after it by swapping from both ends. Returns where the greater
     * elements start.
     */
    private int partitionEqual(int lo, int hi, int p) {
      swap(lo, p);
      int i = lo + 1;
      int j = hi - 1;
      while (true) {
        while (i <= j && !less(lo, i)) {
          i++;
        }
        while (i <= j && less(lo, j)) {
          j--;
        }
        if (i > j) {
          return i;
        }
        swap(i, j);
        i++;
        j--;
      }
    }

    /**
     * Go's partition: the pivot goes to the front, smaller elements are gathered on the left and the others on the
     * right by swapping from both ends, and the pivot is swapped into the gap. {@code wasPartitioned[0]} is 1 when
     * the first scan found nothing to swap (Go's "already partitioned").
     */
    private int partition(int lo, int hi, int p, int[] wasPartitioned) {
      swap(lo, p);
      int i = lo + 1;
      int j = hi - 1;
      while (i <= j && less(i, lo)) {
        i++;
      }
      while (i <= j && !less(j, lo)) {
        j--;
      }
      if (i > j) {
        swap(j, lo);
        wasPartitioned[0] = 1;
        return j;
      }
      swap(i, j);
      i++;
      j--;
      while (true) {
        while (i <= j && less(i, lo)) {
          i++;
        }
        while (i <= j && !less(j, lo)) {
          j--;
        }
        if (i > j) {
          break;
        }
        swap(i, j);
        i++;
        j--;
      }
      swap(j, lo);
      wasPartitioned[0] = 0;
      return j;
    }
  }
}
