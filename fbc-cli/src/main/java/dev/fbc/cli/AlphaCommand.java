package dev.fbc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code fbc alpha ...}: opm's alpha command names ({@code render-template}, {@code render-graph}, {@code list}), so scripts
 * written against opm run unchanged.
 */
@Command(name = "alpha", mixinStandardHelpOptions = true, description = "opm's alpha commands",
    subcommands = {RenderTemplateCommand.class, AlphaCommand.RenderGraph.class, ListCommand.class})
public final class AlphaCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  /** {@code fbc alpha render-graph}: {@code fbc graph} under opm's name. */
  @Command(name = "render-graph", mixinStandardHelpOptions = true,
      description = "Generate mermaid-formatted view of upgrade graph of operators in an index")
  public static final class RenderGraph extends GraphCommand {}
}
