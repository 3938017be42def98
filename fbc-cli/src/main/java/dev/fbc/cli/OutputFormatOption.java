package dev.fbc.cli;

import dev.fbc.base.OutputFormat;
import picocli.CommandLine.Option;

/** {@code -o/--output json|yaml}, shared by the commands that print catalogs. */
public final class OutputFormatOption {
  @Option(names = {"-o", "--output"}, defaultValue = "json", paramLabel = "FORMAT", completionCandidates = Formats.class,
      description = "Output format (json|yaml) (default \"json\")")
  String output;

  /** What shell completion offers for {@code -o}. */
  static final class Formats extends java.util.ArrayList<String> {
    Formats() {
      super(java.util.List.of("json", "yaml"));
    }
  }

  OutputFormat format() {
    return parse(output);
  }

  /** The format named by {@code -o}, with opm's error text for any other value. */
  static OutputFormat parse(String value) {
    return OutputFormat.find(value).orElseThrow(() -> new dev.fbc.base.FbcException("invalid --output value \""
        + value + "\", expected (json|yaml)"));
  }
}
