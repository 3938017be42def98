package dev.fbc.cli;

import picocli.CommandLine.Command;

/**
 * {@code fbc template basic|semver FILE} and {@code fbc template convert basic CATALOG}; without a subcommand it
 * prints its help and succeeds, as {@code opm alpha render-template} does.
 */
@Command(name = "template", mixinStandardHelpOptions = true,
    description = "Render catalog templates (basic, semver) and convert catalogs to templates",
    subcommands = {TemplateRenderBase.Basic.class, TemplateRenderBase.Semver.class, TemplateConvertCommand.class})
public final class TemplateCommand extends HelpOnlyCommand {}
