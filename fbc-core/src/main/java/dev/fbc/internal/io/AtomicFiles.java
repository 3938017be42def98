package dev.fbc.internal.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Writes files through a temporary file in the same directory and a rename, so no reader sees half a file. An
 * existing file keeps its permissions (and owner and group, where the user may set them); a symbolic link is
 * written through to its target; a file with several hard links is rewritten in place so the links stay one
 * file. Several files are written all or nothing.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  public static void write(Path target, Consumer<OutputStream> body) throws IOException {
    Path real = resolve(target);
    Path dir = real.getParent();
    Files.createDirectories(dir);
    Optional<PosixFileAttributes> attrs = attributes(real);
    if (attrs.isPresent() && linkCount(real) > 1) {
      java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
      body.accept(buf);
      overwrite(real, buf.toByteArray());
      return;
    }
    Path tmp = createTemp(dir, real.getFileName().toString());
    boolean done = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
          OutputStream out = Channels.newOutputStream(ch)) {
        body.accept(out);
        out.flush();
        ch.force(true);
      }
      copyAttributes(attrs, tmp);
      move(tmp, real);
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /**
   * One file of a set written together.
   *
   * @param bytes the new content; empty to delete the file
   * @param before the content it had, to put back when a later file of the set fails; empty for a new file
   */
  public record Change(Path path, Optional<byte[]> bytes, Optional<byte[]> before) {}

  /**
   * Writes every file or none: all new contents go to temporary files first, then each replaces its target; if
   * one fails, the files already replaced get their old content back.
   *
   * @throws IOException naming the file that failed
   */
  public static void writeAll(List<Change> changes) throws IOException {
    record Staged(Change change, Path real, Optional<Path> tmp, boolean inPlace) {}
    List<Staged> staged = new ArrayList<>();
    try {
      for (Change c : changes) {
        Path real = resolve(c.path());
        Optional<PosixFileAttributes> attrs = attributes(real);
        if (c.bytes().isEmpty()) {
          staged.add(new Staged(c, real, Optional.empty(), false));
          continue;
        }
        if (attrs.isPresent() && linkCount(real) > 1) {
          staged.add(new Staged(c, real, Optional.empty(), true));
          continue;
        }
        Files.createDirectories(real.getParent());
        Path tmp = createTemp(real.getParent(), real.getFileName().toString());
        staged.add(new Staged(c, real, Optional.of(tmp), false));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          ByteBuffer buf = ByteBuffer.wrap(c.bytes().get());
          while (buf.hasRemaining()) {
            ch.write(buf);
          }
          ch.force(true);
        }
        copyAttributes(attrs, tmp);
      }
    } catch (IOException | RuntimeException e) {
      for (Staged s : staged) {
        if (s.tmp().isPresent()) {
          Files.deleteIfExists(s.tmp().get());
        }
      }
      throw e;
    }
    List<Staged> done = new ArrayList<>();
    try {
      for (Staged s : staged) {
        if (s.tmp().isPresent()) {
          move(s.tmp().get(), s.real());
        } else if (s.inPlace()) {
          overwrite(s.real(), s.change().bytes().get());
        } else {
          Files.deleteIfExists(s.real());
        }
        done.add(s);
      }
    } catch (IOException | RuntimeException e) {
      for (Staged s : staged) {
        if (!done.contains(s) && s.tmp().isPresent()) {
          Files.deleteIfExists(s.tmp().get());
        }
      }
      for (Staged s : done) {
        try {
          if (s.change().before().isPresent()) {
            overwrite(s.real(), s.change().before().get());
          } else {
            Files.deleteIfExists(s.real());
          }
        } catch (IOException ignored) {
          // the first failure is the one to report
        }
      }
      throw e;
    }
  }

  /** A symbolic link is written through to its target (which may not exist yet). */
  private static Path resolve(Path target) throws IOException {
    Path abs = target.toAbsolutePath();
    int hops = 0;
    while (Files.isSymbolicLink(abs)) {
      if (++hops > 40) {
        throw new IOException(target + ": too many levels of symbolic links");
      }
      abs = abs.resolveSibling(Files.readSymbolicLink(abs)).normalize();
    }
    return abs;
  }

  private static Optional<PosixFileAttributes> attributes(Path p) {
    try {
      return Optional.of(Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  private static int linkCount(Path p) {
    try {
      return (Integer) Files.getAttribute(p, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return 1;
    }
  }

  /** A new empty file beside the target, with the permissions the user's umask gives new files. */
  private static Path createTemp(Path dir, String name) throws IOException {
    for (int i = 0; ; i++) {
      Path tmp = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
      try {
        Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return tmp;
      } catch (FileAlreadyExistsException e) {
        if (i > 100) {
          throw e;
        }
      }
    }
  }

  private static void copyAttributes(Optional<PosixFileAttributes> attrs, Path tmp) throws IOException {
    if (attrs.isEmpty()) {
      return;
    }
    PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    view.setPermissions(attrs.get().permissions());
    try {
      view.setOwner(attrs.get().owner());
      view.setGroup(attrs.get().group());
    } catch (IOException e) {
      // only root (or the owner, for some groups) may: the file then belongs to the user who edits it
    }
  }

  private static void move(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Rewrites a file in place (keeping its inode, so its hard links stay one file). */
  private static void overwrite(Path p, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.CREATE)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
  }
}
