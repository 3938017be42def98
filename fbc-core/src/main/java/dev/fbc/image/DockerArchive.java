package dev.fbc.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fbc.FbcException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A {@code docker save} / {@code skopeo copy docker-archive:} tarball, unpacked safely and read. */
public final class DockerArchive {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DockerArchive() {}

  public static PulledImage pull(Path archive, ImagePuller puller, Path workDir) throws IOException {
    Path extracted = workDir.resolve("archive");
    try (InputStream in = Files.newInputStream(archive)) {
      new LayerUnpacker(extracted).apply(in, "docker-archive:" + archive);
    }
    if (Files.isRegularFile(extracted.resolve("oci-layout"))) {
      OciLayoutSource src = new OciLayoutSource(extracted);
      return puller.pull(src, src.resolve(""), workDir.resolve("image"));
    }
    Path manifestFile = extracted.resolve("manifest.json");
    if (!Files.isRegularFile(manifestFile)) {
      throw new FbcException("docker-archive:" + archive + ": no manifest.json (not a docker-archive tarball)");
    }
    JsonNode manifest = JSON.readTree(Files.readAllBytes(manifestFile));
    if (!manifest.isArray() || manifest.size() != 1) {
      throw new FbcException("docker-archive:" + archive + ": expected exactly one image, found "
          + manifest.size());
    }
    JsonNode entry = manifest.get(0);
    Map<String, String> labels = ImagePuller.labels(
        Files.readAllBytes(inside(extracted, entry.path("Config").asText(), archive)));
    Path rootfs = workDir.resolve("rootfs");
    LayerUnpacker unpacker = new LayerUnpacker(rootfs);
    Files.createDirectories(rootfs);
    for (JsonNode layer : entry.path("Layers")) {
      try (InputStream in = Files.newInputStream(inside(extracted, layer.asText(), archive))) {
        unpacker.apply(in, "docker-archive:" + archive + " layer " + layer.asText());
      }
    }
    return new PulledImage(rootfs, labels, "");
  }

  private static Path inside(Path root, String rel, Path archive) {
    Path p = root.resolve(rel).normalize();
    if (!p.startsWith(root)) {
      throw new FbcException("docker-archive:" + archive + ": manifest.json points outside the archive");
    }
    return p;
  }
}
