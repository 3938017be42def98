package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** {@code fbc alpha render-graph} and {@code fbc graph} against opm's recorded mermaid output, byte for byte. */
class GraphConformanceTest {

  @TestFactory
  Stream<DynamicTest> renderGraphIsByteIdenticalToOpm() {
    return Corpus.cases("graph").stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(),
        () -> check(c, args(c))));
  }

  @TestFactory
  Stream<DynamicTest> graphCommandGivesTheSameBytes() {
    return Corpus.cases("graph").stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
      List<String> args = args(c);
      args.set(0, "graph");
      args.remove(1); // "alpha render-graph" -> "graph"
      check(c, args);
    }));
  }

  /** opm's argv, with the case's input folder made absolute (tests do not run in the case folder). */
  private static List<String> args(Path c) {
    List<String> args = new ArrayList<>(Corpus.read(c.resolve("args.txt")).lines().toList());
    args.replaceAll(a -> a.equals("input") ? c.resolve("input").toString() : a);
    return args;
  }

  private static void check(Path c, List<String> args) throws Exception {
    Run r = Run.inProcess(args.toArray(String[]::new));
    Path err = c.resolve("expected.stderr");
    assertThat(r.stderr()).isEqualTo(Files.exists(err) ? Corpus.read(err) : "");
    assertThat(r.rc()).isEqualTo(Corpus.expectedRc(c));
    Path mermaid = c.resolve("expected.mermaid");
    assertThat(r.out()).isEqualTo(Files.exists(mermaid) ? Corpus.read(mermaid) : "");
  }
}
