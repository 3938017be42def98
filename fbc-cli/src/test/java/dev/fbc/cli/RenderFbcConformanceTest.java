package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** {@code fbc render <dir> -o json|yaml} against opm's recorded output, byte for byte. */
class RenderFbcConformanceTest {

  @TestFactory
  Stream<DynamicTest> jsonIsByteIdenticalToOpm() {
    return Corpus.cases("render-fbc").stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
      Run r = Run.inProcess("render", c.resolve("input").toString(), "-o", "json");
      assertThat(r.stderr()).isEmpty();
      assertThat(r.rc()).isEqualTo(Corpus.expectedRc(c));
      assertThat(r.out()).isEqualTo(Corpus.read(c.resolve("expected.json")));
    }));
  }

  @TestFactory
  Stream<DynamicTest> yamlIsByteIdenticalToOpm() {
    return Corpus.cases("render-fbc").stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
      Run r = Run.inProcess("render", c.resolve("input").toString(), "-o", "yaml");
      assertThat(r.rc()).isZero();
      assertThat(r.out()).isEqualTo(Corpus.read(c.resolve("expected.yaml")));
    }));
  }

  @TestFactory
  Stream<DynamicTest> renderingOpmsOwnOutputChangesNothing() {
    // opm's output is a fixed point: loading it and rendering again gives the same bytes (except where YAML
    // itself loses information: -0 is written as 0 in YAML)
    return Corpus.cases("render-fbc").stream()
        .filter(c -> !c.getFileName().toString().equals("custom-schemas-and-numbers"))
        .map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
      Path dir = Files.createTempDirectory("fbc-fixpoint");
      Files.copy(c.resolve("expected.yaml"), dir.resolve("catalog.yaml"));
      Run r = Run.inProcess("render", dir.toString(), "-o", "json");
      assertThat(r.out()).isEqualTo(Corpus.read(c.resolve("expected.json")));
    }));
  }
}
