package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fbc.base.CatalogLoadException;
import dev.fbc.Fbc;
import dev.fbc.base.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The reader accepts and rejects what opm does. The {@code stream-*}, {@code yaml-*}, {@code json-*} and
 * {@code blob-*} cases of {@code conformance/validate} fail or pass at load time, so loading alone must reach
 * opm's verdict there; every case opm finds valid must load.
 */
class LoaderConformanceTest {
  /** Load-time failures whose opm text comes from our own checks (not Go's decoders): the text must match. */
  private static final Set<String> OWN_TEXT = Set.of("stream-leading-comment-before-separator",
      "stream-newline-only-file", "stream-separator-only-file", "stream-trailing-separator-blank-line",
      "stream-whitespace-only-json-file", "yaml-alias-across-documents", "yaml-bad-document-separator",
      "yaml-comment-only-document", "blob-duplicate-keys-case-insensitive", "blob-missing-schema",
      "package-icon-invalid-base64", "yaml11-bare-n-as-name");

  private static boolean loadLevel(String name) {
    return name.startsWith("stream-") || name.startsWith("yaml") || name.startsWith("json-")
        || name.startsWith("blob-") || name.startsWith("indexignore-") || name.startsWith("junk-")
        || name.equals("empty-file-valid") || name.equals("package-icon-invalid-base64");
  }

  @TestFactory
  Stream<DynamicTest> loadTimeVerdictsMatchOpm() {
    return Corpus.cases("validate").stream().filter(c -> loadLevel(c.getFileName().toString()))
        .map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
  }

  @TestFactory
  Stream<DynamicTest> everyCatalogOpmAcceptsLoads() {
    return Corpus.cases("validate").stream().filter(c -> Corpus.expectedRc(c) == 0)
        .map(c -> DynamicTest.dynamicTest(c.getFileName().toString(),
            () -> assertThat(Fbc.load(c.resolve("input")).size()).isPositive()));
  }

  private static void check(Path c) {
    String name = c.getFileName().toString();
    Path input = c.resolve("input");
    if (Corpus.expectedRc(c) == 0) {
      assertThat(Fbc.load(input).size()).isPositive();
      return;
    }
    Throwable t = catchThrowable(() -> Fbc.load(input));
    assertThat(t).as("opm rejects this catalog while loading").isInstanceOf(CatalogLoadException.class);
    List<Problem> problems = ((CatalogLoadException) t).problems();
    assertThat(problems).isNotEmpty();
    for (Problem p : problems) {
      assertThat(p.source().file()).startsWith(input.toString());
      assertThat(p.toLine()).doesNotContain("\n");
    }
    if (OWN_TEXT.contains(name)) {
      String all = String.join("\n", problems.stream().map(Problem::toLine).toList());
      for (String line : Corpus.read(c.resolve("expected.txt")).strip().split("\n")) {
        assertThat(all).contains(line);
      }
    }
  }
}
