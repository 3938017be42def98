package dev.fbc.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fbc.base.FbcException;
import dev.fbc.image.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Writes an image into an OCI image layout directory: a new one, or an existing layout to which the image is
 * added (replacing what had the same tag). Blobs are written before {@code index.json}, which is replaced
 * atomically, so a failure leaves the layout as it was.
 */
final class OciLayoutWriter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REF_NAME = "org.opencontainers.image.ref.name";

  private OciLayoutWriter() {}

  static void write(Path dir, String tag, byte[] top, String topType, List<byte[]> manifests,
      Map<Digest, Path> blobs) throws IOException {
    boolean existing = Files.isRegularFile(dir.resolve("oci-layout"));
    if (!existing && Files.isDirectory(dir)) {
      try (var s = Files.list(dir)) {
        if (s.findAny().isPresent()) {
          throw new FbcException("build: " + dir + " is neither empty nor an OCI layout; refusing to write there");
        }
      }
    } else if (!existing && Files.exists(dir)) {
      throw new FbcException("build: " + dir + " is not a directory");
    }
    Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
    for (Map.Entry<Digest, Path> b : blobs.entrySet()) {
      copy(b.getValue(), b.getKey().under(dir.resolve("blobs")));
    }
    for (byte[] m : manifests) {
      put(dir, m);
    }
    Digest digest = put(dir, top);
    if (!existing) {
      CatalogImageBuilder.writeAtomically(dir.resolve("oci-layout"),
          CatalogImageBuilder.utf8("{\"imageLayoutVersion\":\"1.0.0\"}"));
    }
    ObjectNode index;
    if (existing) {
      JsonNode old = JSON.readTree(Files.readAllBytes(dir.resolve("index.json")));
      if (old == null || !old.isObject()) {
        throw new FbcException("build: " + dir + "/index.json is not a JSON object");
      }
      index = (ObjectNode) old;
    } else {
      index = JSON.createObjectNode();
      index.put("schemaVersion", 2);
      index.put("mediaType", CatalogImageBuilder.OCI_INDEX);
    }
    ArrayNode entries = JSON.createArrayNode();
    for (JsonNode m : index.path("manifests")) {
      String name = m.path("annotations").path(REF_NAME).asText("");
      if (tag.isEmpty() || !name.equals(tag)) {
        entries.add(m);
      }
    }
    ObjectNode d = entries.addObject();
    d.put("mediaType", topType);
    d.put("digest", digest.toString());
    d.put("size", top.length);
    if (!tag.isEmpty()) {
      d.putObject("annotations").put(REF_NAME, tag);
    }
    index.set("manifests", entries);
    CatalogImageBuilder.writeAtomically(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
  }

  private static Digest put(Path dir, byte[] content) throws IOException {
    Digest d = Digest.sha256(content);
    Path target = d.under(dir.resolve("blobs"));
    if (!Files.isRegularFile(target)) {
      CatalogImageBuilder.writeAtomically(target, content);
    }
    return d;
  }

  private static void copy(Path from, Path to) throws IOException {
    if (Files.isRegularFile(to) && Files.size(to) == Files.size(from)) {
      return; // content addressed: same name, same bytes
    }
    Files.createDirectories(to.getParent());
    Path tmp = Files.createTempFile(to.getParent(), ".fbc", ".part");
    try {
      Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
