package dev.fbc.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fbc.base.FbcException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A {@code docker save} / {@code skopeo copy docker-archive:} tarball, unpacked safely and read. */
public final class DockerArchive {
  private DockerArchive() {}

  public static PulledImage pull(Path archive, ImagePuller puller, Path workDir) throws IOException {
    String what = "docker-archive:" + archive;
    RegistryOptions limits = puller.limits();
    Path extracted = workDir.resolve("archive");
    try (InputStream in = Files.newInputStream(archive)) {
      new LayerUnpacker(extracted, limits.maxUnpackBytes(), limits.maxUnpackEntries()).apply(in, what);
    }
    if (Files.isRegularFile(extracted.resolve("oci-layout"))) {
      OciLayoutSource src = new OciLayoutSource(extracted, limits.maxManifestBytes());
      return puller.pull(src, src.resolve(""), workDir.resolve("image"));
    }
    Path manifestFile = extracted.resolve("manifest.json");
    if (!Files.isRegularFile(manifestFile)) {
      throw new FbcException(what + ": no manifest.json (not a docker-archive tarball)");
    }
    JsonNode manifest = Limits.json(Limits.readFile(manifestFile, limits.maxManifestBytes(),
        what + " manifest.json"), what + " manifest.json");
    if (!manifest.isArray() || manifest.size() != 1) {
      throw new FbcException(what + ": expected exactly one image, found " + manifest.size());
    }
    // this format names files, not digests: the paths are checked to stay inside the archive instead
    JsonNode entry = manifest.get(0);
    Map<String, String> labels = ImagePuller.labels(Limits.readFile(
        inside(extracted, entry.path("Config").asText(), what), limits.maxManifestBytes(), what + " config"),
        what + " config");
    Path rootfs = workDir.resolve("rootfs");
    LayerUnpacker unpacker = new LayerUnpacker(rootfs, limits.maxUnpackBytes(), limits.maxUnpackEntries());
    Files.createDirectories(rootfs);
    for (JsonNode layer : entry.path("Layers")) {
      Path file = inside(extracted, layer.asText(), what);
      if (!Files.isRegularFile(file)) {
        throw new FbcException(what + ": layer " + Digest.shorten(layer.asText()) + " is missing");
      }
      try (InputStream in = Files.newInputStream(file)) {
        unpacker.apply(in, what + " layer " + Digest.shorten(layer.asText()));
      }
    }
    return new PulledImage(rootfs, labels, "");
  }

  private static Path inside(Path root, String rel, String what) {
    Path base = root.toAbsolutePath().normalize();
    Path p = base.resolve(rel).normalize();
    if (rel.isEmpty() || !p.startsWith(base) || p.equals(base)) {
      throw new FbcException(what + ": manifest.json points outside the archive");
    }
    return p;
  }
}
