package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fbc.base.FbcException;
import org.junit.jupiter.api.Test;

class ChoiceTest {
  @Test
  void aWordIsReadIntoItsConstant() {
    assertThat(Choice.of(GraphCommand.Format.class, "--format", "svg")).isEqualTo(GraphCommand.Format.SVG);
    assertThat(Choice.of(DiffCommand.Output.class, "--output", "markdown")).isEqualTo(DiffCommand.Output.MARKDOWN);
    // an underscore in the constant is a dash on the command line
    assertThat(Choice.of(dev.fbc.mirror.MirrorPlan.Naming.class, "--naming", "oc-adm"))
        .isEqualTo(dev.fbc.mirror.MirrorPlan.Naming.OC_ADM);
  }

  @Test
  void anyOtherWordIsOneLineNamingTheOptionAndTheWords() {
    // the constant's own spelling is not a word of the command line
    assertThatThrownBy(() -> Choice.of(DiffCommand.Output.class, "--output", "JSON"))
        .isInstanceOf(FbcException.class)
        .hasMessage("invalid --output value \"JSON\", expected (text|json|markdown)");
    assertThatThrownBy(() -> Choice.of(ExplainCommand.Output.class, "-o", "a\nb"))
        .hasMessageNotContaining("\n");
  }
}
