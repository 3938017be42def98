package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of {@code conformance/list}: {@code fbc alpha list} and {@code fbc list} print opm's table byte for
 * byte with opm's exit status. Errors: flat messages are opm's exact line; for an invalid catalog every leaf of
 * opm's error tree appears in fbc's report, each error line naming its file and line.
 */
class ListConformanceTest {

  @TestFactory
  Stream<DynamicTest> alphaListIsByteIdenticalToOpm() {
    return Corpus.cases("list").stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(),
        () -> check(c, args(c))));
  }

  @TestFactory
  Stream<DynamicTest> listCommandGivesTheSameBytes() {
    return Corpus.cases("list").stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
      List<String> args = args(c);
      args.remove(0); // "alpha list" -> "list"
      check(c, args);
    }));
  }

  /** opm's argv, with the case's input folder made absolute (these tests do not run in the case folder). */
  private static List<String> args(Path c) {
    List<String> args = new ArrayList<>(Corpus.read(c.resolve("args.txt")).lines().toList());
    args.replaceAll(a -> a.equals("input") ? c.resolve("input").toString() : a);
    return args;
  }

  private static void check(Path c, List<String> args) {
    Run r = Run.inProcess(args.toArray(String[]::new));
    assertThat(r.rc()).as(r.stderr()).isEqualTo(Corpus.expectedRc(c));
    Path txt = c.resolve("expected.txt");
    assertThat(r.out()).isEqualTo(Files.exists(txt) ? Corpus.read(txt) : "");
    Path err = c.resolve("expected.stderr");
    if (!Files.exists(err)) {
      assertThat(r.stderr()).isEmpty();
      return;
    }
    String expected = Corpus.read(err);
    if (!expected.startsWith("invalid index:")) {
      assertThat(r.stderr()).isEqualTo(expected);
      return;
    }
    for (String leaf : ValidateConformanceTest.leafMessages(expected)) {
      assertThat(r.stderr()).contains(leaf);
    }
    for (String line : r.stderr().strip().split("\n")) {
      assertThat(line).matches("^" + java.util.regex.Pattern.quote(c.resolve("input").toString())
          + "/.*:[0-9]+: error: .*");
    }
  }
}
