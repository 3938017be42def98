package dev.fbc.cli;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The opm conformance corpus and bench catalogs in {@code ../shared} ({@code ../shared/conformance},
 * {@code ../shared/bench}). Outside CI a missing corpus skips the tests
 * that need it; in CI ({@code CI=true}) it fails them, since a skipped conformance test would hide a hole.
 */
final class Corpus {
  private Corpus() {}

  static Path shared() {
    String prop = System.getProperty("fbc.shared.dir");
    Path dir = prop != null ? Path.of(prop) : Path.of("..", "..", "shared");
    if (!Files.isDirectory(dir.resolve("conformance"))) {
      Prerequisites.require("the conformance tests", List.of(dir.toAbsolutePath().normalize() + "/conformance"),
          "opm's recorded outputs beside the checkout, or -Dfbc.shared.dir=DIR");
    }
    return dir.toAbsolutePath().normalize();
  }

  static Path conformance(String kind) {
    return shared().resolve("conformance").resolve(kind);
  }

  /** The case folders of one kind, sorted. */
  static List<Path> cases(String kind) {
    try (Stream<Path> s = Files.list(conformance(kind))) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int expectedRc(Path caseDir) {
    return Integer.parseInt(read(caseDir.resolve("expected.rc")).strip());
  }
}
