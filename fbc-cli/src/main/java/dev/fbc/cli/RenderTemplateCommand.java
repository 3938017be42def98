package dev.fbc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** opm's spelling, {@code fbc alpha render-template basic|semver FILE}: the same as {@code fbc template}. */
@Command(name = "render-template", mixinStandardHelpOptions = true,
    description = "Render a catalog template type (same as fbc template)",
    subcommands = {TemplateRenderBase.Basic.class, TemplateRenderBase.Semver.class})
public final class RenderTemplateCommand implements Runnable {
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
