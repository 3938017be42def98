package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fbc completion bash|zsh|fish}: the scripts parse, and the shells complete with them. */
class CompletionTest {
  @TempDir
  Path dir;

  private Path script(String shell) throws Exception {
    Run r = Run.inProcess("completion", shell);
    assertThat(r.rc()).as(r.stderr()).isZero();
    Path p = dir.resolve("fbc." + shell);
    Files.write(p, r.stdout());
    return p;
  }

  /** What bash's completion function offers for the words typed so far (the last one being completed). */
  private List<String> bash(Path script, String... words) throws Exception {
    StringBuilder array = new StringBuilder();
    for (String w : words) {
      array.append(" '").append(w).append("'");
    }
    String line = String.join(" ", words);
    String code = "source \"$1\"; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1) + "; COMP_LINE='"
        + line + "'; COMP_POINT=" + line.length() + "; _complete_fbc; printf '%s\\n' \"${COMPREPLY[@]}\"";
    ShellTool r = ShellTool.run(dir, Map.of(), "bash", "-c", code, "bash", script.toString()).ok();
    return r.out().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  @Test
  void bashScriptParsesAndCompletesSubcommandsFlagsAndValues() throws Exception {
    ShellTool.require("bash");
    Path script = script("bash");
    ShellTool.run(dir, Map.of(), "bash", "-n", script.toString()).ok();
    assertThat(bash(script, "fbc", "pr")).containsExactly("prune");
    assertThat(bash(script, "fbc", "ver")).containsExactly("version");
    assertThat(bash(script, "fbc", "validate", "--sch")).containsExactly("--schemas");
    assertThat(bash(script, "fbc", "completion", "")).containsExactlyInAnyOrder("bash", "zsh", "fish");
    assertThat(bash(script, "fbc", "render", "-o", "")).containsExactlyInAnyOrder("json", "yaml");
    assertThat(bash(script, "fbc", "template", "sem")).containsExactly("semver");
  }

  @Test
  void zshGetsTheBashScriptThatEnablesBashCompatibility() throws Exception {
    String zsh = Files.readString(script("zsh"), StandardCharsets.UTF_8);
    assertThat(zsh).isEqualTo(Files.readString(script("bash"), StandardCharsets.UTF_8));
    assertThat(zsh).contains("bashcompinit").contains("complete -F _complete_fbc");
  }

  @Test
  void fishScriptParsesAndCompletes() throws Exception {
    ShellTool.require("fish");
    Path script = script("fish");
    ShellTool.run(dir, Map.of(), "fish", "-n", script.toString()).ok();
    String code = "source $argv[1]; complete -C 'fbc pr'; echo ==; complete -C 'fbc completion '; echo ==;"
        + " complete -C 'fbc validate --q'; echo ==; complete -C 'fbc render -o '; echo ==;"
        + " complete -C 'fbc template sem'";
    // HOME in the scratch directory: fish writes its history and universal variables there
    ShellTool r = ShellTool.run(dir, Map.of("HOME", dir.toString(), "XDG_CONFIG_HOME", dir.resolve("cfg").toString(),
        "XDG_DATA_HOME", dir.resolve("data").toString()), "fish", "-c", code, script.toString()).ok();
    List<List<String>> parts = java.util.Arrays.stream(r.out().split("==\n", -1))
        .map(p -> p.lines().map(l -> l.split("\t")[0]).toList()).toList();
    assertThat(parts.get(0)).containsExactly("prune");
    assertThat(parts.get(1)).containsExactlyInAnyOrder("bash", "zsh", "fish");
    assertThat(parts.get(2)).containsExactly("--quiet");
    assertThat(parts.get(3)).containsExactlyInAnyOrder("json", "yaml");
    assertThat(parts.get(4)).containsExactly("semver");
  }

  @Test
  void unknownShellIsOneClearLine() {
    Run r = Run.inProcess("completion", "tcsh");
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.stderr().strip()).isEqualTo("unknown shell \"tcsh\", expected bash, zsh or fish");
  }
}
