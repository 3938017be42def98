package dev.fbc.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fbc.base.FbcException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An OCI image layout directory ({@code oci-layout}, {@code index.json}, {@code blobs/}). */
public final class OciLayoutSource implements ImageSource {
  private final Path dir;
  private final long maxManifestBytes;

  public OciLayoutSource(Path dir) {
    this(dir, Limits.DEFAULT_MAX_MANIFEST_BYTES);
  }

  /** @param maxManifestBytes the largest {@code index.json}, manifest or index read into memory */
  public OciLayoutSource(Path dir, long maxManifestBytes) {
    this.dir = dir;
    this.maxManifestBytes = maxManifestBytes;
    if (!Files.isRegularFile(dir.resolve("oci-layout")) || !Files.isRegularFile(dir.resolve("index.json"))) {
      throw new FbcException(dir + ": not an OCI image layout (no oci-layout and index.json)");
    }
  }

  /** The manifest the tag names in {@code index.json}; with no tag, the only manifest. */
  public Descriptor resolve(String tag) throws IOException {
    JsonNode index = Limits.json(Limits.readFile(dir.resolve("index.json"), maxManifestBytes,
        describe() + " index.json"), describe() + " index.json");
    List<String> tags = new ArrayList<>();
    JsonNode only = null;
    int count = 0;
    for (JsonNode m : index.path("manifests")) {
      count++;
      only = m;
      String name = m.path("annotations").path("org.opencontainers.image.ref.name").asText("");
      tags.add(name);
      if (!tag.isEmpty() && name.equals(tag)) {
        return Descriptor.parse(m, describe() + " index.json");
      }
    }
    if (tag.isEmpty() && count == 1) {
      return Descriptor.parse(only, describe() + " index.json");
    }
    throw new FbcException(dir + ": " + (tag.isEmpty() ? "several images, name one with oci:DIR:TAG"
        : "no image tagged \"" + tag + "\"") + " (tags: " + tags + ")");
  }

  @Override
  public Manifest manifest(String tag) throws IOException {
    return manifest(resolve(tag));
  }

  @Override
  public Manifest manifest(Descriptor d) throws IOException {
    String what = describe() + " manifest " + d.digest();
    if (d.size() > maxManifestBytes) {
      throw Limits.tooLarge(what, maxManifestBytes);
    }
    byte[] body;
    try {
      body = Limits.readFile(d.digest().under(dir.resolve("blobs")), maxManifestBytes, what);
    } catch (NoSuchFileException e) {
      throw new FbcException(describe() + ": blob " + d.digest() + " is missing");
    }
    Digests.check(d, body, what);
    String mediaType = Limits.json(body, what).path("mediaType").asText("");
    return new Manifest(body, mediaType, d.digest());
  }

  @Override
  public void blob(Descriptor d, Path dest) throws IOException {
    Path file = d.digest().under(dir.resolve("blobs"));
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new FbcException(describe() + ": blob " + d.digest() + " is not a regular file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      Digests.copyVerified(in, dest, d, describe() + " blob " + d.digest(), Long.MAX_VALUE);
    } catch (NoSuchFileException e) {
      throw new FbcException(describe() + ": blob " + d.digest() + " is missing");
    }
  }

  @Override
  public String describe() {
    return "oci:" + dir;
  }
}
