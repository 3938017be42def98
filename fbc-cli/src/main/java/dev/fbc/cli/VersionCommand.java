package dev.fbc.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fbc.base.FbcException;
import dev.fbc.text.SafeText;
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

  @Override
  public Integer call() throws IOException {
    BuildInfo info = BuildInfo.current();
    String text = switch (output) {
      case "text" -> String.join("\n", info.lines()) + "\n";
      case "json" -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(info.fields())
          + "\n";
      default -> throw new FbcException("invalid --output value \"" + SafeText.line(output)
          + "\", expected (text|json)");
    };
    try (OutputStream out = parent.stdout()) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return 0;
  }
}
