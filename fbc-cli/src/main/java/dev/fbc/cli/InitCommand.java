package dev.fbc.cli;

import dev.fbc.Fbc;
import dev.fbc.base.WriteOptions;
import dev.fbc.model.Catalog;
import dev.fbc.model.PackageBlob;
import dev.fbc.ops.PackageInit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fbc init <packageName>}: prints an {@code olm.package} blob, byte for byte as {@code opm init}. */
@Command(name = "init", description = "Generate an olm.package declarative config blob",
    mixinStandardHelpOptions = true)
public final class InitCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "<packageName>", description = "Name of the package")
  List<String> args = List.of();

  @Spec
  CommandSpec spec;

  @Option(names = {"-c", "--default-channel"}, defaultValue = "", paramLabel = "CHANNEL",
      description = "The channel that subscriptions will default to if unspecified")
  String defaultChannel;

  @Option(names = {"-d", "--description"}, paramLabel = "FILE",
      description = "Path to the operator's README.md (or other documentation)")
  Path description;

  @Option(names = {"-i", "--icon"}, paramLabel = "FILE", description = "Path to package's icon")
  Path icon;

  @Mixin
  OutputFormatOption output;

  @picocli.CommandLine.ParentCommand
  FbcCommand parent;

  @Override
  public Integer call() throws IOException {
    if (args.size() != 1) {
      throw new ParameterException(spec.commandLine(),
          "accepts 1 arg(s), received " + args.size() + " (usage: fbc init <packageName>)");
    }
    var format = output.format();
    PackageBlob pkg = PackageInit.builder(args.get(0)).defaultChannel(defaultChannel).icon(icon)
        .description(description).build().run();
    try (OutputStream out = parent.stdout()) {
      Fbc.write(Catalog.of(pkg), out, WriteOptions.builder().format(format).build());
    }
    return 0;
  }
}
