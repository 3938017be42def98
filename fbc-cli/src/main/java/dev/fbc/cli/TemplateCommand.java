package dev.fbc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code fbc template basic|semver FILE} and {@code fbc template convert basic CATALOG}; without a subcommand it
 * prints its help and succeeds, as {@code opm alpha render-template} does.
 */
@Command(name = "template", mixinStandardHelpOptions = true,
    description = "Render catalog templates (basic, semver) and convert catalogs to templates",
    subcommands = {TemplateRenderBase.Basic.class, TemplateRenderBase.Semver.class, TemplateConvertCommand.class})
public final class TemplateCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Arguments without a template type: opm v1.54 prints help and exits 0. */
  @CommandLine.Parameters(arity = "0..*", hidden = true)
  java.util.List<String> ignored;

  @Override
  public void run() {
    spec.commandLine().usage(new java.io.PrintStream(((FbcCommand) spec.root().userObject()).stdout(), true,
        java.nio.charset.StandardCharsets.UTF_8));
  }
}
