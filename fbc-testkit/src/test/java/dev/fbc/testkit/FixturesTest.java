package dev.fbc.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fbc.Fbc;
import dev.fbc.model.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixturesTest {
  @TempDir
  Path tmp;

  /** Entries of the JVM's temporary directory that a fixture could have left (every fbc one starts so). */
  private static List<String> fixtureLeftovers() throws IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("fbc-minio")).sorted().toList();
    }
  }

  @Test
  void minioOperatorLeavesNothingOnDisk() throws IOException {
    List<String> before = fixtureLeftovers();
    for (int i = 0; i < 3; i++) {
      Catalog c = Fixtures.minioOperator();
      assertThat(c.findPackage("minio-operator").orElseThrow().defaultChannel()).isEqualTo("preview");
      assertThat(c.bundles()).singleElement().satisfies(b -> assertThat(b.name()).isEqualTo("minio-operator.v5.0.10"));
    }
    assertThat(fixtureLeftovers()).isEqualTo(before);
  }

  @Test
  void minioOperatorDirWritesWhereTheCallerSays() {
    Path dir = Fixtures.minioOperatorDir(tmp);
    assertThat(dir).startsWith(tmp);
    assertThat(dir.resolve("minio-operator/index.yaml")).isRegularFile();
    assertThat(Fbc.load(dir).withoutSources()).isEqualTo(Fixtures.minioOperator());
  }
}
