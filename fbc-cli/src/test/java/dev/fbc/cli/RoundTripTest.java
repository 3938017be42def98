package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fbc.base.CatalogLoadException;
import dev.fbc.Fbc;
import dev.fbc.base.LoadOptions;
import dev.fbc.base.OutputFormat;
import dev.fbc.base.WriteOptions;
import dev.fbc.model.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading and writing losslessly keeps everything: for every real catalog in the corpus and the bench archives,
 * load, write (JSON and YAML), load again, and compare the models.
 */
class RoundTripTest {
  @TempDir
  static Path tmp;

  private static final List<String> KINDS = List.of("render-fbc", "validate", "prune", "graph", "list", "migrate");

  static List<Path> corpusCatalogs() throws IOException {
    List<Path> dirs = new ArrayList<>();
    for (String kind : KINDS) {
      Path k = Corpus.conformance(kind);
      if (!Files.isDirectory(k)) {
        continue;
      }
      for (Path c : Corpus.cases(kind)) {
        if (Files.isDirectory(c.resolve("input"))) {
          dirs.add(c.resolve("input"));
        }
      }
    }
    return dirs;
  }

  @TestFactory
  Stream<DynamicTest> corpusCatalogsSurviveALosslessRoundTrip() throws IOException {
    return corpusCatalogs().stream().map(dir -> DynamicTest.dynamicTest(
        dir.getParent().getParent().getFileName() + "/" + dir.getParent().getFileName(), () -> {
          Catalog c;
          try {
            c = Fbc.load(dir);
          } catch (CatalogLoadException e) {
            // only the validate cases that opm itself rejects while loading may fail here
            assertThat(dir.toString()).contains("/validate/");
            assertThat(Corpus.expectedRc(dir.getParent())).isEqualTo(1);
            return;
          }
          roundTrip(c, OutputFormat.JSON);
          roundTrip(c, OutputFormat.YAML);
        }));
  }

  @TestFactory
  Stream<DynamicTest> benchCatalogsSurviveALosslessRoundTrip() throws Exception {
    Path bench = Corpus.shared().resolve("bench");
    List<Path> archives;
    try (Stream<Path> s = Files.list(bench)) {
      archives = s.filter(p -> p.toString().endsWith(".tar.xz")).sorted(Comparator.comparing(Path::toString))
          .toList();
    }
    assertThat(archives).isNotEmpty();
    return archives.stream().map(a -> DynamicTest.dynamicTest(a.getFileName().toString(), () -> {
      Path dir = Files.createTempDirectory(tmp, "bench");
      Process p = new ProcessBuilder("tar", "-xJf", a.toString(), "-C", dir.toString()).inheritIO().start();
      assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("tar -xJf " + a).isZero();
      Path root;
      try (Stream<Path> s = Files.list(dir)) {
        root = s.filter(Files::isDirectory).findFirst().orElseThrow();
      }
      Catalog c = Fbc.load(root);
      assertThat(c.bundles()).isNotEmpty();
      roundTrip(c, OutputFormat.JSON);
      if (c.size() < 5000) {
        roundTrip(c, OutputFormat.YAML);
      }
      deleteTree(dir);
    }));
  }

  private static void roundTrip(Catalog c, OutputFormat format) throws IOException {
    Path out = Files.createTempDirectory(tmp, "rt").resolve(format == OutputFormat.JSON ? "c.json" : "c.yaml");
    Fbc.writeFile(c, out, WriteOptions.builder().format(format).lossless(true).build());
    Catalog back = Fbc.load(List.of(out), LoadOptions.defaults());
    assertThat(back.size()).isEqualTo(c.size());
    for (int i = 0; i < c.size(); i++) {
      assertThat(back.blobs().get(i).withSource(dev.fbc.base.Source.NONE))
          .as("blob %d (%s) after a %s round trip", i, c.blobs().get(i).source(), format)
          .isEqualTo(c.blobs().get(i).withSource(dev.fbc.base.Source.NONE));
    }
    Files.delete(out);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
