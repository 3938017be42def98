package dev.fbc.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fbc.base.Problem;
import dev.fbc.base.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SafeTextTest {
  @Test
  void controlAndBidiCharactersAreEscaped() {
    assertThat(SafeText.escape("a\u001b[31mb\r\n\tc\u007f\u0000\u0085\u009b\u202a\u202e\u2066\u2069d"))
        .isEqualTo("a\\x1b[31mb\\r\\n\\tc\\x7f\\x00\\x85\\x9b\\u202a\\u202e\\u2066\\u2069d");
  }

  @Test
  void safeTextIsUnchangedAndEscapingIsIdempotent() {
    String s = "etcd.v0.9.4 ünïcödé 🙂 \\n stays";
    assertThat(SafeText.escape(s)).isSameAs(s);
    String once = SafeText.escape("x\ny\u001b");
    assertThat(SafeText.escape(once)).isEqualTo(once);
  }

  @Test
  void aHugeValueIsCutWithTheCountOfWhatIsLeftOut() {
    String huge = "a".repeat(20 << 20);
    String v = SafeText.value(huge);
    assertThat(v).startsWith("a".repeat(SafeText.MAX_VALUE) + "…(")
        .endsWith("(" + ((20 << 20) - SafeText.MAX_VALUE) + " more bytes)");
    assertThat(v.length()).isLessThan(SafeText.MAX_VALUE + 40);
    // multi-byte text is counted in UTF-8 bytes, and a surrogate pair is never split
    String emoji = "🙂".repeat(150);
    String cut = SafeText.cut(emoji, 201);
    assertThat(cut).startsWith("🙂".repeat(100) + "…(").endsWith("(200 more bytes)");
  }

  @Test
  void aHugeWordInsideALineIsCutButTheRestOfTheLineStays() {
    String line = SafeText.line("unknown package \"" + "b".repeat(5_000_000) + "\" for channel \"stable\"");
    assertThat(line).startsWith("unknown package \"" + "b".repeat(SafeText.MAX_WORD - 1) + "…(")
        .endsWith(" more bytes) for channel \"stable\"");
    assertThat(line.length()).isLessThan(SafeText.MAX_WORD + 80);
    String spaced = SafeText.line("word ".repeat(1_000_000));
    assertThat(spaced).endsWith("…(" + (5_000_000 - SafeText.MAX_LINE) + " more bytes)");
  }

  @Test
  void longListsShowTheFirstNamesAndCountTheRest() {
    List<String> names = new ArrayList<>();
    IntStream.range(0, 50_000).forEach(i -> names.add("p.v" + i));
    String s = SafeText.names(names, ", ");
    assertThat(s).startsWith("p.v0, p.v1, ").endsWith(", p.v19, and 49980 more");
    assertThat(SafeText.names(List.of("a", "b"), " or ", "\"")).isEqualTo("\"a\" or \"b\"");
    assertThat(SafeText.names(List.of("a\nb"), ", ")).isEqualTo("a\\nb");
  }

  @Test
  void aMessageHasAFullAndAShortForm() {
    List<String> names = IntStream.range(0, 100).mapToObj(i -> "n" + i).toList();
    Message m = new Message().text("stranded: ").names(names, ", ").text(" in ").value("x\u001b");
    assertThat(m.full()).isEqualTo("stranded: " + String.join(", ", names) + " in x\u001b");
    assertThat(m.shown()).isEqualTo("stranded: " + String.join(", ", names.subList(0, 20)) + ", and 80 more in x\\x1b");
  }

  @Test
  void problemLinesAreEscapedAndBounded() {
    Problem p = new Problem("r", Problem.Severity.ERROR, new Source("dir/a\nfbc validate: 0 errors\n.json", 3),
        "bad \u001b]0;title\u0007 " + "z".repeat(20 << 20), "hint\r");
    String line = p.toLine();
    assertThat(line).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u001b").doesNotContain("\u0007")
        .startsWith("dir/a\\nfbc validate: 0 errors\\n.json:3: bad \\x1b]0;title\\x07 zzz")
        .contains("more bytes)").endsWith("(hint: hint\\r)");
    assertThat(line.length()).isLessThan(SafeText.MAX_LINE + 200);
    assertThat(p.message()).hasSize(p.message().length()).contains("\u001b"); // the record keeps the full text
  }

  @Test
  void safeFileNames() {
    assertThat(FileNames.problem("etcd")).isEmpty();
    assertThat(FileNames.problem("..")).isPresent();
    assertThat(FileNames.problem(".")).isPresent();
    assertThat(FileNames.problem("")).isPresent();
    assertThat(FileNames.problem("a/b")).get().asString().contains("'/'");
    assertThat(FileNames.problem("a\\b")).isPresent();
    assertThat(FileNames.problem("a\u0000b")).get().asString().contains("NUL");
  }
}
