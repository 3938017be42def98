package dev.fbc.cli;

import dev.fbc.base.OutputFormat;
import picocli.CommandLine.Option;

/** {@code -o/--output json|yaml}, shared by the commands that print catalogs. */
public final class OutputFormatOption {
  @Option(names = {"-o", "--output"}, defaultValue = "json", paramLabel = "FORMAT",
      description = "Output format (json|yaml) (default \"json\")")
  String output;

  OutputFormat format() {
    return parse(output);
  }

  /** The format named by {@code -o}, with opm's error text for any other value. */
  static OutputFormat parse(String value) {
    return OutputFormat.find(value).orElseThrow(() -> new dev.fbc.base.FbcException("invalid --output value \""
        + value + "\", expected (json|yaml)"));
  }
}
