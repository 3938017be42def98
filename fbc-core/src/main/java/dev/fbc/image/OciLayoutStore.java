package dev.fbc.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fbc.base.FbcException;
import dev.fbc.internal.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Copies images into an OCI image layout directory, one of many images: blobs and manifests are written under
 * their digest (each through a temporary file and a rename), and an image becomes visible only when its
 * {@code index.json} entry is written, last. {@code index.json} is rewritten whole under a lock per directory,
 * so parallel copies into one layout do not lose each other's entries (one process; two processes writing one
 * layout at once are not supported).
 */
final class OciLayoutStore {
  static final String REF_NAME = "org.opencontainers.image.ref.name";
  private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** One lock per layout directory (its absolute normalized path), shared by every store of this JVM. */
  private static final ConcurrentHashMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

  private final Path dir;
  private final long maxIndexBytes;
  private final Object lock;

  /** Opens the layout, creating it in an empty or missing directory; refuses anything else. */
  OciLayoutStore(Path dir, long maxIndexBytes) throws IOException {
    this.dir = dir.toAbsolutePath().normalize();
    this.maxIndexBytes = maxIndexBytes;
    this.lock = LOCKS.computeIfAbsent(this.dir, d -> new Object());
    synchronized (lock) {
      if (Files.isRegularFile(this.dir.resolve("oci-layout"))) {
        return;
      }
      if (Files.exists(this.dir) && !Files.isDirectory(this.dir)) {
        throw new FbcException(describe() + ": not a directory");
      }
      if (Files.isDirectory(this.dir)) {
        try (var s = Files.list(this.dir)) {
          if (s.findAny().isPresent()) {
            throw new FbcException(describe() + ": neither empty nor an OCI layout; refusing to write there");
          }
        }
      }
      Files.createDirectories(this.dir.resolve("blobs"));
      ObjectNode index = JSON.createObjectNode();
      index.put("schemaVersion", 2);
      index.put("mediaType", OCI_INDEX);
      index.putArray("manifests");
      write(this.dir.resolve("index.json"), JSON.writeValueAsBytes(index));
      // oci-layout last: it is what marks the directory as a layout
      write(this.dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(
          java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  String describe() {
    return "oci:" + dir;
  }

  /** Where the blob (or manifest) of this digest is kept. */
  Path blobPath(Digest digest) {
    return digest.under(dir.resolve("blobs"));
  }

  /** Whether the layout holds the blob at its declared size (content addressed: same name, same bytes). */
  boolean hasBlob(Descriptor d) throws IOException {
    Path p = blobPath(d.digest());
    return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && (!d.sized() || Files.size(p) == d.size());
  }

  /** Stores a manifest or index under its digest, unless it is there. */
  void putManifest(byte[] body, Digest digest) throws IOException {
    Path p = blobPath(digest);
    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.size(p) != body.length) {
      write(p, body);
    }
  }

  /** The image {@code index.json} names {@code name}, if any. */
  Optional<Descriptor> named(String name) throws IOException {
    return named(index(dir, maxIndexBytes), name, describe());
  }

  /**
   * The image a layout (not necessarily written by a store) names {@code name}; unlike
   * {@link OciLayoutSource#resolve}, a missing name is told without listing every name of a large mirror.
   */
  static Descriptor find(Path dir, String name, long maxIndexBytes) throws IOException {
    String what = "oci:" + dir;
    return named(index(dir, maxIndexBytes), name, what).orElseThrow(() -> new FbcException(what
        + ": no image named \"" + Digest.shorten(name) + "\" in index.json (was it stored there by a copy to "
        + what + "?)"));
  }

  private static Optional<Descriptor> named(ObjectNode index, String name, String what) {
    for (JsonNode m : index.path("manifests")) {
      if (m.path("annotations").path(REF_NAME).asText("").equals(name)) {
        return Optional.of(Descriptor.parse(m, what + " index.json"));
      }
    }
    return Optional.empty();
  }

  /**
   * Names the image {@code top} {@code name} in {@code index.json} (replacing an entry of that name); an empty
   * name adds an unnamed entry unless one with that digest is there.
   */
  void name(String name, Descriptor top) throws IOException {
    synchronized (lock) {
      ObjectNode index = index();
      ArrayNode kept = JSON.createArrayNode();
      for (JsonNode m : index.path("manifests")) {
        String n = m.path("annotations").path(REF_NAME).asText("");
        boolean sameUnnamed = name.isEmpty() && n.isEmpty() && m.path("digest").asText("")
            .equals(top.digest().toString());
        if (!sameUnnamed && (name.isEmpty() || !n.equals(name))) {
          kept.add(m);
        }
      }
      ObjectNode d = kept.addObject();
      d.put("mediaType", top.mediaType());
      d.put("digest", top.digest().toString());
      d.put("size", top.size());
      if (!name.isEmpty()) {
        d.putObject("annotations").put(REF_NAME, name);
      }
      index.set("manifests", kept);
      write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
    }
  }

  private ObjectNode index() throws IOException {
    return index(dir, maxIndexBytes);
  }

  private static ObjectNode index(Path dir, long maxIndexBytes) throws IOException {
    String what = "oci:" + dir + " index.json";
    JsonNode index = Limits.json(Limits.readFile(dir.resolve("index.json"), maxIndexBytes, what), what);
    if (!index.isObject()) {
      throw new FbcException(what + ": not a JSON object");
    }
    return (ObjectNode) index;
  }

  private static void write(Path target, byte[] bytes) throws IOException {
    try {
      AtomicFiles.write(target, out -> {
        try {
          out.write(bytes);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
