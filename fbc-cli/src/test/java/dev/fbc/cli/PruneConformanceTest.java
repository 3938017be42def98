package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of {@code conformance/prune} (oc-mirror v2's catalog filter as the oracle): exit status, stdout byte
 * for byte, the error text on stderr, and the "kept outside the range" warnings as a sorted list.
 */
class PruneConformanceTest {

  @TestFactory
  Stream<DynamicTest> pruneMatchesOcMirror() {
    return Corpus.cases("prune").stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
      List<String> args = new ArrayList<>();
      for (String a : Corpus.read(c.resolve("args.txt")).split("\n")) {
        if (!a.isEmpty()) {
          args.add(a.equals("input") || a.equals("filter.yaml") ? c.resolve(a).toString() : a);
        }
      }
      Run r = Run.inProcess(args.toArray(new String[0]));
      int expected = Corpus.expectedRc(c);
      assertThat(r.rc()).as(r.stderr()).isEqualTo(expected);
      if (expected == 0) {
        assertThat(r.out()).isEqualTo(Files.readString(c.resolve("expected.json")));
      } else {
        for (String line : Files.readString(c.resolve("expected.stderr")).strip().split("\n")) {
          assertThat(r.stderr()).contains(line);
        }
        assertThat(r.stdout()).isEmpty();
      }
      Path warnings = c.resolve("expected.warnings");
      List<String> got = r.stderr().lines().filter(l -> l.startsWith("warning: "))
          .map(l -> l.substring("warning: ".length())).sorted().toList();
      List<String> want = Files.exists(warnings)
          ? Arrays.stream(Files.readString(warnings).strip().split("\n")).sorted().toList() : List.of();
      assertThat(got).isEqualTo(want);
    }));
  }
}
