package dev.fbc.cli;

import dev.fbc.Fbc;
import dev.fbc.base.WriteOptions;
import dev.fbc.model.Catalog;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where commands that produce a catalog put it: {@code -o json|yaml} on stdout, or {@code --output-dir}. */
public final class CatalogOutput {
  @Option(names = {"-o", "--output"}, defaultValue = "json", paramLabel = "FORMAT",
      description = "Output format (json|yaml) (default \"json\")")
  String output;

  @Option(names = "--output-dir", paramLabel = "DIR",
      description = "Write one folder per package (DIR must be empty or new) instead of a stream on stdout")
  Path outputDir;

  WriteOptions options() {
    return WriteOptions.builder().format(OutputFormatOption.parse(output)).build();
  }

  void write(Catalog catalog, FbcCommand parent) throws IOException {
    WriteOptions opts = options();
    if (outputDir != null) {
      Fbc.writeDirectory(catalog, outputDir, opts);
      return;
    }
    try (OutputStream out = parent.stdout()) {
      Fbc.write(catalog, out, opts);
    }
  }
}
