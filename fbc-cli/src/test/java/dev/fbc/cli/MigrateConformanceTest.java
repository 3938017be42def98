package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every case of {@code conformance/migrate}, run as opm ran it: a real process whose working directory is a copy of
 * the case folder (migrate writes {@code out/}, and the corpus is read-only). The written tree, stdout and exit
 * status must be opm's byte for byte; stderr too, apart from fbc's {@code warning:} line about the blobs opm
 * v1.54 silently leaves out.
 */
class MigrateConformanceTest {
  @TempDir
  Path tmp;

  @TestFactory
  Stream<DynamicTest> migrateIsByteIdenticalToOpm() {
    return Corpus.cases("migrate").stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
      Path work = tmp.resolve(c.getFileName().toString());
      copy(c, work);
      List<String> args = Corpus.read(c.resolve("args.txt")).lines().filter(a -> !a.isEmpty()).toList();
      Map<String, String> before = tree(work.resolve("out"));
      Run r = Run.process(work, args);
      assertThat(r.rc()).as(r.stderr()).isEqualTo(Corpus.expectedRc(c));
      Path expectedTree = c.resolve("expected");
      if (Files.isDirectory(expectedTree)) {
        assertThat(tree(work.resolve("out"))).isEqualTo(tree(expectedTree));
      } else {
        assertThat(tree(work.resolve("out"))).as("nothing written").isEqualTo(before);
      }
      String stdout = "";
      for (String name : List.of("expected.json", "expected.yaml")) {
        if (Files.exists(c.resolve(name))) {
          stdout = Corpus.read(c.resolve(name));
        }
      }
      assertThat(r.out()).isEqualTo(stdout);
      Path err = c.resolve("expected.stderr");
      String opmLines = r.stderr().lines().filter(l -> !l.startsWith("warning: "))
          .collect(Collectors.joining("\n", "", r.stderr().isEmpty() ? "" : "\n"));
      assertThat(opmLines).isEqualTo(Files.exists(err) ? Corpus.read(err) : "");
      if (c.getFileName().toString().equals("multi-package-with-deprecations-and-others")) {
        assertThat(r.stderr()).contains("warning: ").contains("1 olm.deprecations").contains("example.com.notes");
      } else {
        assertThat(r.stderr()).doesNotContain("warning: ");
      }
    }));
  }

  /** Relative path -> content of every file under {@code dir} (empty when it does not exist). */
  static Map<String, String> tree(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), Files.readString(p));
      }
    }
    return out;
  }

  /** A writable copy of a case folder. */
  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      s.forEach(p -> {
        Path t = to.resolve(from.relativize(p).toString());
        try {
          if (Files.isDirectory(p)) {
            Files.createDirectories(t);
          } else {
            Files.copy(p, t);
            t.toFile().setWritable(true);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
