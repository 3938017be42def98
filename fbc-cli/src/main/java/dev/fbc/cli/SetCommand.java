package dev.fbc.cli;

import dev.fbc.ops.CatalogEditor;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fbc set default-channel <package> <channel> --catalog DIR}. */
@Command(name = "set", mixinStandardHelpOptions = true, description = "Change a package setting in a catalog",
    subcommands = {SetCommand.DefaultChannel.class})
public final class SetCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name what to set: default-channel");
  }

  @Command(name = "default-channel", mixinStandardHelpOptions = true, description = "Set a package's default channel")
  public static final class DefaultChannel implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<package>")
    String pkg;

    @Parameters(index = "1", paramLabel = "<channel>")
    String channel;

    @Option(names = "--catalog", required = true, paramLabel = "DIR")
    Path catalog;

    @Override
    public Integer call() {
      CatalogEditor.open(catalog).setDefaultChannel(pkg, channel).save();
      return 0;
    }
  }
}
