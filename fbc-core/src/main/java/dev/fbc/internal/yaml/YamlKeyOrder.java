package dev.fbc.internal.yaml;

import java.util.List;

/**
 * The order go-yaml v2 sorts mapping keys in when it writes: letters compare as characters, runs of digits
 * compare as numbers, and a non-letter sorts before a letter. opm's YAML output has its keys in this order.
 */
public final class YamlKeyOrder {
  private YamlKeyOrder() {}

  /** Whether {@code a} sorts before {@code b}. */
  public static boolean less(String a, String b) {
    int[] ar = a.codePoints().toArray();
    int[] br = b.codePoints().toArray();
    for (int i = 0; i < ar.length && i < br.length; i++) {
      if (ar[i] == br[i]) {
        continue;
      }
      boolean al = Character.isLetter(ar[i]);
      boolean bl = Character.isLetter(br[i]);
      if (al && bl) {
        return ar[i] < br[i];
      }
      if (al || bl) {
        return bl;
      }
      long an = 0;
      long bn = 0;
      if (ar[i] == '0' || br[i] == '0') {
        for (int j = i - 1; j >= 0 && Character.isDigit(ar[j]); j--) {
          if (ar[j] != '0') {
            an = 1;
            bn = 1;
            break;
          }
        }
      }
      int ai = i;
      for (; ai < ar.length && Character.isDigit(ar[ai]); ai++) {
        an = an * 10 + (ar[ai] - '0');
      }
      int bi = i;
      for (; bi < br.length && Character.isDigit(br[bi]); bi++) {
        bn = bn * 10 + (br[bi] - '0');
      }
      if (an != bn) {
        return an < bn;
      }
      if (ai != bi) {
        return ai < bi;
      }
      return ar[i] < br[i];
    }
    return ar.length < br.length;
  }

  /** Sorts in place with an insertion sort, which tolerates the odd inconsistency of this order. */
  public static <T> void sort(List<T> items, java.util.function.Function<T, String> key) {
    for (int i = 1; i < items.size(); i++) {
      T x = items.get(i);
      String k = key.apply(x);
      int j = i - 1;
      while (j >= 0 && less(k, key.apply(items.get(j)))) {
        items.set(j + 1, items.get(j));
        j--;
      }
      items.set(j + 1, x);
    }
  }
}
