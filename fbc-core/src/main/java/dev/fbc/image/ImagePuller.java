package dev.fbc.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fbc.base.FbcException;
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
 * reads the configuration's labels, fetches every layer (verified by size and digest) and applies them in order.
 * Every digest is checked where it is read from a manifest or index ({@link Descriptor#parse}); only checked
 * digests name files.
 */
public final class ImagePuller {
  static final List<String> INDEX_TYPES = List.of("application/vnd.oci.image.index.v1+json",
      "application/vnd.docker.distribution.manifest.list.v2+json");

  private final String os;
  private final String arch;
  private final RegistryOptions limits;

  /** @param platform {@code os/arch}, e.g. {@code linux/amd64} */
  public ImagePuller(String platform) {
    this(RegistryOptions.builder().platform(platform).build());
  }

  /** The platform and the size limits of {@code options}. */
  public ImagePuller(RegistryOptions options) {
    String platform = options.platform();
    String[] p = platform.split("/");
    if (p.length < 2) {
      throw new FbcException("invalid platform \"" + platform + "\", expected os/arch such as linux/amd64");
    }
    this.os = p[0];
    this.arch = p[1];
    this.limits = options;
  }

  /** The size limits pulls are held to. */
  RegistryOptions limits() {
    return limits;
  }

  /** Pulls the image a tag names. */
  public PulledImage pull(ImageSource source, String tag, Path workDir) throws IOException {
    return pull(source, source.manifest(tag), source.describe(), workDir);
  }

  /** Pulls the image a descriptor (a pinned digest, an {@code index.json} entry) names. */
  public PulledImage pull(ImageSource source, Descriptor manifest, Path workDir) throws IOException {
    return pull(source, source.manifest(manifest), source.describe(), workDir);
  }

  private PulledImage pull(ImageSource source, ImageSource.Manifest m, String what, Path workDir)
      throws IOException {
    JsonNode doc = Limits.json(m.body(), what + " manifest");
    String type = m.mediaType().isEmpty() ? doc.path("mediaType").asText("") : m.mediaType();
    if (INDEX_TYPES.contains(type) || (type.isEmpty() && doc.has("manifests"))) {
      Descriptor chosen = choose(doc, what);
      m = source.manifest(chosen);
      doc = Limits.json(m.body(), what + " manifest " + chosen.digest());
    }
    if (!doc.path("config").isObject()) {
      throw new FbcException(what + ": manifest has no config (media type " + type + ")");
    }
    Descriptor config = Descriptor.parse(doc.path("config"), what + " config");
    if (config.size() > limits.maxManifestBytes()) {
      throw Limits.tooLarge(what + " config " + config.digest(), limits.maxManifestBytes());
    }
    List<Descriptor> layers = new ArrayList<>();
    for (JsonNode layer : doc.path("layers")) {
      layers.add(Descriptor.parse(layer, what + " layer"));
    }
    Path blobs = workDir.resolve("blobs");
    Path configFile = blobs.resolve(config.digest().fileName());
    source.blob(config, configFile);
    Map<String, String> labels = labels(Limits.readFile(configFile, limits.maxManifestBytes(),
        what + " config"), what + " config");
    Path rootfs = workDir.resolve("rootfs");
    LayerUnpacker unpacker = new LayerUnpacker(rootfs, limits.maxUnpackBytes(), limits.maxUnpackEntries());
    Files.createDirectories(rootfs);
    for (Descriptor layer : layers) {
      Path file = blobs.resolve(layer.digest().fileName());
      source.blob(layer, file);
      try (InputStream in = Files.newInputStream(file)) {
        unpacker.apply(in, what + " layer " + layer.digest());
      }
      Files.delete(file);
    }
    return new PulledImage(rootfs, labels, m.digest().toString());
  }

  /** The labels of an image configuration (OCI or Docker); {@code what} names it in errors. */
  static Map<String, String> labels(byte[] config, String what) {
    Map<String, String> labels = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = Limits.json(config, what).path("config").path("Labels").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      labels.put(e.getKey(), e.getValue().asText());
    }
    return labels;
  }

  private Descriptor choose(JsonNode index, String what) {
    List<String> platforms = new ArrayList<>();
    JsonNode manifests = index.path("manifests");
    for (JsonNode d : manifests) {
      JsonNode p = d.path("platform");
      String pos = p.path("os").asText("");
      String parch = p.path("architecture").asText("");
      platforms.add(pos + "/" + parch);
      if (pos.equals(os) && parch.equals(arch)) {
        return Descriptor.parse(d, what + " index");
      }
    }
    if (manifests.size() == 1 && platforms.get(0).equals("/")) {
      return Descriptor.parse(manifests.get(0), what + " index");
    }
    throw new FbcException(what + ": no image for platform " + os + "/" + arch + " (has: "
        + String.join(", ", platforms) + ")");
  }
}
