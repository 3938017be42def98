package dev.fbc;

import dev.fbc.base.CatalogLoadException;
import dev.fbc.base.LoadOptions;
import dev.fbc.base.Problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.fbc.model.Catalog;
import dev.fbc.model.UnknownBlob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile catalogs: every input is made here, at test time, and every case must end within seconds with one line
 * naming the file. The timeouts are only a safety net against a hang; the limits are what stop each case.
 */
class LoaderLimitsTest {
  private static final Duration SAFETY_NET = Duration.ofSeconds(60);
  private static final String PKG = "{\"schema\":\"olm.package\",\"name\":\"foo\"}\n";

  @TempDir
  Path tmp;

  private final List<Problem> warnings = new ArrayList<>();

  private LoadOptions options() {
    return LoadOptions.builder().warnings(warnings::add).build();
  }

  private Path file(String rel, String content) throws IOException {
    Path p = tmp.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  private Catalog load(Path dir) {
    return assertTimeoutPreemptively(SAFETY_NET, () -> Fbc.load(List.of(dir), options()));
  }

  /** The load fails with exactly one problem, of the given file; returns its line. */
  private String failsOnce(Path dir, Path file) {
    Throwable t = assertTimeoutPreemptively(SAFETY_NET, () -> catchThrowable(() -> Fbc.load(List.of(dir),
        options())));
    assertThat(t).isInstanceOf(CatalogLoadException.class);
    List<Problem> problems = ((CatalogLoadException) t).problems();
    assertThat(problems).singleElement().satisfies(p -> assertThat(p.source().file()).isEqualTo(file.toString()));
    String line = problems.get(0).toLine();
    assertThat(line).doesNotContain("\n").doesNotContain("Exception").doesNotContain("Error:")
        .doesNotContain("java.");
    return line;
  }

  private static void run(Path dir, String... command) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      // a missing tool fails on CI and skips elsewhere
      Assumptions.assumeFalse(!"true".equals(System.getenv("CI")), command[0] + " is not installed");
      throw e;
    }
    try {
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
      assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void aFifoIsSkippedWithAWarningAndNeverOpened() throws Exception {
    file("c/a.json", PKG);
    run(tmp.resolve("c"), "mkfifo", "pipe.json");
    Catalog c = load(tmp.resolve("c"));
    assertThat(c.packages()).hasSize(1);
    assertThat(warnings).singleElement().satisfies(w -> {
      assertThat(w.severity()).isEqualTo(Problem.Severity.WARNING);
      assertThat(w.toLine()).startsWith(tmp.resolve("c/pipe.json") + ": warning: skipped: not a regular file");
    });
  }

  @Test
  void aSymlinkToDevZeroIsSkippedWithAWarning() throws Exception {
    Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero");
    file("c/a.json", PKG);
    Files.createSymbolicLink(tmp.resolve("c/zero.json"), Path.of("/dev/zero"));
    Catalog c = load(tmp.resolve("c"));
    assertThat(c.packages()).hasSize(1);
    assertThat(warnings).singleElement().satisfies(w -> assertThat(w.toLine())
        .startsWith(tmp.resolve("c/zero.json") + ": warning: skipped").contains("through a symlink"));
  }

  @Test
  void anIndexignoredFifoIsNotEvenWarnedAbout() throws Exception {
    file("c/a.json", PKG);
    file("c/.indexignore", "pipe*\n");
    run(tmp.resolve("c"), "mkfifo", "pipe.json");
    assertThat(load(tmp.resolve("c")).packages()).hasSize(1);
    assertThat(warnings).isEmpty();
  }

  @Test
  void aTreeFourThousandDirectoriesDeepEndsWithOneLine() throws Exception {
    Path c = Files.createDirectories(tmp.resolve("c"));
    file("c/a.json", PKG);
    try {
      run(c, "mkdir", "-p", String.join("/", java.util.Collections.nCopies(4000, "d")));
      Throwable t = assertTimeoutPreemptively(SAFETY_NET, () -> catchThrowable(() -> Fbc.load(List.of(c),
          options())));
      // paths this deep pass PATH_MAX: the walk reports where it had to stop instead of overflowing the stack
      assertThat(t).isInstanceOf(CatalogLoadException.class);
      assertThat(((CatalogLoadException) t).problems()).singleElement()
          .satisfies(p -> assertThat(p.toLine()).contains(c.resolve("d/d/d").toString()).contains("too long")
              .doesNotContain("\n"));
    } finally {
      run(tmp, "rm", "-rf", "c");
    }
  }

  @Test
  void aTreeAThousandDirectoriesDeepIsWalkedToTheBottom() throws Exception {
    Path c = Files.createDirectories(tmp.resolve("c"));
    String deep = String.join("/", java.util.Collections.nCopies(1000, "d"));
    try {
      run(c, "mkdir", "-p", deep);
      file("c/" + deep + "/a.json", PKG);
      file("c/z.json", "{\"schema\":\"olm.package\",\"name\":\"zed\"}");
      Catalog cat = load(c);
      // WalkDir order: d/.../a.json comes before z.json
      assertThat(cat.packages()).extracting(dev.fbc.model.PackageBlob::name).containsExactly("foo", "zed");
    } finally {
      run(tmp, "rm", "-rf", "c");
    }
  }

  @Test
  void tenMebibyteScalarsLoadInLinearTime() throws IOException {
    String big = "a".repeat(10 << 20);
    file("c/a.yaml", "schema: acme.io/big\nplain: " + big + "\nquoted: \"" + big + "\"\n");
    Catalog c = load(tmp.resolve("c"));
    assertThat(c.others()).singleElement().extracting(UnknownBlob::schema).isEqualTo("acme.io/big");
  }

  @Test
  void anAliasBombOfLongScalarsIsStoppedByItsBytes() throws IOException {
    StringBuilder sb = new StringBuilder("schema: acme.io/bomb\nlong: &a \"" + "x".repeat(100_000) + "\"\nmany:\n");
    for (int i = 0; i < 10_000; i++) {
      sb.append("- *a\n"); // 10,000 copies of 100 KB: 1 GB from a 140 KB file
    }
    Path f = file("c/bomb.yaml", sb.toString());
    assertThat(failsOnce(tmp.resolve("c"), f)).contains("expands to too much data through aliases");
  }

  @Test
  void aliasesWithinTheBudgetStillWork() throws IOException {
    StringBuilder sb = new StringBuilder("schema: acme.io/ok\nlong: &a \"" + "x".repeat(1000) + "\"\nmany:\n");
    for (int i = 0; i < 100; i++) {
      sb.append("- *a\n");
    }
    file("c/ok.yaml", sb.toString());
    assertThat(load(tmp.resolve("c")).others()).hasSize(1);
  }

  @Test
  void aSelfMergingMappingIsOneLine() throws IOException {
    Path f = file("c/merge.yaml", "schema: acme.io/m\na: &a\n  b: 1\n  <<: *a\n");
    assertThat(failsOnce(tmp.resolve("c"), f)).contains("recursive alias");
  }

  @Test
  void aMillionDigitIntegerIsReadQuickly() throws IOException {
    String digits = "1" + "0".repeat(999_999);
    file("c/a.yaml", "schema: acme.io/n\nv: " + digits + "\n");
    Catalog c = load(tmp.resolve("c"));
    // go-yaml cannot make it an int or a float64, so it stays a string
    assertThat(c.others().get(0).content().toString()).contains("\"v\":\"1000000");
  }

  @Test
  void aMillionDigitIntegerInJsonIsReadQuickly() throws IOException {
    // longer than JSON numbers may be, so the first object is no JSON and the stream is read as YAML (as in opm)
    file("c/a.json", "{\"schema\":\"acme.io/n\",\"v\":1" + "0".repeat(999_999) + "}");
    assertThat(load(tmp.resolve("c")).others().get(0).content().toString()).contains("\"v\":\"1000000");
  }

  @Test
  void aNumberBeyondFloat64FailsItsFileAsInOpm() throws IOException {
    file("c/a.json", PKG);
    Path bad = file("c/b.json", "{\"schema\":\"olm.package\",\"name\":\"bar\",\"x\":1e400}\n");
    assertThat(failsOnce(tmp.resolve("c"), bad)).isEqualTo(bad + ":1: json: cannot unmarshal number 1e400 into Go "
        + "value of type float64 (hint: the number is beyond the float64 range; quote it if it is text)");
  }

  @Test
  void aNumberBeyondFloat64DeepInsideABlobIsFoundToo() throws IOException {
    Path bad = file("c/b.json", "{\"schema\":\"olm.bundle\",\"name\":\"b\",\"package\":\"p\",\"properties\":"
        + "[{\"type\":\"acme\",\"value\":{\"a\":{\"b\":[1, -2e308]}}}]}\n");
    assertThat(failsOnce(tmp.resolve("c"), bad)).contains("cannot unmarshal number -2e308");
  }

  @Test
  void numbersThatRoundToZeroOrFitStayAsTheyWere() throws IOException {
    file("c/a.json", "{\"schema\":\"acme.io/n\",\"small\":1e-400,\"max\":1.7976931348623157e308}");
    assertThat(load(tmp.resolve("c")).others()).hasSize(1);
  }

  @Test
  void deeplyNestedDocumentsAreOneLine() throws IOException {
    Path y = file("c/a.yaml", "schema: acme.io/deep\nv: " + "[".repeat(100_000) + "\n");
    assertThat(failsOnce(tmp.resolve("c"), y)).isNotEmpty();
    Path j = file("d/a.json", "{\"schema\":\"acme.io/deep\",\"v\":" + "[".repeat(100_000) + "}");
    assertThat(failsOnce(tmp.resolve("d"), j)).contains("invalid JSON").contains("nesting depth")
        .doesNotContain("StreamReadConstraints").doesNotContain("`");
  }

  @Test
  void yamlFilesHaveTheirOwnLowerLimit() throws IOException {
    Path y = file("c/a.yaml", "schema: acme.io/y\nv: " + "a".repeat(2000) + "\n");
    LoadOptions small = LoadOptions.builder().warnings(warnings::add).maxYamlFileBytes(1000).build();
    Throwable t = catchThrowable(() -> Fbc.load(List.of(tmp.resolve("c")), small));
    assertThat(((CatalogLoadException) t).problems()).singleElement().satisfies(p -> assertThat(p.toLine())
        .isEqualTo(y + ": file is more than the limit of 1000 bytes (hint: raise LoadOptions.maxYamlFileBytes if the"
            + " file is genuine)"));
    // a JSON stream is not held whole, so the YAML limit does not apply to it
    file("d/a.json", "{\"schema\":\"acme.io/j\",\"v\":\"" + "a".repeat(2000) + "\"}");
    assertThat(Fbc.load(List.of(tmp.resolve("d")), small).others()).hasSize(1);
  }

  @Test
  void indexignorePatternsAreLinearAndNeverFail() throws IOException {
    // a backtracking regex takes exponential time on this pattern against this name
    String name = "a".repeat(200) + ".json";
    file("c/" + name, PKG);
    file("c/.indexignore", "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b\n[z-a]\n");
    assertThat(load(tmp.resolve("c")).packages()).hasSize(1);
    assertThat(warnings).isEmpty();
  }

  @Test
  void aMalformedIndexignorePatternIsAWarningWithItsLine() throws IOException {
    file("c/a.json", PKG);
    Path ignore = file("c/.indexignore", "# comment\nb.json\n[\n");
    file("c/b.json", "not loaded");
    Catalog c = load(tmp.resolve("c"));
    assertThat(c.packages()).hasSize(1);
    assertThat(warnings).singleElement().satisfies(w -> assertThat(w.toLine())
        .startsWith(ignore + ":3: warning: pattern \"[\" is malformed and never matches"));
  }
}
