package dev.fbc.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fbc.FbcException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An OCI image layout directory ({@code oci-layout}, {@code index.json}, {@code blobs/}). */
public final class OciLayoutSource implements ImageSource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path dir;

  public OciLayoutSource(Path dir) {
    this.dir = dir;
    if (!Files.isRegularFile(dir.resolve("oci-layout")) || !Files.isRegularFile(dir.resolve("index.json"))) {
      throw new FbcException(dir + ": not an OCI image layout (no oci-layout and index.json)");
    }
  }

  /** The digest of the manifest the tag names in {@code index.json}; with no tag, the only manifest. */
  public String resolve(String tag) throws IOException {
    JsonNode index = JSON.readTree(Files.readAllBytes(dir.resolve("index.json")));
    List<String> tags = new ArrayList<>();
    JsonNode only = null;
    int count = 0;
    for (JsonNode m : index.path("manifests")) {
      count++;
      only = m;
      String name = m.path("annotations").path("org.opencontainers.image.ref.name").asText("");
      tags.add(name);
      if (!tag.isEmpty() && name.equals(tag)) {
        return m.path("digest").asText();
      }
    }
    if (tag.isEmpty() && count == 1) {
      return only.path("digest").asText();
    }
    throw new FbcException(dir + ": " + (tag.isEmpty() ? "several images, name one with oci:DIR:TAG"
        : "no image tagged \"" + tag + "\"") + " (tags: " + tags + ")");
  }

  @Override
  public Manifest manifest(String reference) throws IOException {
    String digest = reference.startsWith("sha256:") ? reference : resolve(reference);
    byte[] body = readBlob(digest);
    Digests.check(digest, Digests.of(body), describe() + " manifest " + digest);
    String mediaType = JSON.readTree(body).path("mediaType").asText("");
    return new Manifest(body, mediaType, digest);
  }

  private Path blobPath(String digest) {
    int colon = digest.indexOf(':');
    String algo = digest.substring(0, colon);
    String hex = digest.substring(colon + 1);
    if (!hex.matches("[0-9a-f]+") || !algo.matches("[a-z0-9]+")) {
      throw new FbcException(describe() + ": invalid digest \"" + digest + "\"");
    }
    return dir.resolve("blobs").resolve(algo).resolve(hex);
  }

  private byte[] readBlob(String digest) throws IOException {
    try {
      return Files.readAllBytes(blobPath(digest));
    } catch (NoSuchFileException e) {
      throw new FbcException(describe() + ": blob " + digest + " is missing");
    }
  }

  @Override
  public void blob(String digest, Path dest) throws IOException {
    try (InputStream in = Files.newInputStream(blobPath(digest))) {
      Digests.copyVerified(in, dest, digest, describe() + " blob " + digest, Long.MAX_VALUE);
    } catch (NoSuchFileException e) {
      throw new FbcException(describe() + ": blob " + digest + " is missing");
    }
  }

  @Override
  public String describe() {
    return "oci:" + dir;
  }
}
