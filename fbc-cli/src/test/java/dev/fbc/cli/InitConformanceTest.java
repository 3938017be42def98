package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of {@code conformance/init}, run as opm was: a real process in the case folder with the recorded
 * arguments. Output must equal opm's byte for byte; errors must carry opm's message and exit 1.
 */
class InitConformanceTest {

  @TestFactory
  Stream<DynamicTest> initMatchesOpm() {
    return Corpus.cases("init").stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
      List<String> args = Arrays.asList(Corpus.read(c.resolve("args.txt")).split("\n", -1));
      if (!args.isEmpty() && args.get(args.size() - 1).isEmpty()) {
        args = args.subList(0, args.size() - 1);
      }
      Run r = Run.process(c, args);
      assertThat(r.rc()).as(r.stderr()).isEqualTo(Corpus.expectedRc(c));
      for (String name : List.of("expected.json", "expected.yaml")) {
        Path expected = c.resolve(name);
        if (Files.exists(expected)) {
          assertThat(r.out()).isEqualTo(Files.readString(expected));
        }
      }
      Path stderr = c.resolve("expected.stderr");
      if (Files.exists(stderr)) {
        String firstLine = Files.readString(stderr).lines().findFirst().orElseThrow();
        if (firstLine.startsWith("Error: ")) {
          assertThat(r.stderr()).startsWith(firstLine);
        } else {
          assertThat(r.stderr()).contains(firstLine);
        }
        assertThat(r.stdout()).isEmpty();
      }
    }));
  }
}
