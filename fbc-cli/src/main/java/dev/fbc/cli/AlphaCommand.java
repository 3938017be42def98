package dev.fbc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** opm's {@code alpha} spellings, so scripts written for opm run unchanged: {@code render-template}. */
@Command(name = "alpha", hidden = true, mixinStandardHelpOptions = true,
    description = "opm-compatible spellings of fbc commands",
    subcommands = {RenderTemplateCommand.class})
public final class AlphaCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }
}
