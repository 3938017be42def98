package dev.fbc.build;

import dev.fbc.base.FbcException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code opm generate dockerfile}: the Dockerfile that builds a catalog image with a container engine, byte for
 * byte as opm v1.54 writes it, at {@code <parent>/<dirname>.Dockerfile}, with opm's error texts.
 *
 * <pre>{@code
 * Path file = DockerfileGenerator.write(Path.of("catalog"), DockerfileGenerator.DEFAULT_IMAGE,
 *     DockerfileGenerator.DEFAULT_IMAGE, Map.of("vendor", "me"));   // catalog.Dockerfile
 * }</pre>
 */
public final class DockerfileGenerator {
  /** opm's default base and builder image. */
  public static final String DEFAULT_IMAGE = "quay.io/operator-framework/opm:latest";
  /** The label that tells OLM where the catalog is in the image. */
  public static final String CONFIGS_LABEL = "operators.operatorframework.io.index.configs.v1";

  private DockerfileGenerator() {}

  /**
   * Parses {@code key=value} labels as opm's {@code -l} does: split at the first {@code =}, the last of equal keys
   * wins. (opm also splits each value at commas, as a CSV line; the CLI does that before calling this.)
   */
  public static Map<String, String> parseLabels(List<String> labels) {
    Map<String, String> out = new TreeMap<>();
    for (String l : labels) {
      int eq = l.indexOf('=');
      if (eq < 0) {
        throw new FbcException("invalid label \"" + l + "\"");
      }
      out.put(l.substring(0, eq), l.substring(eq + 1));
    }
    return out;
  }

  /** opm checks the builder before anything else: it must run {@code opm serve}, which scratch cannot. */
  public static void checkBuilder(String builderImage) {
    if (builderImage.equals("scratch")) {
      throw new FbcException("invalid builder image: \"scratch\"");
    }
  }

  /** The Dockerfile text for a catalog directory named {@code dirName}; labels are written sorted by key. */
  public static String dockerfile(String dirName, String baseImage, String builderImage,
      Map<String, String> extraLabels) {
    if (baseImage.isEmpty()) {
      throw new FbcException("base image is unset");
    }
    if (dirName.isEmpty()) {
      throw new FbcException("index directory is unset");
    }
    StringBuilder b = new StringBuilder();
    b.append("# The builder image is expected to contain\n# /bin/opm (with serve subcommand)\n");
    b.append("FROM ").append(builderImage).append(" as builder\n\n");
    b.append("# Copy FBC root into image at /configs and pre-populate serve cache\n");
    b.append("ADD ").append(dirName).append(" /configs\n");
    b.append("RUN [\"/bin/opm\", \"serve\", \"/configs\", \"--cache-dir=/tmp/cache\", \"--cache-only\"]\n\n");
    b.append("FROM ").append(baseImage).append('\n');
    if (baseImage.equals("scratch")) {
      b.append("# OLMv0 CatalogSources that use binary-less images must set:\n# spec:\n#   grpcPodConfig:\n")
          .append("#     extractContent:\n#       catalogDir: /configs\n#       cacheDir: /tmp/cache\n");
    } else {
      b.append("# The base image is expected to contain\n")
          .append("# /bin/opm (with serve subcommand) and /bin/grpc_health_probe\n\n")
          .append("# Configure the entrypoint and command\nENTRYPOINT [\"/bin/opm\"]\n")
          .append("CMD [\"serve\", \"/configs\", \"--cache-dir=/tmp/cache\"]\n");
    }
    b.append("\nCOPY --from=builder /configs /configs\nCOPY --from=builder /tmp/cache /tmp/cache\n\n");
    b.append("# Set FBC-specific label for the location of the FBC root directory\n# in the image\n");
    b.append("LABEL ").append(CONFIGS_LABEL).append("=/configs\n");
    if (!extraLabels.isEmpty()) {
      b.append("\n# Set other custom labels\n");
      new TreeMap<>(extraLabels).forEach((k, v) -> b.append("LABEL \"").append(k).append("\"=\"").append(v)
          .append("\"\n"));
    }
    return b.toString();
  }

  /**
   * Writes the Dockerfile next to {@code root} ({@code <parent>/<dirname>.Dockerfile}, the path cleaned as Go
   * does) and returns its path; refuses to overwrite one.
   */
  public static Path write(Path root, String baseImage, String builderImage, Map<String, String> extraLabels)
      throws IOException {
    checkBuilder(builderImage);
    if (!Files.exists(root)) {
      throw new FbcException("stat " + root + ": no such file or directory");
    }
    if (!Files.isDirectory(root)) {
      throw new FbcException("provided root path \"" + root + "\" is not a directory");
    }
    Path clean = root.normalize();
    // Go's filepath.Base of "." (and of the empty path a normalized "." becomes) is "."
    String name = clean.getFileName() == null || clean.toString().isEmpty() ? "." : clean.getFileName().toString();
    Path parent = clean.getParent();
    Path file = parent == null ? Path.of(name + ".Dockerfile") : parent.resolve(name + ".Dockerfile");
    String text = dockerfile(name, baseImage, builderImage, extraLabels);
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new FbcException("path \"" + file + "\": file already exists");
    }
    return file;
  }
}
