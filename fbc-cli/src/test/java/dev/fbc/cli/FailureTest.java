package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class FailureTest {
  private static String commandOf(String... args) {
    var cl = FbcCommand.commandLine(new ByteArrayOutputStream(), new PrintWriter(new StringWriter()));
    return FbcCommand.commandName(cl.parseArgs(args));
  }

  @Test
  void aFailureNamesTheCommandWithItsParents() {
    assertThat(commandOf("validate", "dir")).isEqualTo("validate");
    assertThat(commandOf("generate", "dockerfile", "dir")).isEqualTo("generate dockerfile");
    assertThat(commandOf("mirror", "plan", "dir", "--to", "docker://m.example", "--output-dir", "out"))
        .isEqualTo("mirror plan");
  }

  @Test
  void anUnexpectedFailureIsOneLineInWordsWithTheCommandsName() {
    StringWriter err = new StringWriter();
    Failure.report(new IOException("disk full"), "mirror plan", false, new PrintWriter(err));
    assertThat(err.toString()).startsWith("fbc mirror plan: ").contains("disk full").doesNotContain("IOException")
        .hasLineCount(1);
    StringWriter root = new StringWriter();
    Failure.report(new IOException("x"), "", false, new PrintWriter(root));
    assertThat(root.toString()).startsWith("fbc: ");
  }
}
