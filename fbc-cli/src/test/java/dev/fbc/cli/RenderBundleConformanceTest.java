package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** {@code fbc render <bundle-dir>... [flags]} against every case of {@code conformance/render-bundle}, byte for byte. */
class RenderBundleConformanceTest {

  @TestFactory
  Stream<DynamicTest> bundleDirectoriesRenderByteIdenticalToOpm() {
    return Corpus.cases("render-bundle").stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(),
        () -> {
          List<String> args = new ArrayList<>();
          for (String a : Corpus.read(c.resolve("args.txt")).split("\n")) {
            if (a.isEmpty()) {
              continue;
            }
            // the recorded command ran in the case folder; the output holds no paths
            args.add(a.startsWith("input/") ? c.resolve(a).toString() : a);
          }
          Run r = Run.inProcess(args.toArray(new String[0]));
          assertThat(r.stderr()).isEmpty();
          assertThat(r.rc()).isEqualTo(Corpus.expectedRc(c));
          Path expected = Files.exists(c.resolve("expected.json")) ? c.resolve("expected.json")
              : c.resolve("expected.yaml");
          assertThat(r.out()).isEqualTo(Files.readString(expected));
        }));
  }
}
