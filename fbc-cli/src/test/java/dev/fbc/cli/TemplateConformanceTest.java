package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fbc.testkit.TestImages;
import dev.fbc.testkit.TestRegistry;
import dev.fbc.testkit.TestRegistry.Auth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every case of {@code conformance/template}, run as opm ran it: a real process in the case folder with the
 * recorded arguments. The bundle images ({@code localhost:5000/...} in images.txt) are built from the case's
 * {@code bundles/} folder, pushed to a real docker-registry on loopback, and reached through a registries.conf
 * that redirects {@code localhost:5000} there, so the rendered {@code image} fields are opm's.
 */
class TemplateConformanceTest {
  private static final String RECORDED_REGISTRY = "localhost:5000";

  @TempDir
  static Path tmp;

  private static TestRegistry registry;
  private static Path registriesConf;

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  /** Starts the registry and pushes every image the cases name (once per reference). */
  private static Path registriesConf() throws Exception {
    if (registriesConf != null) {
      return registriesConf;
    }
    Prerequisites.registryTools("template image cases", TestRegistry.Auth.NONE, false);
    registry = TestRegistry.start(tmp, Auth.NONE, false);
    Map<String, Path> images = new LinkedHashMap<>();
    for (Path c : Corpus.cases("template")) {
      Path list = c.resolve("images.txt");
      if (Files.exists(list)) {
        for (String line : Files.readAllLines(list)) {
          String[] parts = line.strip().split("\\s+");
          if (parts.length == 2) {
            images.putIfAbsent(parts[0], c.resolve(parts[1]));
          }
        }
      }
    }
    Path layout = tmp.resolve("layout");
    int i = 0;
    for (Map.Entry<String, Path> e : images.entrySet()) {
      String tag = "t" + i++;
      TestImages.bundleImage(e.getValue(), layout, tag);
      registry.push(layout, tag, e.getKey().substring(RECORDED_REGISTRY.length() + 1), false, false);
    }
    registriesConf = tmp.resolve("registries.conf");
    Files.writeString(registriesConf, "# the recorded registry, served here by a test registry\n[[registry]]\n"
        + "prefix = \"" + RECORDED_REGISTRY + "\"\nlocation = \"" + registry.host() + "\"\n");
    return registriesConf;
  }

  @TestFactory
  Stream<DynamicTest> templatesRenderAsOpmDoes() {
    return Corpus.cases("template").stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
      List<String> args = new ArrayList<>();
      for (String a : Corpus.read(c.resolve("args.txt")).split("\n")) {
        if (!a.isEmpty()) {
          args.add(a);
        }
      }
      if (Files.exists(c.resolve("images.txt"))) {
        args.addAll(List.of("--registries-conf", registriesConf().toString(), "--no-cache"));
      }
      Run r = Run.process(c, args);
      assertThat(r.rc()).as(r.stderr()).isEqualTo(Corpus.expectedRc(c));
      for (String name : List.of("expected.json", "expected.yaml")) {
        Path expected = c.resolve(name);
        if (Files.exists(expected)) {
          if (!r.out().equals(Files.readString(expected))) {
            // kept for a diff by hand: the assertion message of a large catalog is unreadable
            Path actual = Path.of("target", "template-actual", c.getFileName() + "-" + name);
            Files.createDirectories(actual.getParent());
            Files.write(actual, r.stdout());
          }
          assertThat(r.out()).isEqualTo(Files.readString(expected));
          assertThat(r.stderr()).isEmpty();
        }
      }
      if (Files.exists(c.resolve("expected.txt"))) {
        // opm's help text is cobra's; fbc prints its own usage, which must offer both template types
        assertThat(r.out()).contains("basic").contains("semver");
      }
      Path stderr = c.resolve("expected.stderr");
      if (Files.exists(stderr)) {
        List<String> accepted = new ArrayList<>(List.of(Files.readString(stderr).stripTrailing()));
        Path alt = c.resolve("expected.stderr.alt");
        if (Files.exists(alt)) {
          accepted.add(Files.readString(alt).stripTrailing());
        }
        // fbc prints one line per error (a line break inside opm's message shows as \n), so each of opm's lines
        // must be there
        assertThat(accepted).as("stderr was: " + r.stderr()).anyMatch(text -> text.lines()
            .allMatch(r.stderr()::contains));
        assertThat(r.stderr().strip().lines()).as("one line per error").hasSize(1);
        String template = args.get(3);
        assertThat(r.stderr()).as("names the template file and line").containsPattern(
            java.util.regex.Pattern.quote(template) + ":[0-9]+: ");
        assertThat(r.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.stdout()).isEmpty();
      }
    }));
  }
}
