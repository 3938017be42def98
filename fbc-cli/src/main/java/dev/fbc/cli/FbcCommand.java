package dev.fbc.cli;

import dev.fbc.base.CatalogLoadException;
import dev.fbc.base.FbcException;
import dev.fbc.base.Problem;
import java.io.OutputStream;
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
    subcommands = {InitCommand.class, RenderCommand.class, ValidateCommand.class, PruneCommand.class, MergeCommand.class, AddCommand.class,
        SetCommand.class})
public final class FbcCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Where catalogs go: raw bytes, not a character stream. */
  private final OutputStream stdout;

  FbcCommand(OutputStream stdout) {
    this.stdout = stdout;
  }

  /** Standard output for a subcommand; closing it flushes but leaves the process's stdout usable. */
  OutputStream stdout() {
    return new java.io.FilterOutputStream(stdout) {
      @Override
      public void write(byte[] b, int off, int len) throws java.io.IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws java.io.IOException {
        out.flush();
      }
    };
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  static CommandLine commandLine() {
    return commandLine(new java.io.BufferedOutputStream(new java.io.FileOutputStream(java.io.FileDescriptor.out),
        1 << 16), new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8),
        true));
  }

  /** A command line writing catalogs to {@code out} and messages to {@code err}: how tests run it. */
  public static CommandLine commandLine(OutputStream out, PrintWriter err) {
    CommandLine cl = new CommandLine(new FbcCommand(out));
    cl.setErr(err);
    cl.setParameterExceptionHandler((ex, args) -> {
      PrintWriter w = ex.getCommandLine().getErr();
      w.println("Error: " + ex.getMessage());
      ex.getCommandLine().usage(w);
      w.flush();
      return 1;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      PrintWriter w = commandLine.getErr();
      report(ex, w);
      w.flush();
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
