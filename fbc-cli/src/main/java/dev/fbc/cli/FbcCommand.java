package dev.fbc.cli;

import dev.fbc.text.SafeText;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command; every subcommand is a class of its own. */
@Command(
    name = "fbc",
    mixinStandardHelpOptions = true,
    versionProvider = FbcCommand.Version.class,
    description = "Build, render and check OLM File-Based Catalogs.")
public final class FbcCommand implements Runnable {
  /**
   * The subcommands in the order help lists them. They are added in code rather than in the annotation so that a
   * run builds the full model (picocli's reflection over every option of every command, about half of start-up)
   * only for the command it runs; see {@link #commandLine(String...)}.
   */
  static final List<Class<?>> SUBCOMMANDS = List.of(InitCommand.class, RenderCommand.class, ValidateCommand.class,
      PruneCommand.class, MergeCommand.class, AddCommand.class, SetCommand.class, TemplateCommand.class,
      GraphCommand.class, AlphaCommand.class, ExplainCommand.class, DiffCommand.class, MigrateCommand.class,
      ListCommand.class, GenerateCommand.class, BuildCommand.class, MirrorCommand.class, VersionCommand.class,
      CompletionCommand.class, CommandLine.HelpCommand.class);

  /** Options of the root command that take no value, so that a scan of the arguments may pass over them. */
  private static final Set<String> ROOT_FLAGS = Set.of("--debug", "-h", "--help", "-V", "--version");

  /** Commands that read the whole model: the help command (any command's usage) and shell completion. */
  private static final Set<String> WHOLE_MODEL = Set.of("help", "completion");

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

  /** The whole command model (every subcommand built), on the process's stdout and stderr: for man pages. */
  static CommandLine commandLine() {
    return commandLine(null);
  }

  /**
   * The command model for running {@code args} on the process's stdout and stderr: only the subcommand named by
   * the first argument that is not a root flag is built, alone; when the arguments name none, every subcommand is
   * a placeholder with its name and description, which is all the root's usage and picocli's suggestions read.
   * Anything this scan cannot vouch for (an unknown option first, {@code --}, an {@code @file}, the help and
   * completion commands) builds the whole model, so output is the same either way.
   */
  static CommandLine commandLine(String... args) {
    return commandLine(new java.io.BufferedOutputStream(new java.io.FileOutputStream(java.io.FileDescriptor.out),
        1 << 16), new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8),
        true), args);
  }

  /** A command line writing catalogs to {@code out} and messages to {@code err}: how tests run it. */
  public static CommandLine commandLine(OutputStream out, PrintWriter err) {
    return commandLine(out, err, (String[]) null);
  }

  /** As {@link #commandLine(OutputStream, PrintWriter)}, building only what {@code args} run (null: everything). */
  static CommandLine commandLine(OutputStream out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new FbcCommand(out));
    Optional<String> only = args == null ? Optional.empty() : invoked(args);
    boolean whole = args == null || only.filter(WHOLE_MODEL::contains).isPresent()
        || (only.isEmpty() && !onlyRootFlags(args));
    Optional<Class<?>> named = whole ? Optional.empty() : only.flatMap(FbcCommand::subcommandNamed);
    for (Class<?> c : SUBCOMMANDS) {
      Command a = c.getAnnotation(Command.class);
      if (whole || named.filter(c::equals).isPresent()) {
        cl.addSubcommand(c);
      } else if (named.isEmpty()) {
        // the root's usage and picocli's suggestions list them; a run of a named subcommand reads neither, and
        // each placeholder would cost a command line of its own (picocli registers its converters per instance)
        cl.addSubcommand(a.name(), placeholder(a), a.aliases());
      }
    }
    cl.setErr(err);
    // help and version text go where catalogs go (the same stream, so tests see them too)
    cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8), true));
    cl.setParameterExceptionHandler((ex, rest) -> {
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

  /** The subcommand class whose name or alias is {@code name}. */
  private static Optional<Class<?>> subcommandNamed(String name) {
    for (Class<?> c : SUBCOMMANDS) {
      Command a = c.getAnnotation(Command.class);
      if (name.equals(a.name()) || List.of(a.aliases()).contains(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The subcommand named by the first argument after the root's flags, if the scan reaches one. */
  private static Optional<String> invoked(String[] args) {
    for (String a : args) {
      if (!ROOT_FLAGS.contains(a)) {
        return a.startsWith("-") || a.startsWith("@") ? Optional.empty() : Optional.of(a);
      }
    }
    return Optional.empty();
  }

  private static boolean onlyRootFlags(String[] args) {
    return java.util.Arrays.stream(args).allMatch(ROOT_FLAGS::contains);
  }

  /** A command that is listed but not run: the name, aliases and the text the root's usage shows. */
  private static CommandLine placeholder(Command a) {
    CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create().name(a.name()).aliases(a.aliases());
    spec.usageMessage().description(a.description()).header(a.header()).hidden(a.hidden());
    spec.helpCommand(a.helpCommand());
    return new CommandLine(spec);
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
