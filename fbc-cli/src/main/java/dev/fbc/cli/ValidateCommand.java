package dev.fbc.cli;

import dev.fbc.Fbc;
import dev.fbc.base.FbcException;
import dev.fbc.base.LoadOptions;
import dev.fbc.base.Problem;
import dev.fbc.validate.CatalogValidator;
import dev.fbc.validate.ValidationReport;
import dev.fbc.validate.ValidationResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code fbc validate <directory>}: opm's verdict, with every problem, its file and line, and a hint. Like opm,
 * prints nothing and exits 0 for a valid catalog (warnings aside), exits 1 otherwise.
 */
@Command(name = "validate", description = "Validate the declarative index config", mixinStandardHelpOptions = true)
public final class ValidateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "<directory>", description = "Catalog directory")
  Path directory;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "",
      description = "Structured result on stdout (json|yaml); default: problems as text on stderr")
  String output;

  @Option(names = {"-q", "--quiet"}, description = "Report errors only, no warnings")
  boolean quiet;

  @Option(names = "--schemas", description = "Also check every blob against fbc's JSON Schemas")
  boolean schemas;

  @ParentCommand
  FbcCommand parent;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (!output.isEmpty() && !output.equals("json") && !output.equals("yaml")) {
      throw new FbcException("invalid --output value \"" + output + "\", expected (json|yaml)");
    }
    if (!Files.exists(directory)) {
      throw new FbcException("stat " + directory + ": no such file or directory");
    }
    if (!Files.isDirectory(directory)) {
      throw new FbcException("\"" + directory + "\" is not a directory");
    }
    LoadOptions options = LoadOptions.defaults();
    // the checks use as many threads as the load
    ValidationResult result = Fbc.validate(List.of(directory), options,
        new CatalogValidator().withSchemas(schemas).withParallelism(options.parallelism()));
    List<Problem> shown = quiet ? result.errors() : result.problems();
    if (output.isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      for (Problem p : shown) {
        err.println(ValidationReport.line(p));
      }
      if (!result.passed()) {
        err.println("fbc validate: " + ValidationReport.summary(result));
      }
      err.flush();
    } else {
      try (OutputStream out = parent.stdout()) {
        ValidationReport.write(new ValidationResult(shown), out, OutputFormatOption.parse(output));
      }
    }
    return result.passed() ? 0 : 1;
  }
}
