package dev.fbc.internal.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GoSort against the real Go 1.23 {@code sort.Slice}. The data file {@code go-sort-slice.txt} was written once by a
 * small Go program run with /usr/lib/go-1.23/bin/go (Go 1.23.5, the toolchain opm v1.54 is built with; the program
 * is kept outside this repository). Each line is {@code <n> <label>|<keys>|<order>}: the key at each input
 * position, then for each output position the input position Go put there, with {@code less = key(i) < key(j)}.
 * The inputs are lengths 0..200 with few distinct keys (so many equal elements), plus sorted, reversed, nearly
 * sorted, organ-pipe, sawtooth, all-equal and adversarial (McIlroy) inputs that drive Go into its pattern breaking,
 * its reversal of descending ranges and its heapsort fallback (the last two with equal keys; those inputs were
 * picked from a larger generated set by which paths they reach).
 */
class GoSortTest {
  private record Elem(int key, int position) {}

  private record Case(String label, int[] keys, int[] goOrder) {}

  private static List<Case> cases() throws IOException {
    List<Case> out = new ArrayList<>();
    try (InputStream in = GoSortTest.class.getResourceAsStream("go-sort-slice.txt")) {
      assertThat(in).as("test data go-sort-slice.txt").isNotNull();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\\|", -1);
        int[] keys = ints(parts[1]);
        int[] order = ints(parts[2]);
        assertThat(keys.length).isEqualTo(order.length).isEqualTo(Integer.parseInt(parts[0].split(" ")[0]));
        out.add(new Case(parts[0], keys, order));
      }
    }
    return out;
  }

  private static int[] ints(String s) {
    return s.isEmpty() ? new int[0] : Arrays.stream(s.split(" ")).mapToInt(Integer::parseInt).toArray();
  }

  private static int[] positions(List<Elem> sorted) {
    return sorted.stream().mapToInt(Elem::position).toArray();
  }

  private static List<Elem> elems(int[] keys) {
    List<Elem> in = new ArrayList<>();
    for (int i = 0; i < keys.length; i++) {
      in.add(new Elem(keys[i], i));
    }
    return in;
  }

  @Test
  void reproducesGoSortSliceOnEveryRecordedInput() throws IOException {
    List<Case> cases = cases();
    assertThat(cases).hasSizeGreaterThan(400);
    int differFromStable = 0;
    for (Case c : cases) {
      List<Elem> in = elems(c.keys());
      int[] got = positions(GoSort.sorted(in, Comparator.comparingInt(Elem::key)));
      assertThat(got).as("%s: %s", c.label(), Arrays.toString(c.keys())).containsExactly(c.goOrder());
      List<Elem> stable = new ArrayList<>(in);
      stable.sort(Comparator.comparingInt(Elem::key));
      if (!Arrays.equals(positions(stable), c.goOrder())) {
        differFromStable++;
      }
    }
    // the data must exercise the difference this class exists for
    assertThat(differFromStable).isGreaterThan(cases.size() / 2);
  }

  @Test
  void upToTwelveElementsKeepEqualElementsInInputOrder() throws IOException {
    for (Case c : cases()) {
      if (c.keys().length <= 12) {
        List<Elem> in = elems(c.keys());
        List<Elem> stable = new ArrayList<>(in);
        stable.sort(Comparator.comparingInt(Elem::key));
        assertThat(positions(GoSort.sorted(in, Comparator.comparingInt(Elem::key)))).containsExactly(
            positions(stable).clone());
      }
    }
  }

  @Test
  void sortSliceSortsInPlaceAndLeavesTheInputOfSortedAlone() {
    List<Elem> in = elems(new int[] {3, 1, 2, 1, 0, 3, 2, 2, 1, 0, 0, 3, 1, 2, 0, 3});
    List<Elem> copy = List.copyOf(in);
    List<Elem> sorted = GoSort.sorted(in, Comparator.comparingInt(Elem::key));
    assertThat(in).isEqualTo(copy);
    GoSort.sortSlice(in, Comparator.comparingInt(Elem::key));
    assertThat(in).isEqualTo(sorted);
    assertThat(in).isSortedAccordingTo(Comparator.comparingInt(Elem::key));
  }
}
