package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A reference that looks like a path is a path: when nothing is there, the error says so in one line. */
class RenderReferenceTest {
  @ParameterizedTest
  @ValueSource(strings = {"./no-such-dir", "../no-such-dir-either", "/no/such/dir", "./a/b"})
  void aMissingPathIsNoSuchFileOrDirectory(String ref) {
    Run r = Run.inProcess("render", ref);
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.stderr().strip().lines()).hasSize(1);
    assertThat(r.stderr().strip()).endsWith(ref + ": no such file or directory").doesNotContain("URI");
  }
}
