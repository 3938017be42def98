package dev.fbc.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Builds container images as OCI image layouts on disk, without a container engine: a bundle image from a bundle
 * directory, a catalog image from a catalog directory, multi-platform indexes, and deliberately malicious layers.
 * Push them to a {@link TestRegistry} with skopeo, or render them directly as {@code oci:DIR:TAG}.
 *
 * <pre>{@code
 * Path layout = TestImages.bundleImage(bundleDir, tmp.resolve("layout"), "v1");
 * }</pre>
 */
public final class TestImages {
  public static final String BUNDLE_PACKAGE_LABEL = "operators.operatorframework.io.bundle.package.v1";
  public static final String CONFIGS_LABEL = "operators.operatorframework.io.index.configs.v1";

  private TestImages() {}

  /** A file of a layer: path in the image and content (null content makes a directory). */
  public record Entry(String path, byte[] content, String linkTarget, boolean hardLink) {
    public static Entry file(String path, String content) {
      return new Entry(path, content.getBytes(StandardCharsets.UTF_8), null, false);
    }

    public static Entry symlink(String path, String target) {
      return new Entry(path, null, target, false);
    }

    public static Entry hardlink(String path, String target) {
      return new Entry(path, null, target, true);
    }
  }

  /**
   * A minimal bundle directory {@code parent/bundle-<name>}: a ClusterServiceVersion {@code <name>.v<version>} and
   * the annotation naming its package, what {@link #bundleImage} and {@link #multiPlatformBundleImage} package.
   */
  public static Path bundleDir(Path parent, String name, String version) throws java.io.IOException {
    Path dir = parent.resolve("bundle-" + name);
    java.nio.file.Files.createDirectories(dir.resolve("manifests"));
    java.nio.file.Files.createDirectories(dir.resolve("metadata"));
    java.nio.file.Files.writeString(dir.resolve("manifests/csv.yaml"), "apiVersion: operators.coreos.com/v1alpha1\n"
        + "kind: ClusterServiceVersion\nmetadata:\n  name: " + name + ".v" + version + "\nspec:\n  version: "
        + version + "\n");
    java.nio.file.Files.writeString(dir.resolve("metadata/annotations.yaml"), "annotations:\n"
        + "  " + BUNDLE_PACKAGE_LABEL + ": " + name + "\n");
    return dir;
  }

  /** A bundle image of {@code bundleDir} (manifests/ and metadata/), labelled like opm's bundle images. */
  public static Path bundleImage(Path bundleDir, Path layout, String tag) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("operators.operatorframework.io.bundle.mediatype.v1", "registry+v1");
    labels.put("operators.operatorframework.io.bundle.manifests.v1", "manifests/");
    labels.put("operators.operatorframework.io.bundle.metadata.v1", "metadata/");
    labels.put(BUNDLE_PACKAGE_LABEL, packageOf(bundleDir));
    return image(layout, tag, labels, List.of(dirEntries(bundleDir, "")), "linux", "amd64");
  }

  /** A catalog image: {@code catalogDir} at {@code /configs}, with the label that says so. */
  public static Path catalogImage(Path catalogDir, Path layout, String tag) {
    return image(layout, tag, Map.of(CONFIGS_LABEL, "/configs"), List.of(dirEntries(catalogDir, "configs/")),
        "linux", "amd64");
  }

  /**
   * A base image to build catalog images on, tagged {@code v1} for linux/amd64: a stand-in {@code bin/opm} in the
   * first layer, then {@code moreLayers}, with {@code labels} (a built image must keep them).
   */
  @SafeVarargs
  public static Path opmBaseImage(Path layout, Map<String, String> labels, List<Entry>... moreLayers) {
    List<List<Entry>> layers = new java.util.ArrayList<>();
    layers.add(List.of(Entry.file("bin/opm", "#!/bin/sh\necho fake opm\n")));
    layers.addAll(List.of(moreLayers));
    return image(layout, "v1", labels, layers, "linux", "amd64");
  }

  /** An image of the given layers (each a list of entries) and labels; returns the layout directory. */
  public static Path image(Path layout, String tag, Map<String, String> labels, List<List<Entry>> layers, String os,
      String arch) {
    try {
      String manifest = manifest(layout, labels, layers, os, arch);
      addToIndex(layout, tag, manifest, "application/vnd.oci.image.manifest.v1+json", null);
      return layout;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An OCI index with the bundle image for linux/amd64 and an empty image for linux/arm64, tagged {@code tag}.
   */
  public static Path multiPlatformBundleImage(Path bundleDir, Path layout, String tag) {
    try {
      Map<String, String> labels = Map.of(BUNDLE_PACKAGE_LABEL, packageOf(bundleDir));
      String amd = manifest(layout, labels, List.of(dirEntries(bundleDir, "")), "linux", "amd64");
      String arm = manifest(layout, Map.of("note", "not this one"), List.of(List.of(Entry.file("x", "arm"))),
          "linux", "arm64");
      String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
          + descriptor("application/vnd.oci.image.manifest.v1+json", amd, layout, "linux", "amd64") + ","
          + descriptor("application/vnd.oci.image.manifest.v1+json", arm, layout, "linux", "arm64") + "]}";
      String digest = writeBlob(layout, index.getBytes(StandardCharsets.UTF_8));
      addToIndex(layout, tag, digest, "application/vnd.oci.image.index.v1+json", null);
      return layout;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String descriptor(String mediaType, String digest, Path layout, String os, String arch)
      throws IOException {
    long size = Files.size(blobPath(layout, digest));
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size
        + ",\"platform\":{\"architecture\":\"" + arch + "\",\"os\":\"" + os + "\"}}";
  }

  private static String packageOf(Path bundleDir) {
    try {
      for (String line : Files.readAllLines(bundleDir.resolve("metadata/annotations.yaml"))) {
        String t = line.strip();
        if (t.startsWith(BUNDLE_PACKAGE_LABEL + ":")) {
          return t.substring(t.indexOf(':') + 1).strip().replace("\"", "");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalArgumentException(bundleDir + ": metadata/annotations.yaml names no package");
  }

  /** Every file below {@code dir}, in sorted order, at {@code prefix} + its relative path. */
  public static List<Entry> dirEntries(Path dir, String prefix) {
    List<Entry> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted().toList()) {
        if (p.equals(dir)) {
          continue;
        }
        String rel = prefix + dir.relativize(p).toString().replace('\\', '/');
        out.add(Files.isDirectory(p) ? new Entry(rel + "/", null, null, false)
            : new Entry(rel, Files.readAllBytes(p), null, false));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** A gzip-compressed tar of the entries (entries are written as given, even escaping ones). */
  public static byte[] layer(List<Entry> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Entry e : entries) {
        TarArchiveEntry te;
        if (e.linkTarget() != null) {
          te = new TarArchiveEntry(e.path(), e.hardLink() ? TarArchiveEntry.LF_LINK : TarArchiveEntry.LF_SYMLINK);
          te.setLinkName(e.linkTarget());
          tar.putArchiveEntry(te);
        } else if (e.content() == null) {
          te = new TarArchiveEntry(e.path().endsWith("/") ? e.path() : e.path() + "/");
          tar.putArchiveEntry(te);
        } else {
          te = new TarArchiveEntry(e.path(), true);
          te.setSize(e.content().length);
          te.setMode(0644);
          tar.putArchiveEntry(te);
          tar.write(e.content());
        }
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static String manifest(Path layout, Map<String, String> labels, List<List<Entry>> layers, String os,
      String arch) throws IOException {
    Files.createDirectories(layout.resolve("blobs/sha256"));
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    StringBuilder diffIds = new StringBuilder();
    StringBuilder layerDescs = new StringBuilder();
    for (List<Entry> l : layers) {
      byte[] gz = layer(l);
      byte[] tar = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz)).readAllBytes();
      String digest = writeBlob(layout, gz);
      diffIds.append(diffIds.length() == 0 ? "" : ",").append('"').append(sha256(tar)).append('"');
      layerDescs.append(layerDescs.length() == 0 ? "" : ",")
          .append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"").append(digest)
          .append("\",\"size\":").append(gz.length).append('}');
    }
    StringBuilder labelJson = new StringBuilder();
    for (Map.Entry<String, String> e : labels.entrySet()) {
      labelJson.append(labelJson.length() == 0 ? "" : ",").append(quote(e.getKey())).append(':')
          .append(quote(e.getValue()));
    }
    String config = "{\"architecture\":\"" + arch + "\",\"os\":\"" + os + "\",\"config\":{\"Labels\":{" + labelJson
        + "}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffIds + "]},\"history\":[{\"created_by\":"
        + "\"fbc-testkit\"}]}";
    byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
    String configDigest = writeBlob(layout, configBytes);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
        + "\",\"size\":" + configBytes.length + "},\"layers\":[" + layerDescs + "]}";
    return writeBlob(layout, manifest.getBytes(StandardCharsets.UTF_8));
  }

  private static void addToIndex(Path layout, String tag, String digest, String mediaType, String unused)
      throws IOException {
    Path indexFile = layout.resolve("index.json");
    List<String> entries = new ArrayList<>();
    if (Files.exists(indexFile)) {
      String old = Files.readString(indexFile);
      int start = old.indexOf('[') + 1;
      int end = old.lastIndexOf(']');
      String inner = old.substring(start, end).strip();
      if (!inner.isEmpty()) {
        entries.add(inner);
      }
    }
    long size = Files.size(blobPath(layout, digest));
    entries.add("{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size
        + ",\"annotations\":{\"org.opencontainers.image.ref.name\":" + quote(tag) + "}}");
    Files.writeString(indexFile, "{\"schemaVersion\":2,\"manifests\":[" + String.join(",", entries) + "]}");
  }

  private static Path blobPath(Path layout, String digest) {
    return layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
  }

  private static String writeBlob(Path layout, byte[] content) throws IOException {
    String digest = sha256(content);
    Files.createDirectories(layout.resolve("blobs/sha256"));
    Files.write(blobPath(layout, digest), content);
    return digest;
  }

  static String sha256(byte[] b) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
