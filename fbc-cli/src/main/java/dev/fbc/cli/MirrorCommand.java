package dev.fbc.cli;

import picocli.CommandLine.Command;

/**
 * {@code fbc mirror ...}: mirroring a catalog for a disconnected cluster. Only {@code plan} for now; called without
 * a subcommand it prints its help (a copying subcommand can be added beside {@code plan}).
 */
@Command(name = "mirror", mixinStandardHelpOptions = true,
    description = "Mirror a catalog's images for a disconnected cluster",
    subcommands = {MirrorPlanCommand.class})
public final class MirrorCommand extends HelpOnlyCommand {}
