package dev.fbc.build;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fbc.image.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes one image as a docker-archive tarball ({@code manifest.json}, the configuration, the layers), the format
 * {@code docker load}, {@code podman load} and {@code skopeo copy docker-archive:} read. Layers are stored as they
 * are in the image (gzip), which those tools accept; the archive's own entries are reproducible (fixed time,
 * owner 0). Written beside the target and moved into place, so a failure leaves no half archive.
 */
final class DockerArchiveWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DockerArchiveWriter() {}

  static void write(Path file, String name, Descriptor configBlob, byte[] config, List<Path> layers)
      throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, ".fbc", ".part");
    try {
      String configName = configBlob.digest().hex() + ".json";
      ObjectNode entry = JSON.createObjectNode();
      entry.put("Config", configName);
      ArrayNode tags = entry.putArray("RepoTags");
      if (!name.isEmpty()) {
        tags.add(name);
      }
      ArrayNode ls = entry.putArray("Layers");
      for (Path l : layers) {
        ls.add(l.getFileName().toString().replaceAll("^sha256-", "") + ".tar");
      }
      byte[] manifest = JSON.writeValueAsBytes(JSON.createArrayNode().add(entry));
      try (OutputStream out = Files.newOutputStream(tmp);
          TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8")) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        add(tar, configName, config);
        for (int i = 0; i < layers.size(); i++) {
          Path l = layers.get(i);
          TarArchiveEntry e = entry(ls.get(i).asText());
          e.setSize(Files.size(l));
          tar.putArchiveEntry(e);
          try (InputStream in = Files.newInputStream(l)) {
            in.transferTo(tar);
          }
          tar.closeArchiveEntry();
        }
        add(tar, "manifest.json", manifest);
        tar.finish();
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
    TarArchiveEntry e = entry(name);
    e.setSize(content.length);
    tar.putArchiveEntry(e);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  private static TarArchiveEntry entry(String name) {
    TarArchiveEntry e = new TarArchiveEntry(name, true);
    e.setModTime(0);
    e.setMode(0100644);
    e.setIds(0, 0);
    e.setUserName("");
    e.setGroupName("");
    return e;
  }
}
