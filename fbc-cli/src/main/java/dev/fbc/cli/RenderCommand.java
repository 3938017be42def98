package dev.fbc.cli;

import dev.fbc.Fbc;
import dev.fbc.FbcException;
import dev.fbc.WriteOptions;
import dev.fbc.model.Catalog;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fbc render <catalog-dir>...}: one normalized stream, byte for byte what {@code opm render} prints for
 * catalog directories.
 */
@Command(name = "render",
    description = "Generate a stream of file-based catalog objects from catalogs and bundles",
    mixinStandardHelpOptions = true)
public final class RenderCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "<catalog-directory>",
      description = "Catalog directories (bundle directories and images come later)")
  List<String> refs;

  @Mixin
  OutputFormatOption output;

  @picocli.CommandLine.ParentCommand
  FbcCommand parent;

  @Option(names = "--lossless", description = "Keep every field, the blob order and values as written "
      + "(opm drops unknown fields and sorts)")
  boolean lossless;

  @Override
  public Integer call() throws IOException {
    var format = output.format();
    List<Path> dirs = new ArrayList<>();
    for (String ref : refs) {
      Path p = Path.of(ref);
      if (!Files.exists(p)) {
        throw new FbcException("render reference \"" + ref + "\": no such directory (rendering images is not "
            + "supported yet)");
      }
      if (!Files.isDirectory(p)) {
        throw new FbcException("ref \"" + ref + "\" is not a directory: not allowed");
      }
      if (Files.isDirectory(p.resolve("manifests")) && Files.isDirectory(p.resolve("metadata"))) {
        throw new FbcException("render reference \"" + ref + "\": rendering bundle directories is not "
            + "supported yet");
      }
      dirs.add(p);
    }
    Catalog catalog = lossless ? Fbc.load(dirs, dev.fbc.LoadOptions.defaults()) : Fbc.render(dirs);
    try (OutputStream out = parent.stdout()) {
      Fbc.write(catalog, out, WriteOptions.builder().format(format).lossless(lossless).build());
    }
    return 0;
  }
}
