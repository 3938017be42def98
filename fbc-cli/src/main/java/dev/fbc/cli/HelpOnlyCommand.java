package dev.fbc.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

/**
 * A command that only groups subcommands: called without one (or with arguments that name none), it prints its
 * help on stdout and succeeds, as opm v1.54's {@code alpha render-template} does.
 */
abstract class HelpOnlyCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Parameters(arity = "0..*", hidden = true)
  List<String> ignored;

  @Override
  public void run() {
    spec.commandLine().usage(new PrintStream(CatalogArgument.stdout(spec), true, StandardCharsets.UTF_8));
  }
}
