package dev.fbc.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code fbc version [-o text|json]}: what {@code --version} prints, or the same as JSON for bug reports. */
@Command(name = "version", mixinStandardHelpOptions = true,
    description = "Print the version, the commit it was built from and the Java runtime")
public final class VersionCommand implements Callable<Integer> {
  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "Output format (text|json) (default \"text\")", completionCandidates = Formats.class)
  String output;

  @ParentCommand
  FbcCommand parent;

  static final class Formats extends java.util.ArrayList<String> {
    Formats() {
      super(java.util.List.of("text", "json"));
    }
  }

  /** What {@code -o} chooses. */
  enum Output { TEXT, JSON }

  @Override
  public Integer call() throws IOException {
    BuildInfo info = BuildInfo.current();
    String text = switch (Choice.of(Output.class, "--output", output)) {
      case TEXT -> String.join("\n", info.lines()) + "\n";
      case JSON -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(info.fields())
          + "\n";
    };
    try (OutputStream out = parent.stdout()) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return 0;
  }
}
