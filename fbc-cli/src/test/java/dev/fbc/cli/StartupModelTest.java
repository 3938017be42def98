package dev.fbc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The start-up model (only the invoked subcommand built) behaves exactly as the whole model. */
class StartupModelTest {
  static Stream<List<String>> arguments() {
    return Stream.of(List.of(), List.of("--help"), List.of("-h"), List.of("--version"), List.of("--debug"),
        List.of("--debug", "--help"), List.of("-hV"), List.of("--bogus"), List.of("--", "validate"),
        List.of("valdate"), List.of("validate"), List.of("validate", "--help"), List.of("--debug", "validate", "-h"),
        List.of("validate", "--bogus"), List.of("render", "--help"), List.of("alpha"), List.of("alpha", "--help"),
        List.of("alpha", "render-graph", "--help"), List.of("list", "bundles", "--help"), List.of("help"),
        List.of("help", "validate"), List.of("help", "mirror", "plan"), List.of("mirror"), List.of("completion", "bash"),
        List.of("template", "render", "--help"), List.of("version"));
  }

  @ParameterizedTest
  @MethodSource("arguments")
  void sameOutputAndStatusAsTheWholeModel(List<String> args) {
    String[] a = args.toArray(String[]::new);
    Run lazy = Run.inProcess(a);
    Run whole = Run.inProcessWholeModel(a);
    assertThat(lazy.rc()).isEqualTo(whole.rc());
    assertThat(lazy.out()).isEqualTo(whole.out());
    assertThat(lazy.stderr()).isEqualTo(whole.stderr());
  }

  @ParameterizedTest
  @MethodSource("arguments")
  void onlyTheInvokedCommandIsBuilt(List<String> args) {
    CommandLine cl = FbcCommand.commandLine(new java.io.ByteArrayOutputStream(),
        new java.io.PrintWriter(new java.io.StringWriter()), args.toArray(String[]::new));
    long built = cl.getSubcommands().values().stream().filter(c -> c.getCommandSpec().userObject() != null).count();
    boolean whole = args.contains("help") || args.contains("completion") || args.contains("-hV")
        || args.contains("--bogus") && args.indexOf("--bogus") == 0 || args.contains("--");
    // the root's own listing needs no subcommand built, only their placeholders; a named one is built alone
    boolean named = !whole && args.stream().filter(s -> !s.startsWith("-")).findFirst()
        .filter(s -> FbcCommand.SUBCOMMANDS.stream().map(c -> c.getAnnotation(CommandLine.Command.class))
            .anyMatch(a -> a.name().equals(s) || List.of(a.aliases()).contains(s))).isPresent();
    long expected = whole ? FbcCommand.SUBCOMMANDS.size() : named ? 1 : 0;
    assertThat(built).isEqualTo(expected);
    assertThat(cl.getSubcommands()).hasSize(named ? 1 : FbcCommand.SUBCOMMANDS.size());
  }
}
