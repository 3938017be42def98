package dev.fbc.cli;

import dev.fbc.CatalogLoadException;
import dev.fbc.FbcException;
import dev.fbc.Problem;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command; every subcommand is a class of its own. */
@Command(
    name = "fbc",
    mixinStandardHelpOptions = true,
    versionProvider = FbcCommand.Version.class,
    description = "Build, render and check OLM File-Based Catalogs.",
    subcommands = {InitCommand.class, RenderCommand.class})
public final class FbcCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new FbcCommand());
    cl.setParameterExceptionHandler((ex, args) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("Error: " + ex.getMessage());
      ex.getCommandLine().usage(err);
      err.flush();
      return 1;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      report(ex, err);
      err.flush();
      return 1;
    });
    return cl;
  }

  /** One line per problem, nothing more: no stack traces for users. */
  static void report(Exception ex, PrintWriter err) {
    if (ex instanceof CatalogLoadException cle) {
      for (Problem p : cle.problems()) {
        err.println(p.toLine());
      }
    } else if (ex instanceof FbcException || ex instanceof UncheckedIOException) {
      err.println(ex.getMessage());
    } else {
      err.println("fbc: internal error: " + ex);
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = FbcCommand.class.getPackage().getImplementationVersion();
      return new String[] {"fbc " + (v == null ? "development" : v)};
    }
  }
}
