package dev.fbc.image;

import dev.fbc.text.Reasons;
import dev.fbc.base.FbcException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Applies image layers (tar, optionally gzip-compressed) to a directory in order, with OCI whiteouts, and
 * refuses anything that would write outside it: absolute entry paths, {@code ..}, links pointing out of the image
 * (an absolute link target is read inside the image, as container runtimes do), and writing through a link.
 * A whiteout may only remove something inside the directory. Sizes are bounded against decompression bombs,
 * sparse files at the size they unpack to.
 */
public final class LayerUnpacker {
  private final Path root;
  private final long maxBytes;
  private final long maxEntries;
  private long written;
  private long entries;

  /**
   * @param maxBytes the most all layers may unpack to, together
   */
  public LayerUnpacker(Path root, long maxBytes, long maxEntries) {
    this.root = root.toAbsolutePath().normalize();
    this.maxBytes = maxBytes;
    this.maxEntries = maxEntries;
  }

  public LayerUnpacker(Path root) {
    this(root, 2L << 30, 1_000_000);
  }

  /** Applies one layer; {@code what} names it in errors (e.g. the image and layer digest). */
  public void apply(InputStream layer, String what) throws IOException {
    Files.createDirectories(root);
    BufferedInputStream in = new BufferedInputStream(layer, 1 << 16);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    InputStream tarStream = (b1 == 0x1f && b2 == 0x8b) ? new GZIPInputStream(in, 1 << 16) : in;
    try (TarArchiveInputStream tar = new TarArchiveInputStream(tarStream)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        if (++entries > maxEntries) {
          throw new FbcException(what + ": more than " + maxEntries + " entries (a decompression bomb?)");
        }
        try {
          apply(tar, e, what);
        } catch (java.nio.file.FileSystemException fse) {
          throw new FbcException(what + ": cannot unpack entry \"" + e.getName() + "\": "
              + Reasons.fileSystem(fse), fse);
        }
      }
    }
  }

  private Path inside(String name, String what) {
    String n = name;
    while (n.startsWith("./")) {
      n = n.substring(2);
    }
    if (n.startsWith("/")) {
      throw new FbcException(what + ": entry \"" + name + "\" has an absolute path; refusing to unpack it");
    }
    Path p = root.resolve(n).normalize();
    if (!p.startsWith(root)) {
      throw new FbcException(what + ": entry \"" + name + "\" escapes the unpack directory; refusing to unpack it");
    }
    return p;
  }

  /** No component between the root and {@code p} may be a symbolic link: nothing is written through links. */
  private void noLinkOnTheWay(Path p, String name, String what) {
    Path cur = p.getParent();
    while (cur != null && cur.startsWith(root) && !cur.equals(root)) {
      if (Files.isSymbolicLink(cur)) {
        throw new FbcException(what + ": entry \"" + name + "\" would be written through the link \""
            + root.relativize(cur) + "\"; refusing to unpack it");
      }
      cur = cur.getParent();
    }
  }

  private void apply(TarArchiveInputStream tar, TarArchiveEntry e, String what) throws IOException {
    String name = e.getName();
    Path target = inside(name, what);
    if (target.equals(root)) {
      return;
    }
    noLinkOnTheWay(target, name, what);
    String base = target.getFileName().toString();
    if (base.equals(".wh..wh..opq")) {
      clear(target.getParent());
      return;
    }
    if (base.startsWith(".wh..wh.")) {
      return; // other AUFS metadata (.wh..wh.plnk and the like): nothing to apply
    }
    if (base.startsWith(".wh.")) {
      String victim = base.substring(4);
      Path gone = target.resolveSibling(victim).normalize();
      // ".wh." alone, ".wh.." or ".wh..." would name the directory itself or its parent: in the root's case,
      // something beside the unpack directory
      if (victim.isEmpty() || victim.equals(".") || victim.equals("..") || !gone.startsWith(root)
          || gone.equals(root)) {
        throw new FbcException(what + ": whiteout \"" + name + "\" names no file inside the image; refusing to "
            + "unpack it");
      }
      delete(gone);
      return;
    }
    if (e.isDirectory()) {
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        delete(target);
      }
      Files.createDirectories(target);
      return;
    }
    Files.createDirectories(target.getParent());
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      delete(target);
    }
    if (e.isSymbolicLink()) {
      String link = e.getLinkName();
      // an absolute target means the image's own root (as container runtimes read it), never the host's
      Path resolved = link.startsWith("/") ? root.resolve(link.substring(1)).normalize()
          : target.getParent().resolve(link).normalize();
      if (!resolved.startsWith(root)) {
        throw new FbcException(what + ": symbolic link \"" + name + "\" -> \"" + link
            + "\" points outside the image; refusing to unpack it");
      }
      Path rel = target.getParent().relativize(resolved);
      Files.createSymbolicLink(target, rel.toString().isEmpty() ? Path.of(".") : rel);
      return;
    }
    if (e.isLink()) {
      Path source = inside(e.getLinkName(), what);
      if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
        throw new FbcException(what + ": hard link \"" + name + "\" -> \"" + e.getLinkName()
            + "\" does not point at a file unpacked before it; refusing to unpack it");
      }
      count(Files.size(source), what);
      Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    if (!e.isFile()) {
      return; // devices, fifos: nothing a catalog needs
    }
    // a sparse entry (GNU or PAX) stores only its data but unpacks to its full size: count and write that
    long size = e.isSparse() ? e.getRealSize() : e.getSize();
    count(size, what);
    try (OutputStream out = Files.newOutputStream(target)) {
      byte[] buf = new byte[1 << 16];
      long left = size;
      int n;
      while (left > 0 && (n = tar.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
        out.write(buf, 0, n);
        left -= n;
      }
    }
  }

  private void count(long size, String what) {
    if (size < 0 || size > maxBytes - written) {
      written = maxBytes + 1;
    } else {
      written += size;
    }
    if (written > maxBytes) {
      throw new FbcException(what + ": unpacks to more than " + maxBytes + " bytes (a decompression bomb?)");
    }
  }

  private static void delete(Path p) throws IOException {
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      clear(p);
    }
    try {
      Files.deleteIfExists(p);
    } catch (DirectoryNotEmptyException ignored) {
      // cleared above
    }
  }

  private static void clear(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir)) {
          Files.delete(p);
        }
      }
    }
  }
}
