package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of {@code conformance/validate}: fbc's verdict equals opm's, and every message of opm's output (for
 * its error trees, every leaf) appears in fbc's. Messages that come from Go's YAML/JSON decoders are fbc's own
 * wording; there the output must name the offending file.
 */
class ValidateConformanceTest {
  private static final Set<String> DECODER_MESSAGES = Set.of("json-array-file", "junk-file-without-indexignore",
      "kube-green-truncated-json-file", "kube-green-yaml-syntax-error", "stream-json-trailing-garbage");

  @TestFactory
  Stream<DynamicTest> verdictsAndMessagesMatchOpm() {
    return Corpus.cases("validate").stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
      String name = c.getFileName().toString();
      Run r = Run.inProcess("validate", c.resolve("input").toString());
      int expected = Corpus.expectedRc(c);
      assertThat(r.rc()).as(r.stderr()).isEqualTo(expected);
      assertThat(r.stdout()).isEmpty();
      if (expected == 0) {
        assertThat(r.stderr()).doesNotContain("error:");
        return;
      }
      if (DECODER_MESSAGES.contains(name)) {
        assertThat(r.stderr()).contains(c.resolve("input").toString() + "/");
        return;
      }
      String expectedText = Corpus.read(c.resolve("expected.txt"));
      for (String message : leafMessages(expectedText)) {
        assertThat(r.stderr()).contains(message);
      }
      // a bundle-level problem names its bundle with opm's own line, on the same line as the problem
      for (String leaf : bundleLeaves(expectedText)) {
        assertThat(r.stderr()).contains(leaf);
      }
      for (String line : r.stderr().strip().split("\n")) {
        if (line.contains("error:")) {
          assertThat(line).as("every error names its file and line").matches("^" + java.util.regex.Pattern.quote(
              c.resolve("input").toString()) + "/.*:[0-9]+: error: .*");
        }
      }
    }));
  }

  /** {@code invalid bundle "X": <leaf>} for every leaf under an {@code invalid bundle} line of opm's tree. */
  static List<String> bundleLeaves(String text) {
    List<String> out = new ArrayList<>();
    String[] lines = text.strip().split("\n");
    for (int i = 0; i + 1 < lines.length; i++) {
      String l = strip(lines[i]);
      if (l.startsWith("invalid bundle ") && l.endsWith(":")) {
        out.add(l + " " + strip(lines[i + 1]));
      }
    }
    return out;
  }

  private static String strip(String line) {
    String l = line;
    while (l.length() >= 4 && GLYPHS.contains(l.substring(0, 4))) {
      l = l.substring(4);
    }
    return l;
  }

  private static final List<String> GLYPHS = List.of("├── ", "└── ", "│   ", "    ");

  /** The leaves of opm's error tree, or the whole message when it is flat. */
  static List<String> leafMessages(String text) {
    String[] lines = text.strip().split("\n");
    if (!lines[0].equals("invalid index:")) {
      return List.of(lines);
    }
    List<String> leaves = new ArrayList<>();
    int[] depth = new int[lines.length];
    String[] content = new String[lines.length];
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      int d = 0;
      while (l.length() >= 4 && GLYPHS.contains(l.substring(0, 4))) {
        l = l.substring(4);
        d++;
      }
      depth[i] = d;
      content[i] = l;
    }
    for (int i = 0; i < lines.length; i++) {
      boolean hasChild = i + 1 < lines.length && depth[i + 1] > depth[i];
      if (!hasChild) {
        leaves.add(content[i]);
      }
    }
    return leaves;
  }
}
