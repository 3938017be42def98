package dev.fbc.build;

import dev.fbc.base.FbcException;
import dev.fbc.image.Descriptor;
import dev.fbc.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The catalog as one reproducible image layer: every file and directory below the catalog, at {@code configs/},
 * sorted by path, owned by uid/gid 0 with no user or group names, files 0644 and directories 0755 (readable by the
 * non-root user {@code opm serve} runs as), all with the same modification time; gzip without a name or time.
 * Only regular files and directories are taken: a symbolic link, FIFO or device is refused with its path. With a
 * {@link ServeCache}, the layer also holds it at {@code tmp/cache/} (directories 0750, files 0640, as opm writes
 * it), under a {@code tmp/} with the usual mode 1777.
 *
 * @param blob the compressed layer (what manifests name)
 * @param diffId the digest of the uncompressed tar (what the image configuration names)
 * @param file where the compressed layer is
 */
public record CatalogLayer(Descriptor blob, Digest diffId, Path file) {
  public static final String MEDIA_TYPE = "application/vnd.oci.image.layer.v1.tar+gzip";
  /** The modes of the catalog's directories and files (the serve cache's digest covers them). */
  static final int DIR_MODE = 0755;
  static final int FILE_MODE = 0644;
  private static final int TMP_MODE = 01777;

  /** Writes the layer of {@code catalog} to {@code file}; {@code epochSeconds} is every entry's time. */
  public static CatalogLayer write(Path catalog, long epochSeconds, Path file) throws IOException {
    return write(catalog, Optional.empty(), epochSeconds, file);
  }

  /** The same with the serve cache, if any, at {@code tmp/cache/}. */
  public static CatalogLayer write(Path catalog, Optional<ServeCache> cache, long epochSeconds, Path file)
      throws IOException {
    List<Path> entries = entries(catalog);
    MessageDigest compressed = newSha256();
    MessageDigest uncompressed = newSha256();
    try (OutputStream fileOut = Files.newOutputStream(file);
        DigestOutputStream blobOut = new DigestOutputStream(fileOut, compressed);
        GZIPOutputStream gz = new GZIPOutputStream(blobOut, 1 << 16);
        DigestOutputStream tarOut = new DigestOutputStream(gz, uncompressed);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(tarOut, "UTF-8")) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      tar.putArchiveEntry(entry("configs/", epochSeconds, DIR_MODE));
      tar.closeArchiveEntry();
      for (Path p : entries) {
        String rel = catalog.relativize(p).toString().replace('\\', '/');
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          tar.putArchiveEntry(entry("configs/" + rel + "/", epochSeconds, DIR_MODE));
          tar.closeArchiveEntry();
          continue;
        }
        TarArchiveEntry e = entry("configs/" + rel, epochSeconds, FILE_MODE);
        long size = Files.size(p);
        e.setSize(size);
        tar.putArchiveEntry(e);
        try (InputStream in = Files.newInputStream(p)) {
          long copied = in.transferTo(tar);
          if (copied != size) {
            throw new FbcException(p + ": changed while the catalog layer was written");
          }
        }
        tar.closeArchiveEntry();
      }
      if (cache.isPresent()) {
        writeCache(tar, cache.get(), epochSeconds);
      }
      tar.finish();
    }
    HexFormat hex = HexFormat.of();
    return new CatalogLayer(new Descriptor(new Digest("sha256", hex.formatHex(compressed.digest())),
        Files.size(file), MEDIA_TYPE), new Digest("sha256", hex.formatHex(uncompressed.digest())), file);
  }

  private static void writeCache(TarArchiveOutputStream tar, ServeCache cache, long epochSeconds)
      throws IOException {
    String dir = ServeCache.DIR + "/";
    for (String d : List.of("tmp/", dir, dir + "cache/")) {
      tar.putArchiveEntry(entry(d, epochSeconds, d.equals("tmp/") ? TMP_MODE : ServeCache.DIR_MODE));
      tar.closeArchiveEntry();
    }
    for (String f : cache.files()) {
      Path p = cache.dir().resolve(f);
      TarArchiveEntry e = entry(dir + "cache/" + f, epochSeconds, ServeCache.FILE_MODE);
      e.setSize(Files.size(p));
      tar.putArchiveEntry(e);
      try (InputStream in = Files.newInputStream(p)) {
        in.transferTo(tar);
      }
      tar.closeArchiveEntry();
    }
    byte[] digest = cache.digest().getBytes(StandardCharsets.US_ASCII);
    TarArchiveEntry e = entry(dir + "digest", epochSeconds, ServeCache.FILE_MODE);
    e.setSize(digest.length);
    tar.putArchiveEntry(e);
    tar.write(digest);
    tar.closeArchiveEntry();
  }

  /** Every path below {@code catalog} in byte order of its relative path (the same on every machine). */
  private static List<Path> entries(Path catalog) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(catalog)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (p.equals(catalog)) {
          continue;
        }
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          throw new FbcException(p + ": not a regular file or directory; a catalog image holds only those");
        }
        out.add(p);
      }
    }
    out.sort((a, b) -> compareBytes(catalog.relativize(a).toString().replace('\\', '/'),
        catalog.relativize(b).toString().replace('\\', '/')));
    return out;
  }

  /** Byte order of the UTF-8 names, which is Go's string order too. */
  static int compareBytes(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static TarArchiveEntry entry(String name, long epochSeconds, int mode) {
    TarArchiveEntry e = new TarArchiveEntry(name, true);
    e.setModTime(epochSeconds * 1000);
    e.setMode((name.endsWith("/") ? 040000 : 0100000) | mode);
    e.setIds(0, 0);
    // the default owner names come from the JVM's user.name: machine-specific, so cleared
    e.setUserName("");
    e.setGroupName("");
    return e;
  }

  private static MessageDigest newSha256() {
    return new Digest("sha256", "0".repeat(64)).newHasher();
  }
}
