package dev.fbc.cli;

import picocli.CommandLine.Command;

/** opm's spelling, {@code fbc alpha render-template basic|semver FILE}: the same as {@code fbc template}. */
@Command(name = "render-template", mixinStandardHelpOptions = true,
    description = "Render a catalog template type (same as fbc template)",
    subcommands = {TemplateRenderBase.Basic.class, TemplateRenderBase.Semver.class})
public final class RenderTemplateCommand extends HelpOnlyCommand {}
