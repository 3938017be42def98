package dev.fbc.cli;

import dev.fbc.text.SafeText;
import java.io.OutputStream;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The top-level command; every subcommand is a class of its own. */
@Command(
    name = "fbc",
    mixinStandardHelpOptions = true,
    versionProvider = FbcCommand.Version.class,
    description = "Build, render and check OLM File-Based Catalogs.",
    subcommands = {InitCommand.class, RenderCommand.class, ValidateCommand.class, PruneCommand.class, MergeCommand.class, AddCommand.class,
        SetCommand.class, TemplateCommand.class, GraphCommand.class, AlphaCommand.class, ExplainCommand.class,
        DiffCommand.class, MigrateCommand.class, ListCommand.class, GenerateCommand.class, BuildCommand.class,
        MirrorCommand.class, VersionCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class})
public final class FbcCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
      description = "On failure, also print the stack trace to stderr")
  boolean debug;

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
    // help and version text go where catalogs go (the same stream, so tests see them too)
    cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8), true));
    cl.setParameterExceptionHandler((ex, args) -> {
      PrintWriter w = ex.getCommandLine().getErr();
      w.println("Error: " + SafeText.line(String.valueOf(ex.getMessage())));
      ex.getCommandLine().usage(w);
      w.flush();
      return 1;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      Failure.report(ex, commandName(parseResult), debug(parseResult), commandLine.getErr());
      return 1;
    });
    // Errors (stack overflow, out of memory) pass the exception handler: catch them where the command runs
    CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
    cl.setExecutionStrategy(parseResult -> {
      try {
        return run.execute(parseResult);
      } catch (Error e) {
        Failure.report(e, commandName(parseResult), debug(parseResult), cl.getErr());
        return 1;
      }
    });
    return cl;
  }

  /** The subcommand that ran with its parents below the root, e.g. {@code validate} or {@code mirror plan}. */
  static String commandName(CommandLine.ParseResult pr) {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (CommandLine.ParseResult p = pr; p.hasSubcommand(); ) {
      p = p.subcommand();
      names.add(p.commandSpec().name());
    }
    return String.join(" ", names);
  }

  /** Whether {@code --debug} was given, before or after the subcommand. */
  private static boolean debug(CommandLine.ParseResult pr) {
    for (CommandLine.ParseResult p = pr; p != null; p = p.hasSubcommand() ? p.subcommand() : null) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return BuildInfo.current().lines();
    }
  }
}
