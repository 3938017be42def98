package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Human output cannot be steered by input: names and paths with control characters are escaped, huge values
 * and long lists are cut, failures are one line without Java class names, and {@code merge --output-dir}
 * refuses unsafe package names before writing anything.
 */
class OutputSafetyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  private static final String PACKAGE = "{\"schema\":\"olm.package\",\"name\":\"%s\",\"defaultChannel\":\"stable\"}\n";

  private static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private static List<String> lines(String s) {
    return s.lines().toList();
  }

  @Test
  void aFileNameWithANewlineCannotForgeTheSummaryLine() throws IOException {
    Path dir = tmp.resolve("catalog");
    // an error in a file whose name carries its own "all is well" line
    String forged = "x\nfbc validate: 0 errors, 0 warnings\n\rfbc validate: 0 errors\n.json";
    write(dir.resolve(forged), "{\"schema\":\"olm.channel\",\"package\":\"nope\",\"name\":\"stable\","
        + "\"entries\":[{\"name\":\"nope.v1.0.0\"}]}\n");
    Run r = Run.inProcess("validate", dir.toString());
    assertThat(r.rc()).isEqualTo(1);
    assertThat(lines(r.stderr())).noneMatch(l -> l.startsWith("fbc validate: 0 errors"))
        .anyMatch(l -> l.startsWith("fbc validate: 1 error"));
    assertThat(r.stderr()).contains("x\\nfbc validate: 0 errors, 0 warnings\\n\\rfbc validate: 0 errors\\n.json")
        .doesNotContain("\r");
  }

  @Test
  void anEscapeSequenceInAPackageNameIsShownEscaped() throws IOException {
    Path dir = tmp.resolve("catalog");
    write(dir.resolve("p.json"), String.format(PACKAGE, "evil\\u001b[2J\\u009b31m\\u202egnp"));
    Run r = Run.inProcess("validate", dir.toString());
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.stderr()).contains("evil\\x1b[2J\\x9b31m\\u202egnp")
        .doesNotContain("\u001b").doesNotContain("\u009b").doesNotContain("\u202e");
  }

  @Test
  void aTwentyMegabyteValueStaysOutOfTheErrorLine() throws IOException {
    Path dir = tmp.resolve("catalog");
    String huge = "a".repeat(20 << 20);
    write(dir.resolve("c.json"), "{\"schema\":\"olm.channel\",\"package\":\"" + huge + "\",\"name\":\"stable\","
        + "\"entries\":[{\"name\":\"b.v1.0.0\"}]}\n");
    Run r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Run.inProcess("validate", dir.toString()));
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.stderr().length()).isLessThan(10_000);
    assertThat(lines(r.stderr())).allMatch(l -> l.length() < 3_000);
    assertThat(r.stderr()).contains("more bytes)");
  }

  @Test
  void fiftyThousandMissingNamesAreSummarisedOnTheLineButKeptInJson() throws IOException {
    Path dir = tmp.resolve("catalog");
    StringBuilder sb = new StringBuilder(String.format(PACKAGE, "p"));
    sb.append("{\"schema\":\"olm.channel\",\"package\":\"p\",\"name\":\"stable\",\"entries\":[");
    int n = 50_000;
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"name\":\"p.v1.0.").append(i).append('"')
          .append(i == 0 ? "" : ",\"replaces\":\"p.v1.0." + (i - 1) + "\"").append('}');
    }
    sb.append("]}\n");
    write(dir.resolve("p.json"), sb.toString());
    Run r = Run.inProcess("validate", dir.toString());
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.stderr()).contains("for olm.channel entries [p.v1.0.0 p.v1.0.1 ").contains(" and 49980 more]");
    assertThat(lines(r.stderr())).allMatch(l -> l.length() < 3_000);

    Run json = Run.inProcess("validate", "-o", "json", dir.toString());
    JsonNode problems = JSON.readTree(json.stdout()).get("problems");
    String message = problems.get(0).get("message").asText();
    assertThat(message).contains("p.v1.0.49999").doesNotContain("more");
  }

  @ParameterizedTest
  @ValueSource(strings = {"zz\\u0000evil", "..", "zz/evil", "."})
  void mergeRefusesAnUnsafePackageNameBeforeWritingAnything(String badJson) throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    // the good package sorts first, so a writer that checked names as it went would already have written it
    write(a.resolve("aaa.json"), String.format(PACKAGE, "aaa")
        + "{\"schema\":\"olm.channel\",\"package\":\"aaa\",\"name\":\"stable\",\"entries\":[{\"name\":\"aaa.v1.0.0\"}]}\n"
        + "{\"schema\":\"olm.bundle\",\"package\":\"aaa\",\"name\":\"aaa.v1.0.0\",\"image\":\"quay.io/a/b:v1\","
        + "\"properties\":[{\"type\":\"olm.package\",\"value\":{\"packageName\":\"aaa\",\"version\":\"1.0.0\"}}]}\n");
    write(b.resolve("bad.json"), String.format(PACKAGE, badJson));
    Path out = tmp.resolve("out");
    Run r = Run.inProcess("merge", "--output-dir", out.toString(), a.toString(), b.toString());
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.stderr()).contains("invalid package name").doesNotContain("\u0000")
        .doesNotContain("Exception");
    assertThat(out).satisfiesAnyOf(o -> assertThat(o).doesNotExist(), o -> assertThat(o).isEmptyDirectory());
    try (Stream<Path> s = Files.walk(tmp)) {
      assertThat(s.filter(p -> p.getFileName().toString().contains("evil"))).isEmpty();
    }
  }

  @Test
  void failuresAreOneLineAndDebugAddsTheTrace() {
    Path missing = tmp.resolve("missing\u001b[0m");
    Run plain = Run.inProcess("validate", missing.toString());
    assertThat(plain.rc()).isEqualTo(1);
    assertThat(lines(plain.stderr())).hasSize(1);
    assertThat(plain.stderr()).contains("no such file or directory").contains("missing\\x1b[0m")
        .doesNotContain("Exception").doesNotContain("at dev.fbc");

    for (List<String> args : List.of(List.of("--debug", "validate", missing.toString()),
        List.of("validate", "--debug", missing.toString()))) {
      Run debug = Run.inProcess(args.toArray(String[]::new));
      assertThat(debug.rc()).isEqualTo(1);
      assertThat(lines(debug.stderr()).get(0)).isEqualTo(lines(plain.stderr()).get(0));
      assertThat(debug.stderr()).contains("at dev.fbc");
    }
  }

  @Test
  void javaErrorsAreNamedInWordsNotByClass() {
    for (Throwable t : List.of(new StackOverflowError(), new OutOfMemoryError("Java heap space"),
        new NoClassDefFoundError("dev/fbc/Missing"), new IllegalStateException("java.lang.Foo broke"))) {
      StringWriter sw = new StringWriter();
      Failure.report(t, "validate", false, new PrintWriter(sw));
      String s = sw.toString();
      assertThat(lines(s)).hasSize(1);
      assertThat(s).startsWith("fbc validate: ").doesNotContain("Error").doesNotContain("Exception")
          .doesNotContain("java.").doesNotContain("dev/fbc");
    }
    StringWriter sw = new StringWriter();
    Failure.report(new StackOverflowError(), "render", true, new PrintWriter(sw));
    assertThat(sw.toString()).startsWith("fbc render: input nested too deeply").contains("StackOverflowError");
  }

  @Test
  void anErrorInsideACommandIsReportedByTheTopLevelHandler() throws IOException {
    // JSON nested far deeper than any stack: whether the reader refuses it or overflows, the user sees one line
    Path dir = tmp.resolve("catalog");
    int depth = 2_000_000;
    write(dir.resolve("deep.json"), "{\"schema\":\"x.deep\",\"v\":" + "[".repeat(depth) + "]".repeat(depth) + "}\n");
    Run r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Run.inProcess("validate", dir.toString()));
    assertThat(r.stderr()).doesNotContain("Exception").doesNotContain("Error:").doesNotContain("at dev.fbc")
        .doesNotContain("java.lang");
    assertThat(new String(r.stdout(), StandardCharsets.UTF_8)).isEmpty();
  }
}
