package dev.fbc.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fbc.FbcException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pulls an image from a source and unpacks it: resolves an index or manifest list to the wanted platform,
 * reads the configuration's labels, fetches every layer (verified) and applies them in order.
 */
public final class ImagePuller {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> INDEX_TYPES = List.of("application/vnd.oci.image.index.v1+json",
      "application/vnd.docker.distribution.manifest.list.v2+json");

  private final String os;
  private final String arch;

  /** @param platform {@code os/arch}, e.g. {@code linux/amd64} */
  public ImagePuller(String platform) {
    String[] p = platform.split("/");
    if (p.length < 2) {
      throw new FbcException("invalid platform \"" + platform + "\", expected os/arch such as linux/amd64");
    }
    this.os = p[0];
    this.arch = p[1];
  }

  public PulledImage pull(ImageSource source, String reference, Path workDir) throws IOException {
    ImageSource.Manifest m = source.manifest(reference);
    JsonNode doc = JSON.readTree(m.body());
    String type = m.mediaType().isEmpty() ? doc.path("mediaType").asText("") : m.mediaType();
    if (INDEX_TYPES.contains(type) || (type.isEmpty() && doc.has("manifests"))) {
      String chosen = choose(doc, source.describe() + ":" + reference);
      m = source.manifest(chosen);
      doc = JSON.readTree(m.body());
    }
    String configDigest = doc.path("config").path("digest").asText("");
    if (configDigest.isEmpty()) {
      throw new FbcException(source.describe() + ":" + reference + ": manifest has no config (media type "
          + type + ")");
    }
    Path blobs = workDir.resolve("blobs");
    Path configFile = blobs.resolve(configDigest.replace(':', '-'));
    source.blob(configDigest, configFile);
    Map<String, String> labels = labels(Files.readAllBytes(configFile));
    Path rootfs = workDir.resolve("rootfs");
    LayerUnpacker unpacker = new LayerUnpacker(rootfs);
    Files.createDirectories(rootfs);
    for (JsonNode layer : doc.path("layers")) {
      String digest = layer.path("digest").asText();
      Path file = blobs.resolve(digest.replace(':', '-'));
      source.blob(digest, file);
      try (InputStream in = Files.newInputStream(file)) {
        unpacker.apply(in, source.describe() + ":" + reference + " layer " + digest);
      }
      Files.delete(file);
    }
    return new PulledImage(rootfs, labels, m.digest());
  }

  /** The labels of an image configuration (OCI or Docker). */
  static Map<String, String> labels(byte[] config) throws IOException {
    Map<String, String> labels = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = JSON.readTree(config).path("config").path("Labels").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      labels.put(e.getKey(), e.getValue().asText());
    }
    return labels;
  }

  private String choose(JsonNode index, String what) {
    List<String> platforms = new ArrayList<>();
    for (JsonNode d : index.path("manifests")) {
      JsonNode p = d.path("platform");
      String pos = p.path("os").asText("");
      String parch = p.path("architecture").asText("");
      platforms.add(pos + "/" + parch);
      if (pos.equals(os) && parch.equals(arch)) {
        return d.path("digest").asText();
      }
    }
    if (index.path("manifests").size() == 1 && platforms.get(0).equals("/")) {
      return index.path("manifests").get(0).path("digest").asText();
    }
    throw new FbcException(what + ": no image for platform " + os + "/" + arch + " (has: "
        + String.join(", ", platforms) + ")");
  }
}
