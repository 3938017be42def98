package dev.fbc.internal.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CatalogWriterTest {

  /** Go orders strings by their UTF-8 bytes; the comparison of characters must agree, surrogates included. */
  @Test
  void goOrderIsTheOrderOfTheUtf8Bytes() {
    String[] parts = {"a", "b", "A", "-", "é", "\u07ff", "\u0800", "\uFFFF", "\uE000", "😀", "\uD83D", "\uDE00", "?", ""};
    Random random = new Random(21);
    for (int i = 0; i < 100_000; i++) {
      String x = name(random, parts);
      String y = random.nextInt(5) == 0 ? x : name(random, parts);
      int bytes = Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8));
      assertThat(Integer.signum(CatalogWriter.goOrder().compare(x, y))).as("%s vs %s", x, y)
          .isEqualTo(Integer.signum(bytes));
    }
  }

  /**
   * The order of a package's blobs against sorting with the rank looked up at every comparison (as it was before
   * ranks were taken once per blob): the same unstable order for many equal names, on generated groups.
   */
  @Test
  void orderPackageGivesTheOrderOfSortingByRankedKeys() {
    Random random = new Random(23);
    String[] names = {"a", "b", "c", "a.v1", "a.v10", "a.v2", "é", "Z"};
    for (int round = 0; round < 500; round++) {
      int n = random.nextInt(80);
      List<Integer> group = new ArrayList<>();
      List<CatalogWriter.Rank> ranks = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        group.add(i);
        int g = random.nextInt(5);
        ranks.add(new CatalogWriter.Rank(g, g == 0 || g == 4 ? "" : names[random.nextInt(names.length)]));
      }
      List<Integer> got = new ArrayList<>();
      CatalogWriter.orderPackage(group, ranks::get, got);

      List<Integer> expected = new ArrayList<>();
      List<List<Integer>> byGroup = new ArrayList<>();
      for (int g = 0; g < 5; g++) {
        byGroup.add(new ArrayList<>());
      }
      for (Integer b : group) {
        byGroup.get(ranks.get(b).group()).add(b);
      }
      Comparator<Integer> byKey = (x, y) -> Arrays.compareUnsigned(
          ranks.get(x).key().getBytes(StandardCharsets.UTF_8), ranks.get(y).key().getBytes(StandardCharsets.UTF_8));
      GoSort.sortSlice(byGroup.get(1), byKey);
      GoSort.sortSlice(byGroup.get(2), byKey);
      byGroup.get(3).sort(byKey);
      byGroup.forEach(expected::addAll);
      assertThat(got).as("round %d", round).isEqualTo(expected);
    }
  }

  private static String name(Random random, String[] parts) {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      sb.append(parts[random.nextInt(parts.length)]);
    }
    return sb.toString();
  }
}
