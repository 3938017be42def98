package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fbc.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the fixture of the semver-template benchmark (docs/benchmarks.md) into {@code -Dfbc.bench.dir=DIR}: 500
 * bundle images, all tagged in one OCI layout ({@code DIR/layout}, tags {@code v0.<minor>.<patch>}), and
 * {@code DIR/template.yaml}, an {@code olm.semver} template listing them as {@code oci:DIR/layout:TAG}. Each bundle
 * is the real deployment-validation-operator 0.2.2 bundle of the corpus with its CSV name and version changed.
 * Runs only when the property is set (it is a generator, not a check of behaviour).
 */
@EnabledIfSystemProperty(named = "fbc.bench.dir", matches = ".+")
class SemverBenchFixture {
  static final int BUNDLES = 500;

  @Test
  void write500BundleImagesAndTheirTemplate() throws Exception {
    Path out = Path.of(System.getProperty("fbc.bench.dir")).toAbsolutePath();
    Path layout = out.resolve("layout");
    assertThat(layout).as("a fresh directory").doesNotExist();
    Path source = Corpus.conformance("render-bundle").resolve("deployment-validation-operator-0.2.2")
        .resolve("input").resolve("deployment-validation-operator-0.2.2");
    Path csvFile;
    try (Stream<Path> s = Files.list(source.resolve("manifests"))) {
      csvFile = s.filter(p -> p.toString().endsWith("clusterserviceversion.yaml")).findFirst().orElseThrow();
    }
    String csv = Files.readString(csvFile);
    String annotations = Files.readString(source.resolve("metadata").resolve("annotations.yaml"));
    StringBuilder template = new StringBuilder("schema: olm.semver\ngenerateMajorChannels: false\n"
        + "generateMinorChannels: true\nstable:\n  bundles:\n");
    Path work = out.resolve("bundles");
    for (int i = 0; i < BUNDLES; i++) {
      String version = "0." + (i / 50 + 3) + "." + (i % 50);
      Path dir = work.resolve(version);
      Files.createDirectories(dir.resolve("manifests"));
      Files.createDirectories(dir.resolve("metadata"));
      Files.writeString(dir.resolve("manifests").resolve(csvFile.getFileName()),
          csv.replace("deployment-validation-operator.v0.2.2", "deployment-validation-operator.v" + version)
              .replace("  version: 0.2.2", "  version: " + version));
      Files.writeString(dir.resolve("metadata").resolve("annotations.yaml"), annotations);
      TestImages.bundleImage(dir, layout, "v" + version);
      template.append("  - image: oci:").append(layout).append(":v").append(version).append('\n');
    }
    Files.writeString(out.resolve("template.yaml"), template);
    assertThat(layout.resolve("index.json")).exists();
  }
}
