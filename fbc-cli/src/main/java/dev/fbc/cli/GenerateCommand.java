package dev.fbc.cli;

import dev.fbc.base.FbcException;
import dev.fbc.build.DockerfileGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fbc generate dockerfile}: opm's command of the same name, byte for byte. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Generate various artifacts for declarative config indexes",
    subcommands = GenerateCommand.Dockerfile.class)
public final class GenerateCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  /** {@code fbc generate dockerfile <fbcRootDir>}. */
  @Command(name = "dockerfile", mixinStandardHelpOptions = true,
      description = "Generate a Dockerfile for a declarative config index (written next to it as <dir>.Dockerfile)")
  public static final class Dockerfile implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<fbcRootDir>", description = "Catalog directory")
    Path root;

    @Option(names = {"-i", "--base-image"}, paramLabel = "IMAGE",
        description = "Image base to use to build catalog. (default \"" + DockerfileGenerator.DEFAULT_IMAGE + "\")")
    String baseImage;

    @Option(names = {"-b", "--builder-image"}, paramLabel = "IMAGE",
        description = "Image to use as a build stage. (default \"" + DockerfileGenerator.DEFAULT_IMAGE + "\")")
    String builderImage;

    @Option(names = "--binary-image", hidden = true, description = "Deprecated: use --base-image instead")
    String binaryImage;

    @Option(names = {"-l", "--extra-labels"}, paramLabel = "KEY=VALUE", description = "Extra labels to include in "
        + "the generated Dockerfile. Labels should be of the form 'key=value'.")
    List<String> labels = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      if (binaryImage != null) {
        spec.commandLine().getErr().println("Flag --binary-image has been deprecated, use --base-image instead");
        if (baseImage != null) {
          throw new FbcException("if any flags in the group [binary-image base-image] are set none of the others "
              + "can be; [base-image binary-image] were all set");
        }
      }
      String base = binaryImage != null ? binaryImage : baseImage != null ? baseImage
          : DockerfileGenerator.DEFAULT_IMAGE;
      String builder = builderImage != null ? builderImage : binaryImage != null ? binaryImage
          : DockerfileGenerator.DEFAULT_IMAGE;
      DockerfileGenerator.checkBuilder(builder);
      List<String> split = new ArrayList<>();
      // opm's string-slice flag reads each value as a CSV line: "a=1,b=2" is two labels
      for (String l : labels) {
        if (l.contains("\"")) {
          throw new FbcException("invalid argument \"" + l + "\" for \"-l, --extra-labels\" flag: quoted values "
              + "are not supported");
        }
        split.addAll(List.of(l.split(",", -1)));
      }
      DockerfileGenerator.write(root, base, builder, DockerfileGenerator.parseLabels(split));
      return 0;
    }
  }
}
